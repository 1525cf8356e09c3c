"""Template context shared by every public page."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from ops.public_cache import remember
from pustaka.models import PustakaIndexPage
from rpjpd.models import RPJPDIndexPage, RPJPDSectionPage

from .models import url_or_none
from .visibility import visible


def _menu_pages():
    """The visible RPJPD hub, its sections and the library, in one query."""
    pages = (
        visible(Page.objects.type(RPJPDIndexPage, RPJPDSectionPage, PustakaIndexPage))
        .filter(depth__lte=4)
        .order_by("path")
        .only("title", "url_path", "path", "depth", "content_type")
    )
    hub = library = None
    sections = []
    for page in pages:
        model = page.specific_class
        if model is RPJPDIndexPage and hub is None:
            hub = page
        elif model is PustakaIndexPage and library is None:
            library = page
        elif model is RPJPDSectionPage:
            sections.append(page)
    if hub is not None:
        sections = [s for s in sections if s.path.startswith(hub.path)]
    return hub, sections, library


def navigation(request):
    """The main menu: only items whose pages exist and are public.

    The same for everyone on a host, so it is built once per public content
    version (``ops.public_cache``); the unread badge is added in the template.
    """
    if request.path.startswith("/admin/"):
        return {}
    key = f"main-menu:{request.get_host()}:{get_language()}"
    return {"main_menu": remember(key, lambda: _menu_items(request), request)}


def _menu_items(request):
    items = [{"title": _("Home"), "url": "/", "key": "home", "children": []}]
    hub, sections, library = _menu_pages()

    if hub:
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

    if library:
        items.append(
            {
                "title": _("Library"),
                "url": library.get_url(request),
                "key": "pustaka",
                "children": [],
            }
        )

    return items
