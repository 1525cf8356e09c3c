"""CSP on public and admin pages, the Permissions-Policy and the upload limit."""

import pytest
from django.core.checks import Error, Warning

from accounts.tests.factories import UserFactory
from ops import checks

from .factories import make_site

pytestmark = pytest.mark.django_db


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (item.strip() for item in policy.split(";"))
        if part
    }


def test_public_page_has_a_strict_policy(client):
    make_site()

    csp = _directives(client.get("/"))

    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


def test_public_not_found_page_has_the_policy_too(client):
    make_site()

    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert _directives(response)["script-src"] == ["'self'"]


def test_admin_login_gets_only_the_admin_allowances(client):
    csp = _directives(client.get("/admin/login/"))

    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["img-src"] == ["'self'", "blob:"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in response_text(csp)


def response_text(csp):
    return " ".join(value for values in csp.values() for value in values)


def test_signed_in_admin_page_has_the_admin_policy(client):
    make_site()
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    client.force_login(editor)

    response = client.get("/admin/pages/")

    assert response.status_code == 200
    assert _directives(response)["frame-ancestors"] == ["'self'"]


def test_page_preview_may_be_framed_by_the_admin(client):
    _home, about = make_site()
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    client.force_login(editor)
    preview_url = f"/admin/pages/{about.pk}/edit/preview/"
    form = {
        "title": "Tentang",
        "slug": "tentang",
        "intro": "Pratinjau",
        "body": '{"blocks": [], "entityMap": {}}',
    }

    assert client.post(preview_url, form).json()["is_valid"]
    response = client.get(preview_url)

    assert response.status_code == 200
    csp = _directives(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]


def test_permissions_and_referrer_policies(client):
    response = client.get("/healthz")

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_oversized_request_body_is_refused_before_reading(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024

    response = client.post(
        "/akun/login/", data=b"x" * 2048, content_type="application/octet-stream"
    )

    assert response.status_code == 413
    assert "terlalu besar" in response.content.decode()


def test_process_local_cache_is_an_error_with_several_workers(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.WEB_CONCURRENCY = 4

    (problem,) = checks.check_shared_cache(None)

    assert isinstance(problem, Error)
    assert problem.id == "ops.E001"


def test_process_local_cache_is_a_warning_with_one_worker(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.WEB_CONCURRENCY = 1

    (problem,) = checks.check_shared_cache(None)

    assert isinstance(problem, Warning)


def test_shared_cache_passes(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }

    assert checks.check_shared_cache(None) == []


def _s3(bucket, location):
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": bucket, "location": location},
    }


@pytest.mark.parametrize(
    "public, private, refused",
    [
        (("kukar", "media"), ("kukar", "private"), False),
        (("kukar", "media"), ("kukar-rahasia", "media"), False),
        (("kukar", "media"), ("kukar", "media"), True),
        (("kukar", "media"), ("kukar", "media/private"), True),
        (("kukar", ""), ("kukar", "private"), True),
        (("kukar", "media/"), ("kukar", "/media"), True),
    ],
)
def test_private_attachments_must_not_share_the_public_prefix(
    settings, public, private, refused
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": _s3(*public),
        "private": _s3(*private),
    }

    problems = checks.check_private_media_apart(None)

    assert [problem.id for problem in problems] == (["ops.E002"] if refused else [])


def test_local_private_media_passes_the_bucket_check(settings):
    assert checks.check_private_media_apart(None) == []
