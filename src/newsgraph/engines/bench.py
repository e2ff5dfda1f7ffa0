"""``newsgraph bench``: the full analysis against bare ``nlp.pipe``, same texts, same processes.

In one run, over the same articles and at the same process count:

* **ours**: the local engine end to end (read, clean, detect the language, NLP with every stage,
  store into a temporary database with the forecast ledger);
* **bare**: ``nlp.pipe`` of the same pipeline (:func:`~newsgraph.nlp.pipeline.load_pipeline`)
  over the cleaned texts, in as many processes, nothing else.

The pipeline is loaded once before timing and the worker processes are forked from it, so
neither side pays the start-up.  ``ratio`` = ours / bare in documents per second; with
``repeat`` > 1 the two alternate and the medians are reported.  ``cpu_ratio`` is the same
comparison in documents per CPU second (this process's threads and its workers'): it holds on a
loaded machine, and it shows what the wall ratio gains from work overlapped on another core (the
local engine writes the store on a thread of its own beside an in-process NLP).  With one process,
``main_thread_cpu_ratio`` compares the CPU seconds of the thread that reads, cleans and analyses
(the writer thread's work left out) with bare: what the wall ratio comes to when a second core
takes the writer's work, the load-free estimate of the overlap.  ``parent_cpu_seconds`` is the CPU of
this process alone and ``workers_cpu_seconds`` that of the worker processes (with one process, all of
it is the parent's): with workers, what the parent spends reading, cleaning, writing and linking per
document (``parent_cpu_ms_per_doc``) is taken from the cores the NLP would use.  ``peak_rss_mb`` is the largest
resident memory of this process and its workers together during the full analyses (summed RSS:
pages the forked workers share with this process count once per process); ``peak_pss_mb`` the
same in proportional set sizes, each shared page counted once in all.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from newsgraph.engines.local import run
from newsgraph.ingest import IngestError, iter_documents
from newsgraph.store import Store


class BenchError(RuntimeError):
    pass


def default_corpus() -> Path | None:
    """``../shared/corpus/bbc`` (or under ``$NEWSGRAPH_SHARED``) when present."""
    base = Path(os.environ.get("NEWSGRAPH_SHARED", "../shared"))
    folder = base / "corpus" / "bbc"
    return folder if folder.is_dir() else None


def corpus_folder(given: Path | None) -> Path:
    """The corpus a benchmark script reads: ``given``, else the default; exits with one line if none."""
    folder = given or default_corpus()
    if folder is None:
        raise SystemExit("no corpus: give --corpus DIR (../shared/corpus/bbc is not here)")
    if not Path(folder).is_dir() or not corpus_files(folder, 1):
        raise SystemExit(f"{folder}: no corpus folder with .txt articles")
    return folder


def corpus_files(folder: Path, limit: int | None = None) -> list[str]:
    from newsgraph.ingest import files

    paths = [str(p) for p in files.iter_directory(Path(folder)) if p.suffix.lower() == ".txt" or p.suffix == ""]
    paths = [p for p in paths if not p.lower().endswith("readme.txt")]
    return paths[:limit] if limit else paths


class _PeakRSS:
    """Samples the resident memory of this process and its descendants (Linux ``/proc``): ``peak``
    sums their RSS, which counts a page shared copy-on-write by forked workers once per process;
    ``peak_pss`` sums their proportional set sizes (a shared page split between its sharers), what
    the tree really holds.  RSS is read every ``every`` seconds; PSS, which costs the kernel a walk
    of every mapping (~5 ms for a 600 MB process), every ``pss_every`` samples.  ``cpu`` is the CPU
    seconds the sampling took, for the bench to leave out of the analysis's own."""

    def __init__(self, every: float = 0.2, pss_every: int = 5) -> None:
        self.every, self.pss_every, self.peak, self.peak_pss, self.cpu = every, pss_every, 0, 0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> _PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample(pss=True)

    def _loop(self) -> None:
        start, n = time.thread_time(), 0
        while not self._stop.wait(self.every):
            self._sample(pss=n % self.pss_every == 0)
            n += 1
        self.cpu = time.thread_time() - start

    def _sample(self, pss: bool) -> None:
        self.peak = max(self.peak, _tree_rss(os.getpid()))
        if pss:
            self.peak_pss = max(self.peak_pss, _tree_rss(os.getpid(), "Pss:"))


def _tree_rss(pid: int, field: str = "VmRSS:") -> int:
    """Resident bytes of ``pid`` and every descendant (``field`` "Pss:": proportional bytes)."""
    total, todo = 0, [pid]
    source = "status" if field == "VmRSS:" else "smaps_rollup"
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/{source}") as fh:
                for line in fh:
                    if line.startswith(field):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def _bare_chunk(texts: list[str], model: str, batch_size: int) -> int:
    from newsgraph.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model)
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its children that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _bare(texts: list[str], model: str, batch_size: int, workers: int) -> tuple[float, float]:
    """Seconds and CPU seconds for bare ``nlp.pipe`` over ``texts`` in ``workers`` processes."""
    chunks = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    if workers <= 1:
        start, cpu = time.perf_counter(), _cpu()
        for chunk in chunks:
            _bare_chunk(chunk, model, batch_size)
        return time.perf_counter() - start, _cpu() - cpu
    context = multiprocessing.get_context("fork")
    cpu = _cpu()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        list(pool.map(_bare_chunk, [[]] * workers, [model] * workers, [batch_size] * workers))  # started
        start = time.perf_counter()
        done = sum(pool.map(_bare_chunk, chunks, [model] * len(chunks), [batch_size] * len(chunks)))
        seconds = time.perf_counter() - start
    assert done == len(texts)
    return seconds, _cpu() - cpu  # the workers' start (the pipeline is forked, loaded) counted in


