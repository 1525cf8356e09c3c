"""Who may open the site-wide routes of the public site: everyone."""

from accounts.tests.url_walk import Case, expect

URLS = {
    "robots_txt": Case("/robots.txt", expect()),
    "sitemap": Case("/sitemap.xml", expect()),
}
