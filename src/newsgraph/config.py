"""Settings: defaults, overridden by a ``newsgraph.toml`` file, overridden by command-line options.

The file is the one named by ``--config``, else ``$NEWSGRAPH_CONFIG``, else
``./newsgraph.toml`` if present.  Its keys are the fields of :class:`Settings`
at the top level or under a ``[newsgraph]`` table::

    model = "en_core_web_trf"
    db = "news.duckdb"
    batch_size = 64
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from newsgraph.ingest.base import DEFAULT_MAX_BYTES
from newsgraph.ingest.budget import DEFAULT_DOC_TIMEOUT
from newsgraph.nlp.identity import DEFAULT_MODEL
from newsgraph.store import DEFAULT_DB  # the name only: DuckDB is imported when a store is opened


@dataclass(slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    batch_size: int = 32
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    # Seconds one document may spend in cleaning, and again in the NLP, before it is skipped; 0: none.
    doc_timeout: float = DEFAULT_DOC_TIMEOUT
    # Fetch URLs on loopback, private, link-local and metadata addresses (ingest.netguard).
    allow_private_addresses: bool = False
    # newsgraph serve: POST /api/documents is off unless a token is set (here or $NEWSGRAPH_API_TOKEN)
    api_token: str | None = None
    api_max_body: int = 2_000_000  # bytes of one POST body


def load_settings(path: Path | None = None, **overrides: object) -> Settings:
    """Defaults < config file < ``overrides`` (None values are ignored)."""
    settings = Settings()
    if path is None:
        env = os.environ.get("NEWSGRAPH_CONFIG")
        path = Path(env) if env else (Path("newsgraph.toml") if Path("newsgraph.toml").is_file() else None)
    if path is not None:
        with Path(path).open("rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise ValueError(f"{path}: not valid TOML ({exc})") from None
        data = data.get("newsgraph", data)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: [newsgraph] must be a table")
        known = {f.name for f in fields(Settings)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
        for key, value in data.items():
            setattr(settings, key, _checked(path, key, value))
    for key, value in overrides.items():
        if value is not None:
            setattr(settings, key, str(value) if key == "db" else value)
    return settings


def _checked(path: Path, key: str, value: object) -> object:
    """``value`` if it fits setting ``key`` (the type of its default; numbers above 0), else ValueError."""
    default = getattr(Settings(), key)
    where = f"{path}: setting {key}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be true or false, not {value!r}")
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{where} must be a whole number of at least 1, not {value!r}")
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{where} must be a number of seconds (0 or more), not {value!r}")
        return float(value)
    elif isinstance(default, str) and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"{where} must be a non-empty string, not {value!r}")
    return value
