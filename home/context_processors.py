"""Template context shared by every public page."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from pustaka.models import PustakaIndexPage
from rpjpd.models import RPJPDIndexPage


def _url_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def navigation(request):
    """The main menu: only items whose pages exist and are public."""
    if request.path.startswith("/admin/"):
        return {}

    items = [{"title": _("Home"), "url": "/", "key": "home", "children": []}]

    hub = RPJPDIndexPage.objects.live().public().first()
    if hub:
        sections = (
            hub.get_children().live().public().specific().only("title", "url_path")
        )
        items.append(
            {
                "title": _("RPJPD"),
                "url": hub.url,
                "key": "rpjpd",
                "children": [{"title": s.title, "url": s.url} for s in sections],
            }
        )

    for key, title, name in (
        ("pakar", _("Experts"), "experts:directory"),
        ("konsultasi", _("Consultations"), "consult:index"),
    ):
        url = _url_or_none(name)
        if url:
            items.append({"title": title, "url": url, "key": key, "children": []})

    library = PustakaIndexPage.objects.live().public().first()
    if library:
        items.append(
            {
                "title": _("Library"),
                "url": library.url,
                "key": "pustaka",
                "children": [],
            }
        )

    return {"main_menu": items}
