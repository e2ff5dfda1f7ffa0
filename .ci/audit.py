#!/usr/bin/env python3
"""CI: known vulnerabilities in the installed dependencies (pip-audit on .venv).

A vulnerability found fails the build (pin or upgrade the package in requirements/constraints.txt);
not reaching the vulnerability service (no network, a registry mirror without PyPI's JSON API)
is a warning, since nothing could be checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

VENV = Path(sys.argv[1] if len(sys.argv) > 1 else ".venv")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        cmd = [
            str(VENV / "bin" / "pip-audit"),
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(report),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"warning: pip-audit did not run ({exc}); dependencies not audited", file=sys.stderr)
            return 0
        try:
            deps = json.loads(report.read_text("utf-8"))["dependencies"]
        except (OSError, ValueError, KeyError):
            tail = " ".join(proc.stderr.split())[-300:]
            print(
                f"warning: could not reach the vulnerability service; dependencies not audited ({tail})",
                file=sys.stderr,
            )
            return 0
    audited = [d for d in deps if "skip_reason" not in d]
    found = [d for d in audited if d.get("vulns")]
    for dep in found:
        ids = ", ".join(f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or ['?'])})" for v in dep["vulns"])
        print(f"error: {dep['name']} {dep['version']}: {ids}", file=sys.stderr)
    if found:
        return 1
    if not audited:
        print(
            f"warning: the vulnerability service knew none of the {len(deps)} dependencies "
            "(no access to PyPI's JSON API?); dependencies not audited",
            file=sys.stderr,
        )
        return 0
    print(
        f"pip-audit: no known vulnerabilities in {len(audited)} dependencies ({len(deps) - len(audited)} not audited)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
