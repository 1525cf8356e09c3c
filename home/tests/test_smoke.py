import pytest
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.mark.django_db
def test_home_page_renders_in_indonesian(client):
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Beranda", slug="beranda-uji", hero_title="Selamat datang"
        )
    )
    Site.objects.update(root_page=home)

    response = client.get("/")

    assert response.status_code == 200
    assert 'lang="id"' in response.text
    assert "Langsung ke isi" in response.text
