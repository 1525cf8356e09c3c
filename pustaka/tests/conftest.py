"""Shared fixtures for the library tests."""

import io
import json

import pytest

from home.management.commands.load_demo import DEMO_FILE
from home.tests.factories import make_home
from pustaka.tests.factories import PustakaIndexPageFactory


@pytest.fixture
def home():
    return make_home()


@pytest.fixture
def library(home):
    return PustakaIndexPageFactory(parent=home)


@pytest.fixture
def demo_data():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def demo_library(home, demo_data):
    """The demo's nineteen documents, loaded by the real loader."""
    from pustaka.demo import load_documents

    load_documents(demo_data, io.StringIO())
    from pustaka.models import PustakaIndexPage

    return PustakaIndexPage.objects.get()
