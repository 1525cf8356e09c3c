"""Pustaka in the admin (document kinds, a filtered document listing) and file serving."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.visibility import visible

from .models import DocumentKind, PustakaDocumentPage


class DocumentKindViewSet(SnippetViewSet):
    """Editors manage the list of document kinds shown as a library filter."""

    model = DocumentKind
    icon = "folder-open-inverse"
    menu_label = _("Document kinds")
    add_to_admin_menu = False
    list_display = ["name", "is_regulation", "sort_order"]
    list_filter = ["is_regulation"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(DocumentKindViewSet)


class PustakaDocumentListingViewSet(PageListingViewSet):
    """All library documents in one filterable list, beside the page explorer."""

    model = PustakaDocumentPage
    icon = "doc-full"
    menu_label = _("Library documents")
    menu_order = 210
    add_to_admin_menu = True
    list_filter = ["kind", "year", "jdih_status"]


pustaka_document_listing = PustakaDocumentListingViewSet("pustaka_documents")


@hooks.register("register_admin_viewset")
def register_pustaka_document_listing():
    return pustaka_document_listing


def _can_manage_documents(user):
    return user.is_active and (
        user.has_perm("wagtailadmin.access_admin")
        and user.has_perm("wagtaildocs.change_document")
    )


@hooks.register("before_serve_document")
def hide_files_of_hidden_documents(document, request):
    """404 for a file whose only library pages are unpublished, private or expired.

    Wagtail serves documents by id whatever page uses them; a file that belongs to
    the library is public exactly when one of its library pages is. Editors still
    get the file, so they can check it before publishing.
    """
    pages = PustakaDocumentPage.objects.filter(document=document)
    if not pages.exists() or visible(pages).exists():
        return None
    if _can_manage_documents(request.user):
        return None
    raise Http404
