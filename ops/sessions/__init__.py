"""Session engines that accept only session keys Django itself could have made.

A session key comes from the ``sessionid`` cookie, which anyone can set to
anything; Django only checks that it has eight characters or more. A cookie
such as ``sessionid="abcdefgh\\000"`` (Python's cookie parser turns ``\\000``
into NUL) reached PostgreSQL, which refuses NUL in text: a 500 on every page
instead of an anonymous visit. Keys Django makes are 32 lower-case letters and
digits, and the column holds 40, so anything else is treated as no session.

``SESSION_ENGINE`` names ``ops.sessions.db`` or ``ops.sessions.cached_db``.
"""

import re

_SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class StrictSessionKeyMixin:
    """Treat a session key Django could not have made as no key at all."""

    def _validate_session_key(self, key):
        return bool(key) and _SESSION_KEY.fullmatch(key) is not None