def _own_cpu() -> float:
    """CPU seconds of this process alone (all its threads), its children left out."""
    t = os.times()
    return t.user + t.system


def _ours(
    paths: list[str], model: str, batch_size: int, workers: int
) -> tuple[float, float, float, int, int, int, float]:
    """Seconds, CPU seconds (all but the memory sampling's, and of this thread), documents, peak RSS,
    peak PSS of the local engine over ``paths`` into a new store, and the CPU seconds of this process
    alone (the memory sampling's left out; with worker processes: what reads, writes and links)."""
    with (
        tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp,
        Store(Path(tmp) / "bench.duckdb") as store,
        _PeakRSS() as rss,
    ):
        start, cpu, thread, own = time.perf_counter(), _cpu(), time.thread_time(), _own_cpu()
        stats = run(paths, model=model, store=store, batch_size=batch_size, workers=workers)
        seconds, cpu, thread = time.perf_counter() - start, _cpu() - cpu, time.thread_time() - thread
        own = _own_cpu() - own
    return seconds, cpu - rss.cpu, thread, stats.documents, rss.peak, rss.peak_pss, own - rss.cpu


def run_bench(
    folder: Path,
    *,
    limit: int | None = None,
    workers: int = 1,
    batch_size: int = 32,
    model: str | None = None,
    repeat: int = 1,
    on_progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The figures of ``newsgraph bench`` (see the module docstring)."""
    from newsgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline

    model = model or DEFAULT_MODEL
    paths = corpus_files(folder, limit)
    if not paths:
        raise BenchError(f"{folder}: no articles")
    docs = [d for d in iter_documents(paths) if not isinstance(d, IngestError)]
    texts = [d.text for d in docs if d.language in (None, "en")]
    words = sum(len(t.split()) for t in texts)
    load_pipeline(model)  # once, before timing; the workers are forked from it
    say = on_progress or (lambda _line: None)
    ours, bare, peaks, pss, documents = [], [], [], [], 0
    ours_cpu, bare_cpu, main_cpu, parent_cpu = [], [], [], []
    for i in range(repeat):
        seconds, cpu = _bare(texts, model, batch_size, workers)
        bare.append(seconds)
        bare_cpu.append(cpu)
        say(f"run {i + 1}/{repeat}: bare nlp.pipe {len(texts)} texts in {bare[-1]:.1f} s")
        seconds, cpu, thread, documents, peak, proportional, own = _ours(paths, model, batch_size, workers)
        ours.append(seconds)
        ours_cpu.append(cpu)
        parent_cpu.append(own)
        main_cpu.append(thread)
        peaks.append(peak)
        pss.append(proportional)
        say(f"run {i + 1}/{repeat}: full analysis {documents} documents in {seconds:.1f} s")
    t_ours, t_bare = statistics.median(ours), statistics.median(bare)
    figures: dict[str, Any] = {
        "docs_per_s": round(documents / t_ours, 3),
        "words_per_s": round(words * documents / max(1, len(texts)) / t_ours, 1),
        "spacy_docs_per_s": round(len(texts) / t_bare, 3),
        "ratio": round((documents / t_ours) / (len(texts) / t_bare), 3),
        "peak_rss_mb": round(max(peaks) / 2**20, 1),
        "peak_pss_mb": round(max(pss) / 2**20, 1),
        "processes": workers,
        "documents": documents,
        "seconds": round(t_ours, 2),
        "spacy_seconds": round(t_bare, 2),
        "repeat": repeat,
        # the same comparison in documents per CPU second (ours / bare): what the machine spent
        "cpu_ratio": round(
            (documents / max(1e-9, statistics.median(ours_cpu))) / (len(texts) / statistics.median(bare_cpu)), 3
        ),
        "cpu_seconds": round(statistics.median(ours_cpu), 2),
        "spacy_cpu_seconds": round(statistics.median(bare_cpu), 2),
        # ours split: this process (reading, cleaning, the store write, the link step; with one process
        # the NLP too) and the worker processes (the NLP), medians; per document in milliseconds
        "parent_cpu_seconds": round(statistics.median(parent_cpu), 2),
        "workers_cpu_seconds": round(statistics.median(c - p for c, p in zip(ours_cpu, parent_cpu, strict=True)), 2),
        "parent_cpu_ms_per_doc": round(1000 * statistics.median(parent_cpu) / max(1, documents), 1),
    }
    if workers <= 1:  # the reading and NLP thread alone against bare: the wall ratio with a core for the writer
        figures["main_thread_cpu_ratio"] = round(
            (documents / max(1e-9, statistics.median(main_cpu))) / (len(texts) / statistics.median(bare_cpu)), 3
        )
    return figures
