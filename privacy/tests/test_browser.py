"""In Chromium: a member downloads their data, then deletes their account."""

import json

import pytest
from django.contrib.auth import get_user_model

from accounts.tests.factories import PASSWORD, UserFactory
from ops.tests.factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_downloads_data_then_deletes_account(browser_page, tmp_path):
    make_site()
    user = UserFactory(name="Dewi Warga Uji")
    page = browser_page

    page.goto("/akun/login/")
    page.get_by_label("Nama pengguna atau email").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto("/akun/saya/")
    page.get_by_role("link", name="Data saya: unduh atau hapus").click()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh data saya (JSON)").click()
    saved = tmp_path / "data.json"
    download_info.value.save_as(saved)
    assert json.loads(saved.read_text())["account"]["name"] == "Dewi Warga Uji"

    page.get_by_role("link", name="Hapus akun saya…").click()
    page.get_by_label("Kata sandi Anda").fill(PASSWORD)
    page.get_by_label("Saya mengerti").check()
    page.get_by_role("button", name="Hapus akun saya untuk selamanya").click()

    page.get_by_text("Akun dan data Anda telah dihapus.").wait_for()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    page.goto("/akun/data-saya/")
    assert "/akun/login/" in page.url
