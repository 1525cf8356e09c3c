"""The health check answers from the database alone, with no session or cookie."""

import json
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy_database_answers_200_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_no_session_no_cookie_no_csrf(client):
    with mock.patch(
        "django.contrib.sessions.backends.base.SessionBase._get_session"
    ) as session_read:
        response = client.get("/healthz")

    session_read.assert_not_called()
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")
    assert "no-store" in response["Cache-Control"]


def test_existing_session_cookie_is_left_alone(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x-123456789")
    client.force_login(user)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies


def test_database_down_answers_503(client):
    with mock.patch("ops.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "error"}


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
