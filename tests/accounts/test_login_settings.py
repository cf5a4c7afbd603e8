"""Limits on logins, sessions, searches and mail come from the environment; each case is a fresh process."""

import json

from tests.fresh_process import print_settings, run

NAMES = (
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "SESSION_COOKIE_AGE",
    "SEARCHES_PER_ADDRESS_PER_MINUTE",
    "PASSWORD_RESETS_PER_ADDRESS_PER_HOUR",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
)
PRINT_SETTINGS = print_settings({name: f"str(settings.{name})" for name in NAMES})


def settings_with(tmp_path, **environment):
    result = run(PRINT_SETTINGS, folder=tmp_path, SECRET_KEY="a-real-secret", **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults(tmp_path):
    values = settings_with(tmp_path)

    assert values["AXES_FAILURE_LIMIT"] == "5"
    assert values["AXES_COOLOFF_TIME"] == "0:15:00"
    assert values["SESSION_COOKIE_AGE"] == str(8 * 60 * 60)
    assert values["SEARCHES_PER_ADDRESS_PER_MINUTE"] == "30"
    assert values["PASSWORD_RESETS_PER_ADDRESS_PER_HOUR"] == "5"
    # Mail goes to the app server's log until a mail server is named.
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_values_from_the_environment(tmp_path):
    values = settings_with(
        tmp_path,
        AXES_FAILURE_LIMIT="3",
        AXES_COOLOFF_MINUTES="60",
        SESSION_COOKIE_AGE="3600",
        SEARCHES_PER_ADDRESS_PER_MINUTE="10",
        PASSWORD_RESETS_PER_ADDRESS_PER_HOUR="2",
        EMAIL_URL="smtp+tls://cong-thong-tin:mat%40khau@mail.huyenuy.example.vn:587",
        DEFAULT_FROM_EMAIL="Cổng thông tin <khongtraloi@huyenuy.example.vn>",
    )

    assert values["AXES_FAILURE_LIMIT"] == "3"
    assert values["AXES_COOLOFF_TIME"] == "1:00:00"
    assert values["SESSION_COOKIE_AGE"] == "3600"
    assert values["SEARCHES_PER_ADDRESS_PER_MINUTE"] == "10"
    assert values["PASSWORD_RESETS_PER_ADDRESS_PER_HOUR"] == "2"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("mail.huyenuy.example.vn", "587")
    assert (values["EMAIL_HOST_USER"], values["EMAIL_HOST_PASSWORD"]) == ("cong-thong-tin", "mat@khau")
    assert values["EMAIL_USE_TLS"] == "True"
    assert values["DEFAULT_FROM_EMAIL"] == "Cổng thông tin <khongtraloi@huyenuy.example.vn>"
    # Django's own mail about errors comes from the same sender.
    assert values["SERVER_EMAIL"] == values["DEFAULT_FROM_EMAIL"]
