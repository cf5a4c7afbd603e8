#!/usr/bin/env bash
# Set everything up (virtual environment, install, migrate, demo content) and serve the site on
# http://127.0.0.1:8000 with SQLite, unless DATABASE_URL says otherwise.
source "$(dirname "${BASH_SOURCE[0]}")/_bootstrap.sh"
export DEBUG=${DEBUG:-1}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
