"""The "Editor Bappeda" group and the permissions Bappeda editors need.

The group itself is created by a migration so every app can rely on it; its
permissions are (re)applied after every ``migrate`` because model permissions
only exist once each app has been migrated. Other apps grant their own model
permissions by adding codenames to :data:`EDITOR_MODEL_PERMISSIONS`.
"""

import logging

from django.contrib.auth.models import Group, Permission

logger = logging.getLogger(__name__)

EDITOR_GROUP_NAME = "Editor Bappeda"

# "app_label.codename" of every model permission editors hold.
EDITOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "experts.add_expertaccount",
    "experts.change_expertaccount",
    "experts.add_expertisefield",
    "experts.change_expertisefield",
    "experts.delete_expertisefield",
    "pustaka.add_documentkind",
    "pustaka.change_documentkind",
    "pustaka.delete_documentkind",
    "home.change_footersettings",
    "rpjpd.change_reply",
    "rpjpd.view_reply",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]

# Page permissions editors hold on the whole tree (from the root page down).
EDITOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]

# Collection permissions for documents and images (on the root collection).
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
]


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def ensure_editor_group():
    """Create the editor group if needed and grant it everything listed above."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP_NAME)

    for dotted in EDITOR_MODEL_PERMISSIONS:
        permission = _permission(dotted)
        if permission is None:
            logger.info("Permission %s does not exist (yet); skipped.", dotted)
            continue
        group.permissions.add(permission)

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for kind in EDITOR_PAGE_PERMISSIONS:
            permission = _permission(f"wagtailcore.{kind}_page")
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in EDITOR_COLLECTION_PERMISSIONS:
            permission = _permission(dotted)
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return group
