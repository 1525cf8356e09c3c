"""An editor creates an expert in the admin; the expert fills Profil Saya."""

import io

import pytest
from PIL import Image

from accounts.tests.factories import EditorFactory
from experts.tests.factories import ExpertiseFieldFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(tmp_path):
    image = Image.new("RGB", (600, 400), (30, 120, 90))
    path = tmp_path / "foto.jpg"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_editor_creates_expert_who_fills_their_profile(browser_page, tmp_path):
    page = browser_page
    EditorFactory(username="editor.bappeda")
    ExpertiseFieldFactory(name="Sumber Daya Air", slug="sumber-daya-air")

    # The editor creates the expert in the Wagtail admin.
    page.goto("/admin/login/")
    page.fill("#id_username", "editor.bappeda")
    page.fill("#id_password", "kata-sandi-uji-123")
    page.click("button[type=submit]")
    page.goto("/admin/pakar/new/")
    page.fill("#id_name", "Ratna Hidrologi")
    page.fill("#id_username", "ratna.h")
    page.fill("#id_email", "ratna@example.org")
    page.check("input[name=password_mode][value=password]")
    page.fill("#id_password", "serahkan-2045-ini")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/admin/pakar/")
    assert page.get_by_text("Ratna Hidrologi").first.is_visible()
    page.context.clear_cookies()

    # The expert logs in with what the editor handed over.
    page.goto("/akun/login/")
    page.get_by_label("Nama pengguna atau email").fill("ratna.h")
    page.get_by_label("Kata sandi").fill("serahkan-2045-ini")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/akun/login/" not in url)
    page.goto("/pakar/")
    page.get_by_role("link", name="Profil Saya").click()

    page.get_by_label("Gelar depan").fill("Dr.")
    page.get_by_label("Institusi", exact=True).fill("Universitas Contoh Mahakam")
    page.set_input_files("#id_photo", str(_photo(tmp_path)))
    page.get_by_label("Sumber Daya Air").check()
    page.select_option("#id_pub-0-kind", "publikasi")
    page.fill("#id_pub-0-title", "Banjir di Hilir Mahakam")
    page.fill("#id_pub-0-year", "2022")
    page.get_by_role("button", name="Simpan profil").click()
    assert page.get_by_text("Profil Anda telah disimpan.").is_visible()

    page.select_option("#id_pub-1-kind", "penelitian")
    page.fill("#id_pub-1-title", "Kualitas Air Danau Semayang")
    page.fill("#id_pub-1-year", "2024")
    page.get_by_role("button", name="Simpan profil").click()

    # The public profile shows it all.
    page.context.clear_cookies()
    page.goto("/pakar/")
    page.get_by_role("link", name="Dr. Ratna Hidrologi").click()
    assert page.get_by_role("heading", name="Dr. Ratna Hidrologi").is_visible()
    assert page.get_by_text("Universitas Contoh Mahakam").first.is_visible()
    assert page.get_by_text("Banjir di Hilir Mahakam").is_visible()
    assert page.get_by_text("Kualitas Air Danau Semayang").is_visible()
    assert page.get_by_role("link", name="Sumber Daya Air").is_visible()
    photo = page.locator("img.avatar--large")
    assert photo.evaluate("img => img.naturalWidth") > 0
