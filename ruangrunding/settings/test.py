"""Test settings: fast hashing, mail kept in memory, tasks run immediately."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-media" / "private"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
if not env("DATABASE_URL"):
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }
LOGGING = {"version": 1, "disable_existing_loggers": False}
