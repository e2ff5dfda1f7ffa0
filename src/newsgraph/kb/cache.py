"""A compiled cache for what is built from data files (the knowledge base, the event lexicon).

Parsing ~2 MB of YAML and building the indexes costs seconds at every start; unpickling the
result costs a fraction of that.  :func:`cached` keys each result by a hash of the files it was
built from (their paths and bytes), of the code version and of the Python version, so an edited
file or a new release is never served a stale result (the package's own files are named by their
path inside the package, so every checkout of the same code and data shares one result, and the
:data:`KEEP` most recent results of each name are kept).  The cache lives in the user's cache
folder (``$NEWSGRAPH_CACHE``, else ``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``),
never in the repository; set ``NEWSGRAPH_CACHE=off`` to disable it.  Any failure to read or write
it falls back to building, so the cache can only make things faster.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from newsgraph import __version__

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]  # the newsgraph package
# Compiled results kept per name: several checkouts or versions side by side (other branches, a
# virtual environment per project) each find theirs, instead of evicting each other's at every start.
KEEP = 4


def cache_dir() -> Path | None:
    """Where compiled results are kept, or None when caching is off."""
    configured = os.environ.get("NEWSGRAPH_CACHE")
    if configured:
        return None if configured.lower() in ("off", "0", "no", "false") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgraph"


def files_key(name: str, files: Iterable[Path], *extra: str) -> str:
    """A hash of the files' paths and contents, the code version and ``extra``."""
    digest = hashlib.sha256(f"{name}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    for part in extra:
        digest.update(part.encode() + b"\0")
    for path in files:
        digest.update(_name(Path(path)).encode() + b"\0")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:32]


def _name(path: Path) -> str:
    """A file's path inside the package when it is one of the package's own (so that every checkout
    or install of the same code and data shares one compiled result), else its absolute path."""
    try:
        return path.resolve().relative_to(_PACKAGE).as_posix()
    except ValueError:
        return str(path)


def cached(name: str, files: Iterable[Path], build: Callable[[], T], *extra: str) -> T:
    """``build()``, or its result from the cache when the same files built it before."""
    folder = cache_dir()
    if folder is None:
        return build()
    files = list(files)
    try:
        target = folder / f"{name}.{files_key(name, files, *extra)}.pickle"
    except OSError:
        return build()
    try:
        with open(target, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    _store(folder, name, target, value)
    return value


def _store(folder: Path, name: str, target: Path, value: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        others = sorted(
            (p for p in folder.glob(f"{name}.*.pickle") if p != target), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in others[KEEP - 1 :]:
            old.unlink(missing_ok=True)  # the least recently built beyond KEEP
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # atomic: a concurrent reader sees the old file or the new one
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
