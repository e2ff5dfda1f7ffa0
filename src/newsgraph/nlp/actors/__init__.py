"""The ``newsgraph_actors`` component (see :mod:`newsgraph.nlp.actors.component`); importing registers its factory."""

from newsgraph.nlp.actors.common import _one_edit
from newsgraph.nlp.actors.component import ActorResolver, make_actor_resolver

__all__ = ["ActorResolver", "_one_edit", "make_actor_resolver"]
