"""Audit the installed dependencies for known vulnerabilities with pip-audit; fail on one that has a fix.

    python scripts/audit_dependencies.py [--python .venv/bin/python] [--allow-unaudited] [--from-json F]

pip-audit runs from its own virtual environment (.venv-audit, made on first use), so its own dependencies
never mix with the site's. It audits exactly what the site's environment has installed (`pip freeze`), not
what pyproject.toml allows.

Outcome, printed and as the exit status:
  0  every dependency was audited; none has a known vulnerability with a fixed release (unfixed ones are
     listed as warnings: nothing to upgrade to yet);
  1  a dependency has a known vulnerability and a release that fixes it: upgrade (pyproject's ranges allow
     it, or must be widened);
  3  some dependencies could not be audited (the advisory service was unreachable, or does not know the
     release). pip-audit itself reports "No known vulnerabilities found" and succeeds in that case, which
     would read as a clean audit; here it is an error unless --allow-unaudited is given, which turns it
     into a loud warning (for a machine with no route to an advisory database).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
AUDIT_VENV = PROJECT_ROOT / ".venv-audit"
PIP_AUDIT = "pip-audit>=2.7"

CLEAN, FIXABLE, UNAUDITED = 0, 1, 3


@dataclass
class Findings:
    audited: int = 0
    fixable: list[str] = field(default_factory=list)
    unfixed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_report(report: dict) -> Findings:
    """pip-audit's JSON report, sorted: what must be fixed, what can't be yet, and what wasn't seen."""
    findings = Findings()
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if "skip_reason" in dependency:
            findings.skipped.append(f"{name}: {dependency['skip_reason']}")
            continue
        findings.audited += 1
        for vulnerability in dependency.get("vulns", []):
            ids = ", ".join([vulnerability["id"], *vulnerability.get("aliases", [])])
            fixes = vulnerability.get("fix_versions", [])
            if fixes:
                findings.fixable.append(f"{name}: {ids}; fixed in {', '.join(fixes)}")
            else:
                findings.unfixed.append(f"{name}: {ids}; no fixed release yet")
    return findings


def verdict(findings: Findings, *, allow_unaudited: bool) -> tuple[int, list[str]]:
    lines = [f"Audited {findings.audited} installed dependencies, {len(findings.skipped)} not audited."]
    lines += [f"VULNERABLE (a fix exists): {entry}" for entry in findings.fixable]
    lines += [f"warning, known vulnerability without a fix: {entry}" for entry in findings.unfixed]
    if findings.fixable:
        return FIXABLE, lines
    if findings.skipped:
        lines.append("NOT AUDITED (no advisory data reached for these; this is not a clean audit):")
        lines += [f"  {entry}" for entry in findings.skipped]
        if not allow_unaudited:
            return UNAUDITED, lines
        lines.append("Continuing because --allow-unaudited was given.")
        return CLEAN, lines
    lines.append("No known vulnerability in the installed set.")
    return CLEAN, lines


def run_pip_audit(python: str) -> dict:
    auditor = _audit_environment()
    frozen = subprocess.run(
        [python, "-m", "pip", "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirements:
        requirements.write(frozen)
        requirements.flush()
        # --no-deps/--disable-pip: audit the frozen list as it is, without resolving it again.
        result = subprocess.run(
            [auditor, "--requirement", requirements.name, "--no-deps", "--disable-pip"]
            + ["--format", "json", "--progress-spinner", "off"],
            capture_output=True,
            text=True,
        )
    if not result.stdout.strip():
        raise SystemExit(f"pip-audit gave no report (exit {result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout)


def _audit_environment() -> str:
    auditor = AUDIT_VENV / "bin" / "pip-audit"
    if not auditor.exists():
        subprocess.run([sys.executable, "-m", "venv", str(AUDIT_VENV)], check=True)
        subprocess.run(
            [str(AUDIT_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", PIP_AUDIT], check=True
        )
    return str(auditor)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=str(PROJECT_ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--allow-unaudited", action="store_true")
    parser.add_argument("--from-json", type=Path, help="read a pip-audit JSON report instead of running it")
    args = parser.parse_args(argv)
    report = json.loads(args.from_json.read_text()) if args.from_json else run_pip_audit(args.python)
    status, lines = verdict(read_report(report), allow_unaudited=args.allow_unaudited)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
