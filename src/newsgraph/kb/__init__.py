"""The actor knowledge base: data files under ``data/``, their loader, and importers."""

from newsgraph.kb.base import Entry, KnowledgeBase, Membership, Role, fold
from newsgraph.kb.load import KBError, load_kb

__all__ = ["Entry", "KBError", "KnowledgeBase", "Membership", "Role", "fold", "load_kb"]
