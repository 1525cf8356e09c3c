"""Structured logs: one line per request, request ids, no personal data."""

import json
import logging

import pytest

from ops.logs import JSONFormatter, KeyValueFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db


def _access_records(caplog):
    return [record for record in caplog.records if record.name == "ops.access"]


def test_one_access_line_per_request_with_route_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="ops.access")

    response = client.get("/healthz?email=siti@example.org")

    (record,) = _access_records(caplog)
    assert record.method == "GET"
    assert record.route == "/healthz"
    assert record.status == 200
    assert record.duration_ms >= 0
    assert response["X-Request-ID"]


def test_tokens_in_urls_are_never_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="ops.access")
    secret = "set-password-abcdef0123456789"

    client.get(f"/akun/password/reset/key/1a-{secret}/")

    (record,) = _access_records(caplog)
    assert secret not in record.route
    assert "(?P<key>" in record.route
    assert secret not in caplog.text


def test_query_strings_are_never_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="ops.access")

    client.get("/healthz?q=nama+warga")

    assert "nama" not in caplog.text
    assert "nama" not in JSONFormatter().format(_access_records(caplog)[0])


def test_sane_incoming_request_id_is_kept(client):
    response = client.get("/healthz", headers={"x-request-id": "proxy-1234abcd"})

    assert response["X-Request-ID"] == "proxy-1234abcd"


def test_odd_incoming_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"x-request-id": "a\nb<script>"})

    assert response["X-Request-ID"] != "a\nb<script>"
    assert len(response["X-Request-ID"]) == 32


def _record(**extra):
    record = logging.LogRecord(
        "rpjpd.views", logging.WARNING, __file__, 1, "Reply %s refused", (42,), None
    )
    for name, value in extra.items():
        setattr(record, name, value)
    return record


def test_json_lines_carry_message_fields_and_request_id():
    token = request_id_var.set("req-12345678")
    try:
        record = _record(status=429)
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    line = JSONFormatter().format(record)

    payload = json.loads(line)
    assert "\n" not in line
    assert payload["message"] == "Reply 42 refused"
    assert payload["level"] == "WARNING"
    assert payload["logger"] == "rpjpd.views"
    assert payload["request_id"] == "req-12345678"
    assert payload["status"] == 429


def test_django_request_object_is_never_written(rf):
    request = rf.get("/", headers={"cookie": "sessionid=rahasia"})
    record = _record(request=request, status_code=500)

    assert "rahasia" not in JSONFormatter().format(record)
    assert "rahasia" not in KeyValueFormatter().format(record)


def test_key_value_lines_are_readable():
    record = _record(route="/pakar/", status=200)
    record.request_id = "-"

    line = KeyValueFormatter().format(record)

    assert "WARNING rpjpd.views - Reply 42 refused" in line
    assert line.endswith("route=/pakar/ status=200")
