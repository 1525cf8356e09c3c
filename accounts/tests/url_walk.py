"""Machinery for the site-wide permission walk (see ``test_url_permissions.py``).

Each app lists its URLs in ``<app>/tests/url_permissions.py`` as::

    from accounts.tests.url_walk import LOGIN, Case, expect

    URLS = {
        "experts:directory": Case("/pakar/", expect(default=200)),
        "experts:my_profile": Case(
            "/akun/profil/", expect(visitor=LOGIN, pakar=200, default=403)
        ),
        # A callable path gets the ``world`` (one user per role, plus objects).
        "experts:detail": Case(lambda world: world.profile.get_absolute_url(), ...),
    }

Keys are URL names (``namespace:name``), or the route for unnamed patterns.
Every URL pattern outside the Wagtail admin must have an entry,
so a new view cannot ship without someone deciding who may open it.
"""

from dataclasses import dataclass, field

ROLES = [
    "visitor",
    "unverified",
    "masyarakat",
    "pemerintah",
    "pakar",
    "editor",
    "superuser",
]

OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "login"  # a redirect to a login page, with ``next``
REDIRECT = "redirect"  # any other redirect

APP_MODULES = [
    "accounts.tests.url_permissions",
    "experts.tests.url_permissions",
    "home.tests.url_permissions",
    "rpjpd.tests.url_permissions",
    "pustaka.tests.url_permissions",
    "consult.tests.url_permissions",
    "outbox.tests.url_permissions",
    "ops.tests.url_permissions",
    "privacy.tests.url_permissions",
]

# Patterns under this prefix are the Wagtail admin's; a few representative
# admin paths are checked instead (see ``PATHS`` in url_permissions.py).
SKIPPED_PREFIXES = ("admin/",)


def expect(default=OK, **by_role):
    """Expected answer per role: ``expect(visitor=LOGIN, default=200)``."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return {role: by_role.get(role, default) for role in ROLES}


@dataclass
class Case:
    """One URL to open as every role: a path (or ``world -> path``) and answers."""

    path: object
    expected: dict
    method: str = "get"
    data: dict = field(default_factory=dict)

    def resolve_path(self, world):
        return self.path(world) if callable(self.path) else self.path
