"""Checks of what users type: option values, and text on its way to the terminal.

Each check returns the clean value or raises :class:`BadInput` whose message
is one line naming the option and the value, so that a typo gives an error
and a non-zero exit instead of a silently wrong answer (``--due-before
garbage`` used to list every forecast).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from newsgraph.ingest.base import terminal_safe

__all__ = [
    "BadInput",
    "choice",
    "day",
    "event_type",
    "event_types",
    "output_dir",
    "output_file",
    "resolve_request",
    "terminal_safe",
]

FORECAST_STATUSES = ("open", "due", "came_true", "expired")


class BadInput(ValueError):
    """A value a user typed that cannot be used; ``str()`` is the one-line message."""


def day(value: str | None, option: str) -> str | None:
    """A YYYY-MM-DD date (None passes)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadInput(f"{option}: not a date (YYYY-MM-DD): {terminal_safe(value)!r}") from None


def choice(value: str | None, option: str, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    folded = value.strip().lower().replace("-", "_")
    for item in allowed:
        if item.lower() == folded:
            return item
    raise BadInput(f"{option}: one of {', '.join(allowed)}, not {terminal_safe(value)!r}")


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """The event types the pipeline codes: PLOVER's (``nlp/data/cameo.yaml``) and UNCODED."""
    data = resources.files("newsgraph.nlp").joinpath("data/cameo.yaml").read_text("utf-8")
    cameo = yaml.safe_load(data)
    types = set(cameo.get("plover_intensity") or {})
    types |= {str(v["plover"]) for v in (cameo.get("codes") or {}).values() if v.get("plover")}
    return tuple(sorted(types)) + ("UNCODED",)


def event_type(value: str | None, option: str = "--type") -> str | None:
    if value is None:
        return None
    found = choice(value, option, event_types())
    return found.upper() if found else None


def output_file(path: Path, option: str, force: bool = False) -> Path:
    """A file that may be written: its folder exists and is writable; an existing file only with ``force``."""
    shown = terminal_safe(str(path))
    if path.is_dir():
        raise BadInput(f"{option}: {shown} is a directory")
    if path.exists() and not force:
        raise BadInput(f"{option}: {shown} exists (pass --force to overwrite it)")
    if path.exists() and not os.access(path, os.W_OK):
        raise BadInput(f"{option}: {shown} is not writable")
    _writable_parent(path, option)
    return path


def output_dir(path: Path, option: str) -> Path:
    """A directory that may be written into: an existing writable directory, or a new one in a writable folder."""
    shown = terminal_safe(str(path))
    if path.exists() and not path.is_dir():
        raise BadInput(f"{option}: {shown} exists and is not a directory")
    if path.is_dir():
        if not os.access(path, os.W_OK | os.X_OK):
            raise BadInput(f"{option}: {shown} is not writable")
        return path
    _writable_parent(path, option)
    return path


def _writable_parent(path: Path, option: str) -> None:
    parent = path.absolute().parent
    shown = terminal_safe(str(parent))
    if not parent.is_dir():
        raise BadInput(f"{option}: the folder {shown} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BadInput(f"{option}: the folder {shown} is not writable")


def resolve_request(raw: bytes, max_chars: int) -> tuple[str, str | None, str | None]:
    """``(text, date, context)`` of one ``actors resolve`` line; :class:`BadInput` says what is wrong.

    ``text`` must be a non-empty string, ``date`` a YYYY-MM-DD string (or
    absent), ``context`` a string (or absent); neither may be longer than
    the pipeline takes (``max_chars``).
    """
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not valid UTF-8 (byte {exc.start})") from None
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadInput(f"malformed JSON ({getattr(exc, 'msg', type(exc).__name__)})") from None
    if not isinstance(row, dict):
        raise BadInput("a line must be a JSON object")
    text, date, context = row.get("text"), row.get("date"), row.get("context")
    if not isinstance(text, str) or not text.strip():
        raise BadInput("'text' must be a non-empty string")
    if date is not None:
        if not isinstance(date, str):
            raise BadInput(f"'date' must be a YYYY-MM-DD string, not {type(date).__name__}")
        date = day(date, "'date'")
    if context is not None and not isinstance(context, str):
        raise BadInput(f"'context' must be a string, not {type(context).__name__}")
    for name, value in (("text", text), ("context", context)):
        if value is not None and len(value) > max_chars:
            raise BadInput(f"'{name}' is too long ({len(value):,} characters; at most {max_chars:,})")
    return text, date, context
