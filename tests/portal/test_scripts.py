"""scripts/serve.sh and scripts/test.sh, run for real against a stand-in .venv whose programs only log."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SCRIPTS = ("_bootstrap.sh", "serve.sh", "test.sh")
# Every program the scripts run from .venv; each stand-in appends its name and arguments to the log.
VENV_PROGRAMS = ("python", "ruff", "pytest")
FIRST_RUN_NOTICE = "Installing the project and its dependencies into .venv"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@pytest.fixture
def checkout(tmp_path):
    folder = tmp_path / "checkout"
    (folder / "scripts").mkdir(parents=True)
    for name in SCRIPTS:
        shutil.copy(PROJECT / "scripts" / name, folder / "scripts" / name)
    shutil.copy(PROJECT / "pyproject.toml", folder / "pyproject.toml")
    return folder


def _stand_in_venv(folder: Path) -> Path:
    """What `python -m venv` would make, with programs that record their calls instead of working."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    for name in VENV_PROGRAMS:
        program = bin_dir / name
        program.write_text(f'#!/bin/sh\necho "{name} $*" >> "$STAND_IN_LOG"\n')
        program.chmod(0o755)
    return folder


def _fake_system_python(checkout: Path) -> Path:
    """A PYTHON that answers the scripts' own questions with the real interpreter but fakes `-m venv`."""
    template = _stand_in_venv(checkout.parent / "venv-template")
    program = checkout.parent / "system-python"
    program.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '    echo "system-python $*" >> "$STAND_IN_LOG"\n'
        f'    exec cp -R "{template}" "$3"\n'
        "fi\n"
        f'exec "{sys.executable}" "$@"\n'
    )
    program.chmod(0o755)
    return program


def _run(checkout: Path, script: str, python: Path | str = sys.executable, *, check=True):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(checkout.parent),
        "PYTHON": str(python),
        "STAND_IN_LOG": str(checkout.parent / "calls.log"),
    }
    result = subprocess.run(
        ["bash", f"scripts/{script}"], cwd=checkout, env=env, capture_output=True, text=True, timeout=60
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def _calls(checkout: Path) -> list[str]:
    log = checkout.parent / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def _pip_installs(checkout: Path) -> list[str]:
    return [call for call in _calls(checkout) if call.startswith("python -m pip")]


def test_switching_between_serve_and_test_installs_only_once(checkout):
    _stand_in_venv(checkout / ".venv")

    for script in ("serve.sh", "test.sh", "serve.sh", "test.sh"):
        _run(checkout, script)

    installs = _pip_installs(checkout)
    assert len(installs) == 1, installs
    # The one install must carry what test.sh needs, or test.sh would find no ruff or pytest.
    assert ".[test]" in installs[0]


def test_first_run_says_it_is_installing_and_later_runs_say_nothing(checkout):
    _stand_in_venv(checkout / ".venv")

    first = _run(checkout, "serve.sh")
    second = _run(checkout, "test.sh")
    third = _run(checkout, "serve.sh")

    assert FIRST_RUN_NOTICE in first.stderr
    assert (second.stdout, second.stderr) == ("", "")
    assert (third.stdout, third.stderr) == ("", "")


def test_a_changed_pyproject_installs_again_and_says_why(checkout):
    _stand_in_venv(checkout / ".venv")
    _run(checkout, "test.sh")

    with (checkout / "pyproject.toml").open("a") as pyproject:
        pyproject.write("\n# a new dependency\n")
    changed = _run(checkout, "serve.sh")

    assert len(_pip_installs(checkout)) == 2
    assert "pyproject.toml changed" in changed.stderr
    assert len(list((checkout / ".venv").glob(".installed-*"))) == 1


def test_a_failed_install_stops_the_script_and_is_tried_again_next_time(checkout):
    _stand_in_venv(checkout / ".venv")
    python = checkout / ".venv" / "bin" / "python"
    working_python = python.read_text()
    python.write_text(working_python + 'if [ "$2" = "pip" ]; then exit 1; fi\n')

    failed = _run(checkout, "serve.sh", check=False)
    calls_before_retry = _calls(checkout)
    python.write_text(working_python)
    retried = _run(checkout, "serve.sh")

    assert failed.returncode != 0
    # Nothing ran after the failed install: no migrate, no server.
    assert calls_before_retry == _pip_installs(checkout)[:1]
    assert FIRST_RUN_NOTICE in retried.stderr
    assert len(_pip_installs(checkout)) == 2


def test_a_clean_checkout_makes_the_venv_then_runs_twice_as_ci_does(checkout):
    system_python = _fake_system_python(checkout)

    first = _run(checkout, "test.sh", python=system_python)
    second = _run(checkout, "test.sh", python=system_python)

    calls = _calls(checkout)
    assert calls[0] == "system-python -m venv .venv"
    assert len(_pip_installs(checkout)) == 1
    assert FIRST_RUN_NOTICE in first.stderr and second.stderr == ""
    # Both runs reach the lint and the suite.
    assert calls.count("pytest ") == 2


def test_refuses_a_python_older_than_3_11(checkout):
    old_python = checkout.parent / "python3.10"
    old_python.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.10.12"; fi\nexit 1\n')
    old_python.chmod(0o755)

    result = subprocess.run(
        ["bash", "scripts/serve.sh"],
        cwd=checkout,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHON": str(old_python)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Python 3.11 or newer is needed" in result.stderr
    assert not (checkout / ".venv").exists()
