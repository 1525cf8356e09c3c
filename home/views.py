"""Small site-wide views: robots.txt and the bad-request and server-error pages."""

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Tell crawlers to skip the admin and account pages, and where the sitemap is."""
    body = loader.render_to_string(
        "robots.txt", {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def server_error(request):
    """Render 500.html without context processors: the database may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())


def bad_request(request, exception):
    """Render 400.html without the request: its Host may be what was refused.

    Django's own handler renders with the request, so the context processors
    ask for the host again and a bad Host header turned into a 500.
    """
    template = loader.get_template("400.html")
    return HttpResponseBadRequest(template.render())
