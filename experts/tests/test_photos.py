"""Uploaded portraits: only real, reasonable images, upright, sRGB, no metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from experts.images import process_photo

from .factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _image_bytes(image, fmt, **params):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def huge_png():
    """A 20000×20000 PNG that is tiny on disk: a decompression bomb."""
    image = Image.new("1", (20000, 20000))
    return _image_bytes(image, "PNG", optimize=True)


def exif_rotated_jpeg_with_gps():
    """A landscape JPEG that EXIF says to rotate to portrait, with GPS tags."""
    image = Image.new("RGB", (400, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise
    gps = {1: "S", 2: (0.0, 25.0, 0.0), 3: "E", 4: (117.0, 0.0, 0.0)}
    exif[0x8825] = gps
    exif[0x010F] = "KameraContoh"
    return _image_bytes(image, "JPEG", exif=exif.tobytes())


def cmyk_jpeg():
    """A pure-cyan CMYK JPEG (what print-ready photos often are)."""
    image = Image.new("CMYK", (300, 300), (255, 0, 0, 0))
    return _image_bytes(image, "JPEG")


def _profile_page_post(client, profile, upload):
    data = {
        "name": profile.user.name,
        "institution": "Universitas Contoh",
        "accepts_consultations": "on",
        "pub-TOTAL_FORMS": "0",
        "pub-INITIAL_FORMS": "0",
        "photo": upload,
    }
    return client.post("/akun/profil/", data)


def test_decompression_bomb_is_refused_in_the_form(client, settings):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    response = _profile_page_post(client, profile, _upload(huge_png(), "bom.png"))

    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    assert "25 megapiksel" in response.content.decode()
    profile.refresh_from_db()
    assert not profile.photo
    assert not (settings.MEDIA_ROOT / "experts").exists()


def test_text_file_renamed_jpg_is_refused(client, settings):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    response = _profile_page_post(
        client, profile, _upload(b"bukan gambar, hanya teks\n" * 20, "foto.jpg")
    )

    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    profile.refresh_from_db()
    assert not profile.photo
    assert not (settings.MEDIA_ROOT / "experts").exists()


def test_oversized_file_is_refused():
    data = b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError) as error:
        process_photo(_upload(data))
    assert error.value.code == "file_size"


def test_gif_is_refused():
    data = _image_bytes(Image.new("RGB", (10, 10)), "GIF")
    with pytest.raises(ValidationError):
        process_photo(_upload(data, "foto.gif"))


def test_many_pixels_below_pillow_limit_are_refused():
    data = _image_bytes(Image.new("1", (6000, 5000)), "PNG")
    with pytest.raises(ValidationError) as error:
        process_photo(_upload(data, "besar.png"))
    assert error.value.code == "pixels"


def test_exif_rotated_photo_comes_out_upright_without_metadata(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    response = _profile_page_post(
        client, profile, _upload(exif_rotated_jpeg_with_gps())
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    with Image.open(profile.photo.path) as stored:
        assert stored.size == (200, 400)  # turned upright
        assert not stored.getexif()  # GPS, camera and orientation gone
        assert "exif" not in stored.info
        assert stored.mode == "RGB"


def test_cmyk_photo_is_converted_to_srgb():
    processed = process_photo(_upload(cmyk_jpeg()))
    with Image.open(processed) as stored:
        assert stored.mode == "RGB"
        red, green, blue = stored.getpixel((150, 150))
        assert red < 80 and green > 150 and blue > 150  # still cyan


def test_cmyk_photo_with_icc_profile_is_converted():
    image = Image.new("RGB", (50, 50), (0, 160, 220))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    data = _image_bytes(image, "JPEG", icc_profile=srgb.tobytes())
    with Image.open(process_photo(_upload(data))) as stored:
        assert stored.mode == "RGB"
        assert abs(stored.getpixel((25, 25))[2] - 220) < 20


def test_large_photo_is_scaled_down_and_png_alpha_flattened():
    image = Image.new("RGBA", (2400, 1200), (0, 0, 0, 0))
    with Image.open(process_photo(_upload(_image_bytes(image, "PNG"), "a.png"))) as out:
        assert out.size == (800, 400)
        assert min(out.getpixel((10, 10))) > 245  # transparent became white


def test_webp_is_accepted():
    data = _image_bytes(Image.new("RGB", (100, 120), (10, 90, 40)), "WEBP")
    assert process_photo(_upload(data, "foto.webp", "image/webp")).name.endswith(".jpg")


def test_replacing_a_photo_removes_the_old_file(
    client, django_capture_on_commit_callbacks
):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    jpeg = _image_bytes(Image.new("RGB", (100, 100), (1, 2, 3)), "JPEG")
    _profile_page_post(client, profile, _upload(jpeg))
    profile.refresh_from_db()
    first = profile.photo.path

    with django_capture_on_commit_callbacks(execute=True):
        _profile_page_post(client, profile, _upload(jpeg))
    profile.refresh_from_db()

    assert profile.photo.path != first
    import os

    assert not os.path.exists(first)
    assert os.path.exists(profile.photo.path)


def test_valid_photo_with_other_errors_asks_to_choose_it_again(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    jpeg = _image_bytes(Image.new("RGB", (100, 100), (1, 2, 3)), "JPEG")
    data = {
        "name": "",
        "pub-TOTAL_FORMS": "0",
        "pub-INITIAL_FORMS": "0",
        "photo": _upload(jpeg),
    }
    response = client.post("/akun/profil/", data)

    assert response.status_code == 200
    assert "pilih lagi" in response.content.decode()
    profile.refresh_from_db()
    assert not profile.photo
