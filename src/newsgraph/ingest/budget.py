"""A per-document time budget, so that no single input can stall a batch.

:func:`time_limit` arms a timer around one piece of work (cleaning one page,
analysing one document); when it runs out, :class:`BudgetExceeded` is raised
inside that work and the caller reports the input and goes on.

Why a signal timer and not a thread or a process: cleaning and the NLP are
CPU-bound Python (a thread cannot be stopped), and a process per document
would cost more than the work itself.  Python's regular-expression engine
checks for signals while it matches, so even a runaway pattern is
interrupted.  The timer only works in the main thread of a POSIX process;
elsewhere (worker threads, Windows) :func:`time_limit` does nothing and the
engine that runs the work enforces the budget itself (the process pool can
end a worker).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Seconds one document may spend in cleaning, and again in the NLP (setting ``doc_timeout``).
DEFAULT_DOC_TIMEOUT = 60.0


class BudgetExceeded(BaseException):
    """The work took longer than its budget.  ``str()`` is a short reason.

    A ``BaseException``, like ``KeyboardInterrupt``: libraries that catch
    ``Exception`` around their work (trafilatura does, around lxml) must not
    swallow it and carry on unbounded.
    """

    def __init__(self, seconds: float, what: str = "processing") -> None:
        super().__init__(f"{what} took longer than {seconds:g}s (the time budget, setting doc_timeout)")
        self.seconds = seconds
        self.what = what


def can_limit() -> bool:
    """Whether :func:`time_limit` can interrupt work here (main thread, POSIX, no timer armed)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def time_limit(seconds: float | None, what: str = "processing") -> Iterator[bool]:
    """Raise :class:`BudgetExceeded` in the block if it runs longer than ``seconds``.

    Yields whether the limit is armed.  ``None`` or ``0`` means no limit; a
    limit inside another one is not armed (the outer one still holds).
    """
    if not seconds or seconds <= 0 or not can_limit():
        yield False
        return

    def expired(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise BudgetExceeded(seconds, what)

    previous = signal.signal(signal.SIGALRM, expired)
    # Fires again every half second should something still swallow the first one.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
