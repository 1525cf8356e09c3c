"""Who may open the operations endpoints: the health check is for everyone."""

from accounts.tests.url_walk import OK, Case, expect

URLS = {
    "healthz": Case("/healthz", expect(OK)),
}
