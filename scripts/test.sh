#!/usr/bin/env bash
# Set everything up (virtual environment, install with test tools) and run the lint and the whole test suite.
# Arguments go to pytest. The suite runs on SQLite unless DATABASE_URL points at PostgreSQL.
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/pytest "$@"
