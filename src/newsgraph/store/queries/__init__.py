"""Read-side queries over the store: the listings behind the CLI's read commands and the HTTP API.

Every listing filters, sorts and limits in SQL (over the derived tables of migration 006 where
an actor or a pair of actors is asked for) and returns one page with the total.
"""

from newsgraph.store.queries.common import (
    COUNTED_MODALITIES,
    Page,
    QueryError,
    actor_ids,
    actor_ids_matching,
    actor_names,
    open_for_reading,
    parse_day,
)
from newsgraph.store.queries.documents import document_record, find_documents, stats
from newsgraph.store.queries.events import (
    INTERVALS,
    Dyad,
    EventRow,
    actor_timeline,
    dyad_scores,
    dyad_series,
    find_events,
    list_events,
)
from newsgraph.store.queries.network import EDGE_RELATIONS, network
from newsgraph.store.queries.statements import (
    FORECAST_STATUSES,
    find_forecasts,
    find_statements,
    list_forecasts,
    list_statements,
)

__all__ = [
    "COUNTED_MODALITIES",
    "EDGE_RELATIONS",
    "FORECAST_STATUSES",
    "INTERVALS",
    "Dyad",
    "EventRow",
    "Page",
    "QueryError",
    "actor_ids",
    "actor_ids_matching",
    "actor_names",
    "actor_timeline",
    "document_record",
    "dyad_scores",
    "dyad_series",
    "find_documents",
    "find_events",
    "find_forecasts",
    "find_statements",
    "list_events",
    "list_forecasts",
    "list_statements",
    "network",
    "open_for_reading",
    "parse_day",
    "stats",
]
