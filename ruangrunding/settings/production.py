"""Production: refuses to start without the variables a public site needs.

Every variable is read in base.py's ``env()``; docs/deploy.md lists them all.
The site runs as several gunicorn processes (possibly on several hosts) behind a
TLS-terminating reverse proxy, so everything shared lives in PostgreSQL, the
cache (Redis) or the media storage, never in one process.
"""

import copy

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not env(required):
        raise ImproperlyConfigured(f"Set the {required} environment variable.")

DEBUG = False
CONTENT_SECURITY_POLICY = copy.deepcopy(CONTENT_SECURITY_POLICY)  # noqa: F405

# gunicorn processes on this host (gunicorn.conf.py reads the same variable).
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "0")) or None

# Database: persistent connections, checked before reuse after a restart.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
DATABASES["default"]["OPTIONS"].setdefault(  # noqa: F405
    "connect_timeout", int(env("DB_CONNECT_TIMEOUT", "5"))
)

# Cache: Redis when REDIS_URL is set; otherwise the database, which is slower
# but still shared by every process and host. Never process-local memory: login
# throttling, rate limits and the page cache must count across all workers.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "rr"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
                # A Redis outage slows the site down instead of taking it down:
                # pages render uncached and rate limits fail open until it is back.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "ops.sessions.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",  # made by ``manage.py createcachetable``
        }
    }
    SESSION_ENGINE = "ops.sessions.db"
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)

# Static files: hashed names, compressed, cached for a year by browsers.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Media: the local MEDIA_ROOT, or an S3-compatible bucket when one is named.
# django-storages is imported only when the bucket is used (requirements-s3.txt).
if env("AWS_STORAGE_BUCKET_NAME"):
    bucket = {
        "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        "region_name": env("AWS_S3_REGION_NAME"),
        "access_key": env("AWS_ACCESS_KEY_ID"),
        "secret_key": env("AWS_SECRET_ACCESS_KEY"),
        # Private objects: photos and documents are reached through short-lived
        # signed URLs, attachments only through the consultation view.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **bucket,
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "location": env("AWS_LOCATION", "media"),
            # Longer than PAGE_CACHE_SECONDS, so a cached page's images load.
            "querystring_expire": 3600,
        },
    }
    # Consultation attachments: the same bucket under another prefix, or a
    # bucket of their own, so that every web host reads the same files.
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "consult.s3.PrivateS3Storage",
        "OPTIONS": {
            **bucket,
            "bucket_name": env(
                "AWS_PRIVATE_BUCKET_NAME", env("AWS_STORAGE_BUCKET_NAME")
            ),
            "location": env("AWS_PRIVATE_LOCATION", "private"),
        },
    }
    # Images (expert photos) load from the bucket's own address.
    media_origin = env("MEDIA_ORIGIN", env("AWS_S3_ENDPOINT_URL"))
    if media_origin:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(media_origin)

# Background work: email and other tasks go to a database queue, run by
# ``manage.py db_worker`` (one or more worker processes, on any host).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))

# HTTPS: TLS ends at the reverse proxy, which must set X-Forwarded-Proto (and
# strip it from clients). The health check answers on plain HTTP for probes.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The sign-in throttle counts failures per client address. Behind the proxy,
# REMOTE_ADDR is the proxy's own, so every visitor would share one count and ten
# failed logins from anyone would lock out everyone: take the address the
# nearest proxy appended to X-Forwarded-For (``$proxy_add_x_forwarded_for``).
# One proxy in front is the documented set-up; 0 means none (REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' HSTS preload list is the domain owner's decision
    # (it covers the whole registered domain and is hard to undo), so it stays
    # off unless SECURE_HSTS_PRELOAD=1, and Django's reminder is silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")  # noqa: F405
