"""Fixtures for the reply tests: a small site, a topic and one person per role."""

import pytest

from accounts.tests.factories import EditorFactory, PemerintahFactory, UserFactory
from experts.tests.factories import ExpertFactory

from .factories import TopicFactory, build_site


@pytest.fixture
def site_tree(db):
    home, hub, section = build_site()
    return {"home": home, "hub": hub, "section": section}


@pytest.fixture
def section(site_tree):
    return site_tree["section"]


@pytest.fixture
def topic(section):
    return TopicFactory(parent=section)


@pytest.fixture
def expert(db):
    return ExpertFactory()


@pytest.fixture
def other_expert(db):
    return ExpertFactory()


@pytest.fixture
def masyarakat(db):
    return UserFactory()


@pytest.fixture
def pemerintah(db):
    return PemerintahFactory()


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def expert_client(client, expert):
    client.force_login(expert)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
