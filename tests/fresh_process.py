"""A fresh Python process on the portal's real settings, with only the environment a test names.

As an app server starts: `portal.settings` (not the test run's), and none of the machine's own variables but
what Python needs to run. Run it from an empty folder (a test's tmp_path) so that no `.env` is read either.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MANAGE = str(PROJECT / "manage.py")
KEPT_VARIABLES = frozenset({"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"})


def environment(**variables) -> dict[str, str]:
    inherited = {name: value for name, value in os.environ.items() if name in KEPT_VARIABLES}
    return {**inherited, "DJANGO_SETTINGS_MODULE": "portal.settings", "PYTHONPATH": str(PROJECT), **variables}


def run(arguments, *, folder, **variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *arguments], cwd=folder, env=environment(**variables), capture_output=True, text=True
    )


def print_settings(expressions: dict[str, str]) -> list[str]:
    """The arguments of a process that prints these settings expressions (`settings.X`) as one JSON object."""
    values = ", ".join(f"{json.dumps(name)}: {expression}" for name, expression in expressions.items())
    setup = "import json, django; from django.conf import settings; django.setup()"
    return ["-c", f"{setup}; print(json.dumps({{{values}}}))"]
