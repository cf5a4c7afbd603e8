"""Photos on every upload path: what is refused, what is cleaned, and the renditions readers get."""

import io
import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles import renditions
from articles.models import Article, ArticleImage
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, jpeg_file

pytestmark = pytest.mark.django_db
ADD_URL = "/quan-tri/articles/article/add/"
UPLOAD_URL = "/quan-tri/ckeditor/upload/"


def _png_header_only(width, height):
    """A PNG that claims width × height pixels: a decompression bomb's header, without its bulk."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _jpeg_bytes(size=(60, 40), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", exif=exif or Image.Exif())
    return buffer.getvalue()


def _camera_photo():
    """A phone photo taken sideways (EXIF orientation 6) with the place it was taken in its GPS tags."""
    exif = Image.Exif()
    exif[0x0112] = 6
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 2.0, 30.0), 3: "E", 4: (105.0, 51.0, 12.0)})
    return _jpeg_bytes(size=(60, 40), exif=exif)


BAD_UPLOADS = {
    "text-named-jpg": (b"Day la mot tep van ban, khong phai anh.\n" * 20, "Tệp này không phải là ảnh"),
    "svg-with-script": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="10"/></svg>',
        "mã HTML hoặc script",
    ),
    "png-20000x20000": (_png_header_only(20000, 20000), "Tối đa là 50 triệu điểm ảnh"),
    "empty": (b"", "Tệp ảnh rỗng"),
    "truncated-jpeg": (_jpeg_bytes(size=(400, 300))[:600], "Ảnh bị hỏng"),
    "30-mb": (os.urandom(30 * 1024 * 1024), "Dung lượng tối đa là 10 MB"),
    "jpeg-with-html-appended": (_jpeg_bytes() + b"<html><script>alert(1)</script></html>", "mã HTML"),
}


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _stored_files(settings):
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def _article_form(category, **extra):
    return {
        "title": "Bài có ảnh",
        "slug": "",
        "category": category.pk,
        "lead": "",
        "body": "<p>Nội dung.</p>",
        "byline": "",
        "cover_caption": "Ảnh bìa",
        "cover_alt": "Mô tả ảnh bìa",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize("name", BAD_UPLOADS)
def test_bad_cover_upload_is_refused_in_vietnamese_and_nothing_is_kept(staff_client, settings, name):
    content, message = BAD_UPLOADS[name]
    upload = SimpleUploadedFile("anh.jpg", content, content_type="image/jpeg")
    response = staff_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize("name", ["svg-with-script", "png-20000x20000", "truncated-jpeg"])
def test_bad_gallery_upload_is_refused_and_nothing_is_kept(staff_client, settings, name):
    content, message = BAD_UPLOADS[name]
    gallery = {
        "images-TOTAL_FORMS": "1",
        "images-0-image": SimpleUploadedFile("anh.png", content),
        "images-0-caption": "Ảnh",
        "images-0-alt_text": "Ảnh",
        "images-0-order": "0",
    }
    response = staff_client.post(ADD_URL, _article_form(CategoryFactory(), **gallery))
    assert message in response.content.decode()
    assert not Article.objects.exists() and not ArticleImage.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize("name", BAD_UPLOADS)
def test_bad_editor_upload_is_refused_and_nothing_is_kept(staff_client, settings, name):
    content, message = BAD_UPLOADS[name]
    response = staff_client.post(
        f"{UPLOAD_URL}?CKEditorFuncNum=3", {"upload": SimpleUploadedFile("anh.jpg", content)}
    )
    assert response.status_code == 200
    script = response.content.decode()
    arguments = json.loads("[" + script[script.index("callFunction(") + 13 : script.rindex(");")] + "]")
    assert arguments[:2] == [3, ""]
    assert message in arguments[2]
    assert _stored_files(settings) == []


def test_camera_photo_is_stored_upright_without_its_location(staff_client, settings):
    upload = SimpleUploadedFile("dien-thoai.jpg", _camera_photo(), content_type="image/jpeg")
    response = staff_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
    assert response.status_code == 302
    article = Article.objects.get()
    # Taken sideways at 60 × 40: upright it is 40 wide and 60 tall.
    assert (article.cover_width, article.cover_height) == (40, 60)
    stored = _stored_files(settings)
    assert len(stored) > 1  # the photo and its renditions
    for path in stored:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825), f"{path.name} still carries GPS tags"
            assert exif.get(0x0112) in (None, 1), f"{path.name} still needs rotating"
            assert image.height > image.width, f"{path.name} is not upright"


def test_stored_photo_name_is_dated_and_unguessable(staff_client):
    upload = SimpleUploadedFile("Ảnh hội nghị.jpg", _jpeg_bytes(), content_type="image/jpeg")
    staff_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
    name = Article.objects.get().cover_image.name
    parts = name.split("/")
    assert parts[:2] == ["articles", "covers"] and parts[2].isdigit() and parts[3].isdigit()
    assert "hoi" not in parts[-1].lower() and len(parts[-1]) >= 20 and parts[-1].endswith(".jpg")


def test_cover_without_alt_text_is_refused(staff_client):
    upload = SimpleUploadedFile("anh.jpg", _jpeg_bytes(), content_type="image/jpeg")
    response = staff_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload, cover_alt=""))
    assert "Cần mô tả ảnh đại diện (alt)" in response.content.decode()
    assert not Article.objects.exists()


def test_body_image_without_alt_text_is_refused(staff_client):
    body = '<p>Ảnh:</p><img src="/media/uploads/1/anh.jpg">'
    response = staff_client.post(ADD_URL, _article_form(CategoryFactory(), body=body))
    assert "ảnh trong nội dung chưa có mô tả (alt)" in response.content.decode()
    assert not Article.objects.exists()


def test_editor_upload_stores_a_clean_photo_in_the_users_folder_with_renditions(staff_client, settings):
    response = staff_client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("x.jpg", _camera_photo())})
    data = response.json()
    assert data["uploaded"] == 1
    user_id = staff_client.session["_auth_user_id"]
    assert data["url"].startswith(f"/media/uploads/{user_id}/")
    name = data["url"][len("/media/") :]
    with Image.open(Path(settings.MEDIA_ROOT) / name) as image:
        assert image.size == (40, 60) and not image.getexif().get_ifd(0x8825)
    assert len(_stored_files(settings)) == 1 + 2 * len(renditions.rendition_widths(40))


def test_editor_upload_is_for_staff_only(client, settings):
    upload = SimpleUploadedFile("x.jpg", _jpeg_bytes())
    response = client.post(UPLOAD_URL, {"upload": upload})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory(is_staff=False))
    assert client.post(UPLOAD_URL, {"upload": upload}).status_code == 302
    assert _stored_files(settings) == []


def test_editor_upload_from_another_site_is_refused(staff_client, settings):
    response = staff_client.post(
        UPLOAD_URL,
        {"upload": SimpleUploadedFile("x.jpg", _jpeg_bytes())},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert _stored_files(settings) == []


def test_body_photo_gets_renditions_size_and_lazy_loading(staff_client, client):
    url = staff_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("x.jpg", _jpeg_bytes((1200, 800)))}
    ).json()["url"]
    article = ArticleFactory(
        body=f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Hội trường"></figure>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index('class="article__body"') :]
    assert '<picture><source type="image/webp" srcset="' in body
    assert " 480w, " in body and " 960w, " in body and " 1200w" in body
    assert 'width="1200" height="800"' in body and 'loading="lazy"' in body and 'alt="Hội trường"' in body


def test_saving_again_keeps_the_body_photo_markup_stable(staff_client):
    url = staff_client.post(
        UPLOAD_URL, {"upload": SimpleUploadedFile("x.jpg", _jpeg_bytes((800, 600)))}
    ).json()["url"]
    article = ArticleFactory(body=f'<p><img src="{url}" alt="Ảnh"></p>')
    first = article.body
    article.save()
    assert article.body == first
    assert first.count("<picture>") == 1


def test_foreign_image_sources_are_left_alone(client):
    article = ArticleFactory(body='<p><img src="https://example.org/anh.jpg" alt="Ảnh ngoài"></p>')
    assert "srcset" not in article.body


def test_rendition_files_exist_for_every_srcset_entry(client, settings):
    article = ArticleFactory(cover_image=jpeg_file("bia.jpg", size=(1600, 900)), cover_alt="Bìa")
    html = client.get(article.get_absolute_url()).content.decode()
    cover = html[html.index('<figure class="article__cover">') :]
    urls = {
        entry.strip().split(" ")[0]
        for srcset in cover[: cover.index("</figure>")].split('srcset="')[1:]
        for entry in srcset.split('"')[0].split(",")
    }
    assert len(urls) == 6  # 480, 960, 1600 px in WebP and JPEG
    for url in urls:
        assert (Path(settings.MEDIA_ROOT) / url[len("/media/") :]).is_file(), url


def test_rebuild_renditions_makes_missing_ones_again(settings):
    article = ArticleFactory(cover_image=jpeg_file("bia.jpg", size=(1000, 600)), cover_alt="Bìa")
    cache_dir = Path(settings.MEDIA_ROOT) / "CACHE"
    before = sorted(path.relative_to(cache_dir) for path in cache_dir.rglob("*.*"))
    for path in cache_dir.rglob("*.*"):
        path.unlink()
    out = io.StringIO()
    call_command("rebuild_renditions", stdout=out, stderr=io.StringIO())
    assert "Renditions made for 1 photos." in out.getvalue()
    assert sorted(path.relative_to(cache_dir) for path in cache_dir.rglob("*.*")) == before
    assert article.cover_image.name


def test_editor_browse_shows_staff_only_their_own_uploads(client):
    writer, other = UserFactory(is_staff=True), UserFactory(is_staff=True)
    assert client.get("/quan-tri/ckeditor/browse/").status_code == 302  # to the login page
    client.force_login(other)
    other_url = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("x.jpg", _jpeg_bytes())}).json()["url"]
    client.force_login(writer)
    own_url = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("y.jpg", _jpeg_bytes())}).json()["url"]
    page = client.get("/quan-tri/ckeditor/browse/").content.decode()
    assert own_url in page and other_url not in page
