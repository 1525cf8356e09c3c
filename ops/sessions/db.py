"""Django's database sessions with strict session keys (see ``ops.sessions``)."""

from django.contrib.sessions.backends import db

from . import StrictSessionKeyMixin


class SessionStore(StrictSessionKeyMixin, db.SessionStore):
    pass
