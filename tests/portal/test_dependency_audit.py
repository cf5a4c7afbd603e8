"""The dependency audit CI runs (scripts/audit_dependencies.py), judged on pip-audit's JSON reports.

pip-audit answers "No known vulnerabilities found" and succeeds when it could audit nothing at all (its
service unreachable): the wrapper must not read that as clean.
"""

import json

from scripts import audit_dependencies

DJANGO_ADVISORY = {
    "id": "PYSEC-2025-1",
    "aliases": ["CVE-2025-0001"],
    "fix_versions": ["5.2.9"],
    "description": "SQL injection in a lookup.",
}


def audit(tmp_path, capsys, dependencies, *args):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    status = audit_dependencies.main(["--from-json", str(report), *args])
    return status, capsys.readouterr().out


def test_a_vulnerability_with_a_fix_fails_and_names_the_fix(tmp_path, capsys):
    status, out = audit(
        tmp_path,
        capsys,
        [
            {"name": "django", "version": "5.2.1", "vulns": [DJANGO_ADVISORY]},
            {"name": "pillow", "version": "11.0.0", "vulns": []},
        ],
    )
    assert status == 1
    assert "VULNERABLE (a fix exists): django 5.2.1: PYSEC-2025-1, CVE-2025-0001; fixed in 5.2.9" in out


def test_a_vulnerability_without_a_fix_is_a_warning(tmp_path, capsys):
    unfixed = {**DJANGO_ADVISORY, "fix_versions": []}
    status, out = audit(tmp_path, capsys, [{"name": "django", "version": "5.2.1", "vulns": [unfixed]}])
    assert status == 0
    assert "warning, known vulnerability without a fix: django 5.2.1" in out


def test_a_clean_audit_passes(tmp_path, capsys):
    status, out = audit(tmp_path, capsys, [{"name": "django", "version": "5.2.19", "vulns": []}])
    assert status == 0
    assert "Audited 1 installed dependencies, 0 not audited." in out
    assert "No known vulnerability in the installed set." in out


def test_dependencies_that_could_not_be_audited_are_not_a_clean_audit(tmp_path, capsys):
    skipped = [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}]
    status, out = audit(tmp_path, capsys, skipped)
    assert status == 3
    assert "NOT AUDITED" in out and "django: Dependency not found on PyPI" in out
    assert "No known vulnerability" not in out


def test_allowing_unaudited_dependencies_still_says_so(tmp_path, capsys):
    skipped = [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}]
    status, out = audit(tmp_path, capsys, skipped, "--allow-unaudited")
    assert status == 0
    assert "NOT AUDITED" in out and "--allow-unaudited" in out


def test_a_fixable_vulnerability_fails_even_when_others_were_not_audited(tmp_path, capsys):
    dependencies = [
        {"name": "django", "version": "5.2.1", "vulns": [DJANGO_ADVISORY]},
        {"name": "nh3", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ]
    status, _out = audit(tmp_path, capsys, dependencies, "--allow-unaudited")
    assert status == 1
