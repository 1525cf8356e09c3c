"""Template helpers for the shared page frame (breadcrumbs)."""

from django import template

register = template.Library()


@register.simple_tag
def page_ancestors(page):
    """The pages above ``page``, root first: those the serving check already
    fetched (``home.wagtail_hooks.served_ancestors``), else one query."""
    served = getattr(page, "_served_ancestors", None)
    if served is not None:
        return served
    return list(page.get_ancestors())
