"""With a production environment, Django's deployment checks find nothing, and HTTPS follows the environment.

Each case runs a fresh Python process with only the environment it names, as an app server would start.
"""

import json

from tests.fresh_process import MANAGE, print_settings, run

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qv9!mZ2@rT5$wX8^bN1&cF4*hJ6(pL3)sD0_gY-uE+iO=aK",
    "ALLOWED_HOSTS": "tuyengiao.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://tuyengiao.example.vn",
    "DATABASE_URL": "postgres://portal@db.example:5432/portal",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "BEHIND_HTTPS_PROXY": "1",
}
HTTPS_SETTINGS = print_settings(
    {
        name: f"settings.{name}"
        for name in (
            "SECURE_PROXY_SSL_HEADER",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
        )
    }
)


def _run(tmp_path, arguments, **variables):
    folders = {"STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media")}
    return run(arguments, folder=tmp_path, **folders, **variables)


def test_check_deploy_finds_nothing_with_production_settings(tmp_path):
    result = _run(tmp_path, [MANAGE, "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_https_at_the_proxy_turns_on_the_redirect_hsts_and_secure_cookies(tmp_path):
    result = _run(tmp_path, HTTPS_SETTINGS, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 60 * 60,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_without_https_nothing_redirects_and_browsers_are_not_told_to_insist(tmp_path):
    plain = {name: value for name, value in PRODUCTION.items() if name != "BEHIND_HTTPS_PROXY"}

    result = _run(tmp_path, HTTPS_SETTINGS, **plain, SECURE_COOKIES="0")

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert (values["SECURE_PROXY_SSL_HEADER"], values["SECURE_SSL_REDIRECT"]) == (None, False)
    assert values["SECURE_HSTS_SECONDS"] == 0
