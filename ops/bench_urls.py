"""URLs for ``make bench``: the site plus one minimal view that sets the ceiling."""

from django.http import HttpResponse
from django.urls import path

from ruangrunding.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    """The least Django can do: through every middleware, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling", ceiling), *site_urlpatterns]
