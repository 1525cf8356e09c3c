"""Django's cached database sessions with strict session keys (see ``ops.sessions``)."""

from django.contrib.sessions.backends import cached_db

from . import StrictSessionKeyMixin


class SessionStore(StrictSessionKeyMixin, cached_db.SessionStore):
    pass
