"""Browsers' reports of what the Content-Security-Policy blocked are logged; nothing sent there breaks it."""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

URL = "/csp-report/"
REPORT = {
    "csp-report": {
        "document-uri": "https://tuyengiao.example.vn/bai-viet/hoi-nghi/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; script-src 'self'; report-uri /csp-report/",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example/steal.js",
        "line-number": 12,
        "source-file": "https://tuyengiao.example.vn/bai-viet/hoi-nghi/",
        "status-code": 200,
        "script-sample": "",
    }
}


def _send(client, body, *, content_type="application/csp-report", **extra):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(URL, data, content_type, **extra)


def _violations(caplog):
    return [record for record in caplog.records if record.name == "portal.csp_reports"]


def test_a_report_is_logged_as_a_warning(caplog):
    # As a browser sends it: no CSRF token, whatever cookies the reader has.
    response = _send(Client(enforce_csrf_checks=True), REPORT)

    assert response.status_code == 204
    [record] = _violations(caplog)
    assert record.levelno == logging.WARNING
    line = record.getMessage()
    assert "blocked-uri='https://evil.example/steal.js'" in line
    assert "document-uri='https://tuyengiao.example.vn/bai-viet/hoi-nghi/'" in line
    assert "effective-directive='script-src-elem'" in line


def test_a_report_caused_by_a_browser_extension_is_only_information(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.csp_reports")
    report = {"csp-report": {**REPORT["csp-report"], "source-file": "chrome-extension://abcdef/inject.js"}}

    assert _send(client, report).status_code == 204
    assert [record.levelno for record in _violations(caplog)] == [logging.INFO]


def test_a_forged_report_cannot_write_a_line_of_its_own_into_the_log(client, caplog):
    forged = "x\n2025-06-01 ERROR django.security Administrator password changed"
    report = {"csp-report": {**REPORT["csp-report"], "blocked-uri": forged}}

    _send(client, report)

    [record] = _violations(caplog)
    assert "\n" not in record.getMessage()


def test_long_values_are_cut_short_in_the_log(client, caplog):
    report = {"csp-report": {**REPORT["csp-report"], "script-sample": "a" * 5000}}

    _send(client, report)

    [record] = _violations(caplog)
    assert len(record.getMessage()) < 3000


def test_the_policy_sends_reports_here():
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] == reverse("csp_report") == URL


def test_only_posts_are_taken(client):
    assert client.get(URL).status_code == 405


def test_a_body_larger_than_a_report_is_refused(client, caplog):
    report = {"csp-report": {**REPORT["csp-report"], "script-sample": "a" * 20_000}}

    assert _send(client, report).status_code == 413
    assert _violations(caplog) == []


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b"42",
        b'{"csp-report": "text"}',
        b'{"something": {}}',
        b"[" * 15_000,
        b'{"csp-report": ' * 1_000,
    ],
    ids=["empty", "text", "not utf-8", "list", "number", "string report", "no report", "deep", "deep object"],
)
def test_a_body_that_is_not_a_report_is_refused_without_an_error(client, caplog, body):
    response = _send(client, body)

    assert response.status_code == 400
    assert _violations(caplog) == []


def test_one_address_may_send_only_so_many_reports_a_minute(client, settings, caplog):
    settings.CSP_REPORTS_PER_ADDRESS_PER_MINUTE = 3

    answers = [_send(client, REPORT).status_code for _ in range(5)]
    from_elsewhere = _send(client, REPORT, REMOTE_ADDR="192.0.2.7").status_code

    assert answers == [204, 204, 204, 429, 429]
    assert from_elsewhere == 204
    assert len(_violations(caplog)) == 4
