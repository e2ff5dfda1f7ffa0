"""The Ray runner on a local Ray instance: Parquet partitions that ``import`` stores exactly as the
local engine does; a second run skips the inputs already done."""

from __future__ import annotations

import pytest

from newsgraph.engines.local import run
from newsgraph.store import Store

ray = pytest.importorskip("ray", reason="ray is not installed: pip install 'newsgraph[ray]'")

TEXTS = {
    "a.txt": "Russia accused Ukraine of shelling the Zaporizhzhia plant on Monday.\n\n"
    "The Kremlin said Moscow would respond.",
    "b.txt": "France and Germany signed a defence agreement in Paris on Tuesday.\n\n"
    "Chancellor Olaf Scholz said the two countries will build a new tank by 2030.",
    "c.txt": "China warned Taiwan against seeking independence.",
}


def _tables(db) -> dict[str, list]:
    with Store(db) as store:
        return {
            t: store.con.execute(f"SELECT * EXCLUDE ({skip}) FROM {t} ORDER BY ALL").fetchall()
            for t, skip in (
                ("documents", "ingested_at"),
                ("mentions", "doc_id"),
                ("actors", "id"),
                ("events", "doc_id"),
                ("statements", "doc_id"),
                ("times", "doc_id"),
                ("forecasts", "doc_id"),
            )
        }


@pytest.mark.slow
def test_ray_runner_matches_the_local_engine_and_resumes(tmp_path):
    from newsgraph.engines.ray_runner import import_parquet, run_ray

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    out = tmp_path / "parquet"
    errors: list[str] = []
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        stats = run_ray([str(folder)], out, workers=1, inputs_per_task=2, on_error=errors.append)
        assert (stats.inputs, stats.documents, stats.skipped) == (4, 3, 0)
        assert len(errors) == 1 and "empty.txt" in errors[0]
        (folder / "d.txt").write_text("Kenya's president urged calm in Nairobi.", "utf-8")
        again = run_ray([str(folder)], out, workers=1, inputs_per_task=2)
        assert (again.inputs, again.documents, again.skipped) == (1, 1, 4)  # only the new input
    finally:
        ray.shutdown()
    with Store(tmp_path / "ray.duckdb") as store:
        imported = import_parquet(out, store)
    assert (imported.added, len(imported.errors)) == (4, 1), imported.errors
    with Store(tmp_path / "local.duckdb") as store:
        run([str(folder)], store=store)
    assert _tables(tmp_path / "ray.duckdb") == _tables(tmp_path / "local.duckdb")
