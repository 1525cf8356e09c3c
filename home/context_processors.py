"""Template context shared by every public page."""

from django.utils.translation import gettext as _

from pustaka.models import PustakaIndexPage
from rpjpd.models import RPJPDIndexPage, RPJPDSectionPage

from .models import url_or_none
from .visibility import visible


def navigation(request):
    """The main menu: only items whose pages exist and are public."""
    if request.path.startswith("/admin/"):
        return {}

    items = [{"title": _("Home"), "url": "/", "key": "home", "children": []}]

    hub = visible(RPJPDIndexPage.objects.all()).first()
    if hub:
        sections = visible(RPJPDSectionPage.objects.child_of(hub)).only(
            "title", "url_path", "path", "depth"
        )
        items.append(
            {
                "title": _("RPJPD"),
                "url": hub.get_url(request),
                "key": "rpjpd",
                "children": [
                    {"title": s.title, "url": s.get_url(request)} for s in sections
                ],
            }
        )

    for key, title, name in (
        ("pakar", _("Experts"), "experts:directory"),
        ("konsultasi", _("Consultations"), "consult:index"),
    ):
        url = url_or_none(name)
        if url:
            items.append({"title": title, "url": url, "key": key, "children": []})

    library = visible(PustakaIndexPage.objects.all()).first()
    if library:
        items.append(
            {
                "title": _("Library"),
                "url": library.get_url(request),
                "key": "pustaka",
                "children": [],
            }
        )

    return {"main_menu": items}
