import pytest


@pytest.mark.django_db
def test_public_pages_stay_indonesian_for_an_english_browser(client):
    response = client.get("/akun/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert 'lang="id"' in response.text
    assert "Langsung ke isi" in response.text
    assert "Skip to main content" not in response.text
