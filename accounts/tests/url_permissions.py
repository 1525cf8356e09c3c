"""Who may open the account pages (allauth's and ours), and site-wide routes."""

from .url_walk import FORBIDDEN, LOGIN, NOT_FOUND, OK, REDIRECT, Case, expect

SIGNED_IN = {
    role: REDIRECT
    for role in (
        "unverified",
        "masyarakat",
        "pemerintah",
        "pakar",
        "editor",
        "superuser",
    )
}

URLS = {
    "accounts:settings": Case("/akun/saya/", expect(visitor=LOGIN)),
    "account_login": Case("/akun/login/", expect(**SIGNED_IN)),
    "account_logout": Case("/akun/logout/", expect(visitor=REDIRECT)),
    "account_inactive": Case("/akun/inactive/", expect()),
    "account_signup": Case("/akun/signup/", expect(**SIGNED_IN)),
    "account_reauthenticate": Case("/akun/reauthenticate/", expect(visitor=LOGIN)),
    "account_request_reauthentication_code": Case(
        "/akun/reauthenticate/code/", expect(visitor=LOGIN, unverified=REDIRECT)
    ),
    "account_confirm_reauthentication_code": Case(
        "/akun/reauthenticate/code/confirm/", expect(visitor=LOGIN, default=REDIRECT)
    ),
    "account_email": Case("/akun/email/", expect(visitor=LOGIN)),
    "account_email_verification_sent": Case("/akun/confirm-email/", expect()),
    "account_confirm_email": Case("/akun/confirm-email/bukan-kunci/", expect()),
    "account_change_password": Case("/akun/password/change/", expect(visitor=LOGIN)),
    "account_set_password": Case(
        "/akun/password/set/", expect(visitor=LOGIN, default=REDIRECT)
    ),
    "account_reset_password": Case("/akun/password/reset/", expect()),
    "account_reset_password_done": Case("/akun/password/reset/done/", expect()),
    "account_reset_password_from_key": Case(
        "/akun/password/reset/key/1-bukan-kunci/", expect()
    ),
    "account_reset_password_from_key_done": Case(
        "/akun/password/reset/key/done/", expect()
    ),
    "account_confirm_login_code": Case(
        "/akun/login/code/confirm/", expect(visitor=LOGIN, default=REDIRECT)
    ),
    # Site-wide routes from Wagtail itself.
    "wagtaildocs_serve": Case("/dokumen/999999/tidak-ada.pdf", expect(NOT_FOUND)),
    "wagtaildocs_authenticate_with_password": Case(
        "/dokumen/authenticate_with_password/999999/", expect(NOT_FOUND)
    ),
    "wagtailcore_authenticate_with_password": Case(
        "/_util/authenticate_with_password/999999/999999/", expect(NOT_FOUND)
    ),
    # Our redirect shadows Wagtail's unthrottled login for private pages.
    "_util/login/": Case("/_util/login/", expect(LOGIN)),
    "wagtailcore_login": Case("/_util/login/", expect(LOGIN)),
    "wagtail_serve": Case("/", expect()),
}

# Representative paths that are not URL names of their own.
PATHS = {
    # Wagtail is the only admin; Django's is not mounted.
    "django admin": Case("/django-admin/", expect(NOT_FOUND)),
    "unknown page": Case("/halaman-yang-tidak-ada/", expect(NOT_FOUND)),
    "admin home": Case(
        "/admin/", expect(visitor=LOGIN, editor=OK, superuser=OK, default=FORBIDDEN)
    ),
    "admin login": Case(
        "/admin/login/",
        expect(visitor=OK, editor=REDIRECT, superuser=REDIRECT, default=FORBIDDEN),
    ),
    "admin pages": Case(
        "/admin/pages/",
        expect(visitor=LOGIN, editor=OK, superuser=OK, default=FORBIDDEN),
    ),
    "admin users": Case(
        "/admin/users/",
        expect(visitor=LOGIN, editor=REDIRECT, superuser=OK, default=FORBIDDEN),
    ),
    "admin groups": Case(
        "/admin/groups/",
        expect(visitor=LOGIN, editor=REDIRECT, superuser=OK, default=FORBIDDEN),
    ),
    "admin expert accounts": Case(
        "/admin/pakar/",
        expect(visitor=LOGIN, editor=OK, superuser=OK, default=FORBIDDEN),
    ),
    "admin new expert": Case(
        "/admin/pakar/new/",
        expect(visitor=LOGIN, editor=OK, superuser=OK, default=FORBIDDEN),
    ),
    "admin personal-data events": Case(
        "/admin/privacy_events/",
        expect(visitor=LOGIN, editor=REDIRECT, superuser=OK, default=FORBIDDEN),
    ),
    "admin expertise fields": Case(
        "/admin/snippets/experts/expertisefield/",
        expect(visitor=LOGIN, editor=OK, superuser=OK, default=FORBIDDEN),
    ),
}
