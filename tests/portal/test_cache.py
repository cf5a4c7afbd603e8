"""The default cache is one every worker shares, so forgetting the "most viewed" list reaches them all.

Each case runs the real settings in fresh Python processes, as gunicorn's workers would.
"""

import json
import subprocess
import sys

from tests.fresh_process import MANAGE, environment


def _python(code, env, cwd, **options):
    return subprocess.Popen(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=cwd,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **options,
    )


def _finish(process, stdin=""):
    stdout, stderr = process.communicate(stdin, timeout=60)
    assert process.returncode == 0, stderr
    return stdout


def test_without_debug_the_default_cache_is_the_database_shared_by_every_worker(tmp_path):
    env = environment(SECRET_KEY="a-real-secret")
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES['default']))"

    default = json.loads(_finish(_python(code, env, tmp_path)))

    assert default["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert default["LOCATION"] == "portal_cache"


def test_a_worker_sees_the_most_viewed_list_forgotten_by_another(tmp_path):
    env = environment(SECRET_KEY="a-real-secret", DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}")
    migrate = subprocess.run(
        [sys.executable, MANAGE, "migrate", "portal"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    # A worker that has the list cached, then looks again once told to.
    worker = _python(
        "from django.core.cache import cache\n"
        "from articles.popular import CACHE_KEY\n"
        "cache.set(CACHE_KEY, ['Bài vừa bị gỡ'], 60)\n"
        "print(cache.get(CACHE_KEY), flush=True)\n"
        "input()\n"
        "print(cache.get(CACHE_KEY))\n",
        env,
        tmp_path,
    )
    assert worker.stdout.readline() == "['Bài vừa bị gỡ']\n"

    # Another worker takes the article off the site, which forgets the list.
    _finish(_python("from articles.popular import forget_most_viewed; forget_most_viewed()", env, tmp_path))

    assert _finish(worker, "\n") == "None\n"
