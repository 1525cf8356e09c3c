"""Views that exercise the page cache's rules, mounted only in its tests."""

from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.cache import cache_control

from ruangrunding.urls import urlpatterns as site_urlpatterns

_csrf_form = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<button>Kirim</button></form>'
)


def csrf_form(request):
    return HttpResponse(_csrf_form.render({}, request))


def sets_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("pilihan", "1")
    return response


@cache_control(private=True)
def private(request):
    return HttpResponse("private")


def with_message(request):
    messages.info(request, "Pesan untuk satu orang")
    return HttpResponse("message queued")


def writes_session(request):
    request.session["visited"] = True
    return HttpResponse("session")


def plain(request):
    return HttpResponse(f"plain {request.GET.get('q', '')}")


urlpatterns = [
    path(
        "uji-cache/",
        include(
            [
                path("csrf/", csrf_form),
                path("cookie/", sets_cookie),
                path("private/", private),
                path("message/", with_message),
                path("session/", writes_session),
                path("plain/", plain),
            ]
        ),
    ),
    *site_urlpatterns,
]
