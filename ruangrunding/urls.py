from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminLoginView
from home.sitemaps import VisibleSitemap
from home.views import robots_txt
from ops.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before Wagtail's own login view, which fails on ``?next=2`` (see the view).
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("akun/", include("accounts.urls")),
    path("akun/", include("allauth.urls")),
    path("konsultasi/", include("consult.urls")),
    path("balasan/", include("rpjpd.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": VisibleSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("experts.urls")),
    path("", include("privacy.urls")),
]

handler400 = "home.views.bad_request"
handler500 = "home.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's login for private pages is not throttled; send it to allauth's.
urlpatterns += [
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
]

# Wagtail's page serving catches everything else, so it must come last.
urlpatterns += [path("", include(wagtail_urls))]
