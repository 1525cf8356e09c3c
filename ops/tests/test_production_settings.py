"""Production settings: check --deploy is clean and the services come from env."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUMMY_ENV = {
    "DJANGO_SETTINGS_MODULE": "ruangrunding.settings.production",
    "SECRET_KEY": "k9!Fq2#vLx7@pR4$wZ8^mN1&bT6*cY3(hJ5)dG0-sA+eU=oI[u7%Qe2!rV",
    "ALLOWED_HOSTS": "ruangrunding.example.go.id",
    "DATABASE_URL": "postgres://rr:secret@127.0.0.1:5432/ruangrunding",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
# Reads the settings module without django.setup(), so an S3 configuration can
# be inspected where django-storages is not installed.
SHOW_SETTINGS = """
import json
import ruangrunding.settings.production as s
print(json.dumps({
    "cache": s.CACHES["default"]["BACKEND"],
    "session": s.SESSION_ENGINE,
    "tasks": s.TASKS["default"]["BACKEND"],
    "email": s.EMAIL_BACKEND,
    "email_host": s.EMAIL_HOST,
    "media": s.STORAGES["default"]["BACKEND"],
    "media_options": s.STORAGES["default"].get("OPTIONS", {}),
    "private": s.STORAGES["private"]["BACKEND"],
    "private_options": s.STORAGES["private"].get("OPTIONS", {}),
    "static": s.STORAGES["staticfiles"]["BACKEND"],
    "conn_max_age": s.DATABASES["default"]["CONN_MAX_AGE"],
    "health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "redirect_exempt": s.SECURE_REDIRECT_EXEMPT,
    "page_cache": s.PAGE_CACHE_ENABLED,
    "img_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "log_formatter": s.LOGGING["handlers"]["console"]["formatter"],
    "proxy_count": s.ALLAUTH_TRUSTED_PROXY_COUNT,
}))
"""


def _run(args, **extra_env):
    # The test run's own variables (DATABASE_URL, the Playwright async switch)
    # must not leak into a "deployment".
    ignored = {*DUMMY_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(DUMMY_ENV)
    env.update(extra_env)
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(**extra_env):
    result = _run(["-c", SHOW_SETTINGS], **extra_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_is_clean_without_redis_too():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], REDIS_URL=None
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_refuses_to_start_without_required_variable(missing):
    result = _run(["manage.py", "check"], **{missing: None})

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_services_with_redis():
    values = _settings()

    assert values["cache"] == "django_redis.cache.RedisCache"
    assert values["session"] == "ops.sessions.cached_db"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["media"] == "django.core.files.storage.FileSystemStorage"
    assert values["private"] == "consult.storage.PrivateFileStorage"
    assert values["conn_max_age"] == 60
    assert values["health_checks"] is True
    assert values["page_cache"] is True
    assert values["log_formatter"] == "json"
    assert values["redirect_exempt"] == [r"^healthz$"]
    # The login throttle counts the client's address, not the proxy's.
    assert values["proxy_count"] == 1


def test_proxy_count_from_the_environment():
    assert _settings(TRUSTED_PROXY_COUNT="2")["proxy_count"] == 2
    assert _settings(TRUSTED_PROXY_COUNT="0")["proxy_count"] == 0


def test_without_redis_the_cache_is_still_shared():
    values = _settings(REDIS_URL=None)

    assert values["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert values["session"] == "ops.sessions.db"


def test_smtp_and_s3_come_from_the_environment():
    values = _settings(
        EMAIL_HOST="smtp.kutaikartanegarakab.go.id",
        AWS_STORAGE_BUCKET_NAME="ruangrunding-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.id",
    )

    assert values["email_host"] == "smtp.kutaikartanegarakab.go.id"
    assert values["media"] == "storages.backends.s3.S3Storage"
    assert "https://s3.example.id" in values["img_src"]


def test_with_a_bucket_attachments_go_to_a_private_prefix_every_host_reads():
    values = _settings(
        AWS_STORAGE_BUCKET_NAME="ruangrunding-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.id",
    )
    media, private = values["media_options"], values["private_options"]

    assert values["private"] == "consult.s3.PrivateS3Storage"
    assert private["bucket_name"] == "ruangrunding-media"
    assert private["endpoint_url"] == "https://s3.example.id"
    assert private["default_acl"] == "private"
    assert private["location"] == "private" != media["location"]


def test_attachments_may_have_a_bucket_of_their_own():
    values = _settings(
        AWS_STORAGE_BUCKET_NAME="ruangrunding-media",
        AWS_PRIVATE_BUCKET_NAME="ruangrunding-lampiran",
    )

    assert values["private_options"]["bucket_name"] == "ruangrunding-lampiran"
