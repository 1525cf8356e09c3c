"""Who may open the expert directory, profiles and Profil Saya."""

from accounts.tests.url_walk import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect

URLS = {
    "experts:directory": Case("/pakar/", expect(OK)),
    "experts:detail": Case(lambda world: world.profile.get_absolute_url(), expect(OK)),
    "experts:my_profile": Case(
        "/akun/profil/", expect(visitor=LOGIN, pakar=OK, default=FORBIDDEN)
    ),
}

PATHS = {
    "inactive expert profile": Case(
        lambda world: world.inactive_profile.get_absolute_url(), expect(NOT_FOUND)
    ),
}
