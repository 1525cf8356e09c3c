"""Who may open the privacy page, My data, the download and account deletion."""

from accounts.tests.url_walk import FORBIDDEN, LOGIN, OK, Case, expect

URLS = {
    "privacy:policy": Case("/privasi/", expect(OK)),
    "privacy:my_data": Case("/akun/data-saya/", expect(visitor=LOGIN, default=OK)),
    "privacy:export": Case("/akun/data-saya/unduh/", expect(visitor=LOGIN, default=OK)),
    "privacy:delete_account": Case(
        "/akun/hapus-akun/",
        expect(visitor=LOGIN, editor=FORBIDDEN, superuser=FORBIDDEN, default=OK),
    ),
}
