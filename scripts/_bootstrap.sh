# Sourced by the other scripts: a virtual environment in .venv with the project installed.
# Usage: source scripts/_bootstrap.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11 (found: $("$PYTHON" --version 2>&1))." >&2
    exit 1
fi

# serve.sh and test.sh share .venv, so both install the project with its test tools: had each its own
# extras, every switch between them would reinstall (and a running dev server would restart as files
# changed under it). The test tools cost a few seconds once; the stamp then only follows pyproject.toml.
# It keeps the name test.sh's stamp had, so a .venv last set up by test.sh is not installed again.
stamp=".venv/.installed-$("$PYTHON" -c 'import hashlib,sys; print(hashlib.sha256(open("pyproject.toml","rb").read()).hexdigest()[:16])')-test"
if [ ! -f "$stamp" ] || [ ! -x .venv/bin/python ]; then
    if compgen -G ".venv/.installed-*" >/dev/null; then
        echo "pyproject.toml changed: updating the project and its dependencies in .venv..." >&2
    else
        echo "Installing the project and its dependencies into .venv (first run, about half a minute)..." >&2
    fi
    if [ ! -x .venv/bin/python ]; then
        "$PYTHON" -m venv .venv
    fi
    # The venv's own pip (22.3 or newer with Python 3.11) installs editable pyproject projects, so it is
    # not upgraded first: that would be a second download on every first run for nothing.
    PIP_DISABLE_PIP_VERSION_CHECK=1 .venv/bin/python -m pip install --quiet -e ".[test]"
    rm -f .venv/.installed-*
    touch "$stamp"
fi
