"""Known vulnerabilities in the locked dependencies (security.md A3), for ``make test``.

Runs ``pip-audit`` against the requirements exported from ``uv.lock`` and decides from its
JSON report: any known vulnerability fails. A package the vulnerability service does not
know (a private or very new release, or an incomplete package index) cannot be checked;
it is listed, and fails too when ``INFOPOINT_AUDIT_STRICT=true`` (set it in CI when the
CI runner reaches the real PyPI, so that nothing slips through unaudited).

    python -m infopoint.lib.dependency_audit requirements.txt
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class AuditResult:
    vulnerable: list[str] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)
    audited: int = 0

    def failed(self, *, strict: bool) -> bool:
        return bool(self.vulnerable) or (strict and bool(self.unaudited))


def read_report(report: dict) -> AuditResult:
    """The verdict on one ``pip-audit --format json`` report."""
    result = AuditResult()
    for dependency in report.get("dependencies", []):
        name, version = dependency.get("name", "?"), dependency.get("version", "?")
        if dependency.get("skip_reason"):
            result.unaudited.append(f"{name}: {dependency['skip_reason']}")
            continue
        result.audited += 1
        for vulnerability in dependency.get("vulns", []):
            fixes = ", ".join(vulnerability.get("fix_versions") or []) or "no fix yet"
            aliases = ", ".join(vulnerability.get("aliases") or [])
            label = vulnerability.get("id", "?") + (f" ({aliases})" if aliases else "")
            result.vulnerable.append(f"{name} {version}: {label}; fixed in {fixes}")
    return result


def run_pip_audit(requirements: Path) -> dict:
    command = [
        str(Path(sys.executable).with_name("pip-audit")),
        "--requirement", str(requirements),
        "--require-hashes", "--disable-pip", "--progress-spinner", "off", "--format", "json",
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError:
        # No report at all: the service was unreachable or pip-audit itself failed.
        sys.stderr.write(completed.stderr)
        raise SystemExit(
            f"pip-audit gave no report (exit code {completed.returncode}); see the messages above."
        ) from None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    strict = os.environ.get("INFOPOINT_AUDIT_STRICT", "").lower() in ("1", "true", "yes", "on")
    result = read_report(run_pip_audit(Path(argv[0])))
    for line in result.vulnerable:
        print(f"KNOWN VULNERABILITY  {line}")
    if result.unaudited:
        print(f"{len(result.unaudited)} package(s) could not be audited (not known to the vulnerability service):")
        for line in result.unaudited:
            print(f"  {line}")
    total = result.audited + len(result.unaudited)
    print(
        f"Dependency audit: {result.audited} of {total} packages audited, {len(result.vulnerable)} known vulnerabilities."
    )
    if result.failed(strict=strict):
        if not result.vulnerable:
            print("Failing because INFOPOINT_AUDIT_STRICT is set and not every package could be audited.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
