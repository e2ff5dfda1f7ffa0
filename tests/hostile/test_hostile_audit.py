"""The CI's dependency audit (.ci/audit.py): a vulnerability fails, an unreachable service warns."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _audit(tmp_path: Path, report: dict | None) -> subprocess.CompletedProcess:
    """Run .ci/audit.py against a stand-in pip-audit that writes ``report`` (or fails to reach the service)."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    fake = bin_dir / "pip-audit"
    if report is None:
        fake.write_text("#!/bin/sh\necho 'ConnectionError: pypi.org unreachable' >&2\nexit 1\n")
    else:
        payload = json.dumps(report).replace("'", "'\\''")
        fake.write_text(f'#!/bin/sh\nwhile [ "$1" != --output ]; do shift; done\necho \'{payload}\' > "$2"\nexit 1\n')
    fake.chmod(0o755)
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "audit.py"), str(tmp_path / "venv")], capture_output=True, text=True
    )


def test_a_known_vulnerability_fails_the_build(tmp_path: Path) -> None:
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["9.9"]}
    result = _audit(tmp_path, {"dependencies": [{"name": "somepkg", "version": "1.0", "vulns": [vuln]}]})
    assert result.returncode == 1
    assert "somepkg 1.0: PYSEC-2099-1 (fixed in 9.9)" in result.stderr


def test_an_unreachable_service_is_a_warning(tmp_path: Path) -> None:
    result = _audit(tmp_path, None)
    assert result.returncode == 0 and "warning: could not reach the vulnerability service" in result.stderr
    skipped = {"dependencies": [{"name": "x", "skip_reason": "Dependency not found on PyPI"}]}
    result = _audit(tmp_path / "b", skipped)
    assert result.returncode == 0 and "not audited" in result.stderr


def test_a_clean_audit_passes(tmp_path: Path) -> None:
    result = _audit(tmp_path, {"dependencies": [{"name": "x", "version": "1", "vulns": []}]})
    assert result.returncode == 0 and "no known vulnerabilities in 1 dependencies" in result.stderr
