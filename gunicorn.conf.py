"""gunicorn settings for Ruang Runding (``gunicorn -c gunicorn.conf.py``).

The environment is read through the settings' ``env()`` so docs/deploy.md lists
every variable in one table. gunicorn sits behind a reverse proxy (nginx) that
terminates TLS, buffers slow clients and limits request bodies.
"""

import multiprocessing
import os

from ruangrunding.settings.base import env

wsgi_app = "ruangrunding.wsgi:application"
raw_env = [
    "DJANGO_SETTINGS_MODULE="
    + env("DJANGO_SETTINGS_MODULE", "ruangrunding.settings.production")
]

bind = env("GUNICORN_BIND", f"0.0.0.0:{env('PORT', '8000')}")
# Processes and threads per process. Database-bound Django pages release the
# GIL while waiting for PostgreSQL and Redis, so a few threads per process help.
workers = int(env("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(env("GUNICORN_THREADS", "2"))
worker_class = "gthread" if threads > 1 else "sync"

# A request taking longer than this is stuck: the worker is replaced.
timeout = int(env("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(env("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(env("GUNICORN_KEEPALIVE", "5"))

# Recycle each worker after a while so a slow leak never grows unbounded; the
# jitter keeps all workers from restarting at the same moment.
max_requests = int(env("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(env("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Header limits (bodies are limited by the proxy and MAX_UPLOAD_MB).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Trust X-Forwarded-* only from the proxy's address.
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Heartbeat files in memory, not on a possibly slow disk (gunicorn's advice).
SHARED_MEMORY = "/dev/shm"  # noqa: S108
if os.path.isdir(SHARED_MEMORY):
    worker_tmp_dir = SHARED_MEMORY

# Django writes one structured line per request (ops.access); gunicorn's own
# access log would repeat it with full URLs and client addresses.
accesslog = None
errorlog = "-"
loglevel = env("GUNICORN_LOG_LEVEL", "info")
proc_name = "ruangrunding"
