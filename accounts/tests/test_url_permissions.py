"""Walk every URL of the site as every role and check the answer.

The tables live next to each app in ``<app>/tests/url_permissions.py`` (see
``url_walk.py``). The walk fails when a URL pattern has no entry.
"""

import importlib
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from experts.tests.factories import ExpertProfileFactory

from .factories import EditorFactory, PemerintahFactory, SuperuserFactory, UserFactory
from .url_walk import APP_MODULES, LOGIN, REDIRECT, ROLES, SKIPPED_PREFIXES

pytestmark = pytest.mark.django_db

LOGIN_PATHS = ("/akun/login/", "/admin/login/")


def _app_modules():
    modules = []
    for name in APP_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def _tables():
    urls, paths, builders = {}, {}, []
    for module in _app_modules():
        for key, case in getattr(module, "URLS", {}).items():
            assert key not in urls, f"{key} is listed twice"
            urls[key] = case
        paths.update(getattr(module, "PATHS", {}))
        if hasattr(module, "build_world"):
            builders.append(module.build_world)
    return urls, paths, builders


def _patterns(patterns=None, prefix="", namespace=None):
    """Yield (route, name) for every URL pattern of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else (pattern.namespace)
                )
            yield from _patterns(
                pattern.url_patterns, prefix + str(pattern.pattern), inner
            )
        else:
            name = pattern.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield prefix + str(pattern.pattern), name


def _answer(response):
    if response.status_code in (301, 302):
        location = urlsplit(response["Location"]).path
        return LOGIN if location.startswith(LOGIN_PATHS) else REDIRECT
    return response.status_code


def _world():
    pakar = ExpertProfileFactory()
    users = {
        "visitor": None,
        "unverified": UserFactory(verified=False),
        "masyarakat": UserFactory(),
        "pemerintah": PemerintahFactory(),
        "pakar": pakar.user,
        "editor": EditorFactory(),
        "superuser": SuperuserFactory(),
    }
    return SimpleNamespace(
        users=users,
        profile=pakar,
        inactive_profile=ExpertProfileFactory(user__is_active=False),
    )


def test_every_url_pattern_has_an_entry():
    urls, _, _ = _tables()
    missing = sorted(
        f"{name or route}  (route {route!r})"
        for route, name in _patterns()
        if not route.startswith(SKIPPED_PREFIXES) and (name or route) not in urls
    )
    assert not missing, (
        "These URLs have no entry in any <app>/tests/url_permissions.py; "
        "add one saying what each role gets:\n  " + "\n  ".join(missing)
    )


def test_every_role_gets_the_expected_answer_everywhere():
    urls, paths, builders = _tables()
    world = _world()
    for build in builders:
        build(world)

    mismatches = []
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        for label, case in [*urls.items(), *paths.items()]:
            path = case.resolve_path(world)
            response = getattr(client, case.method)(path, case.data)
            got, wanted = _answer(response), case.expected[role]
            if got != wanted:
                mismatches.append(
                    f"{role:<11} {label} {path}: got {got}, want {wanted}"
                )
    assert not mismatches, "\n".join(mismatches)
