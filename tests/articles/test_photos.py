"""Photos on every upload path: what is refused, what is cleaned, and the renditions readers get."""

import io
import os
import struct
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Article, ArticleImage
from articles.photos import checks, renditions
from tests.admin_forms import new_article_form
from tests.factories import ArticleFactory, CategoryFactory, UserFactory, jpeg_file

pytestmark = pytest.mark.django_db
ADD_URL = "/quan-tri/articles/article/add/"
UPLOAD_URL = "/quan-tri/ckeditor/upload/"
# What a browser on the admin page sends with the editor's upload (the test client's site is testserver).
FROM_THIS_SITE = {"Origin": "http://testserver"}


def _png_header_only(width, height):
    """A PNG that claims width × height pixels: a decompression bomb's header, without its bulk."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _gif(screen, frames):
    """A GIF written block by block: a logical screen and one 1 × 1 black frame per (left, top) in `frames`.

    A decoder draws every frame on a canvas the size of the screen, so 20 frames on a 7000 × 7000 screen are
    20 canvases of 49 million pixels from a file of 500 bytes.
    """
    width, height = screen
    blocks = [
        b"GIF89a",
        struct.pack("<HHBBB", width, height, 0x80, 0, 0),  # a global table of two colours
        b"\x00\x00\x00\xff\xff\xff",
        b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00",  # loop forever
    ]
    for left, top in frames:
        blocks.append(b"!\xf9\x04\x04\x0a\x00\x00\x00")  # 0.1 s per frame
        # The frame's place and size, LZW code size 2, then "clear, colour 0, end" in one sub-block.
        blocks.append(b"," + struct.pack("<HHHHB", left, top, 1, 1, 0) + b"\x02\x02\x44\x01\x00")
    blocks.append(b";")
    return b"".join(blocks)


def _animated_gif_bomb():
    return _gif((7000, 7000), [(0, 0)] * 20)


def _small_animated_gif():
    """Three 40 × 30 frames of different colours, as a screen recording or a meme would be."""
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((200, 30, 30), (30, 200, 30), (30, 30, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


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
    "gif-20-frames-7000x7000": (_animated_gif_bomb(), "Ảnh động quá lớn (20 khung hình"),
}


def _photo():
    return SimpleUploadedFile("x.jpg", _jpeg_bytes())


def _editor_upload(client, upload, *, query="", headers=FROM_THIS_SITE):
    """Post a file as the editor's image dialog does: from this site's admin page, unless told otherwise."""
    return client.post(f"{UPLOAD_URL}{query}", {"upload": upload}, headers=headers)


def _reply_attributes(html):
    """The attributes of the script tag that hands the form upload's outcome to the editor."""
    finder = _ScriptFinder()
    finder.feed(html)
    return finder.attributes


class _ScriptFinder(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.attributes = dict(attrs)


def _stored_files(settings):
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def _article_form(category, **extra):
    typed = {
        "title": "Bài có ảnh",
        "body": "<p>Nội dung.</p>",
        "cover_caption": "Ảnh bìa",
        "cover_alt": "Mô tả ảnh bìa",
    }
    return new_article_form(category, **(typed | extra))


@pytest.mark.parametrize("name", BAD_UPLOADS)
def test_bad_cover_upload_is_refused_in_vietnamese_and_nothing_is_kept(superuser_client, settings, name):
    content, message = BAD_UPLOADS[name]
    upload = SimpleUploadedFile("anh.jpg", content, content_type="image/jpeg")
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    "name", ["svg-with-script", "png-20000x20000", "truncated-jpeg", "gif-20-frames-7000x7000"]
)
def test_bad_gallery_upload_is_refused_and_nothing_is_kept(superuser_client, settings, name):
    content, message = BAD_UPLOADS[name]
    gallery = [{"image": SimpleUploadedFile("anh.png", content), "caption": "Ảnh", "alt_text": "Ảnh"}]
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), images=gallery))
    assert message in response.content.decode()
    assert not Article.objects.exists() and not ArticleImage.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize("name", BAD_UPLOADS)
def test_bad_editor_upload_is_refused_and_nothing_is_kept(superuser_client, settings, name):
    content, message = BAD_UPLOADS[name]
    response = _editor_upload(
        superuser_client, SimpleUploadedFile("anh.jpg", content), query="?CKEditorFuncNum=3"
    )
    assert response.status_code == 200
    reply = _reply_attributes(response.content.decode())
    assert (reply["data-callback"], reply["data-url"]) == ("3", "")
    assert message in reply["data-error"]
    assert _stored_files(settings) == []


def test_camera_photo_is_stored_upright_without_its_location(superuser_client, settings):
    upload = SimpleUploadedFile("dien-thoai.jpg", _camera_photo(), content_type="image/jpeg")
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
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


def test_stored_photo_name_is_dated_and_unguessable(superuser_client):
    upload = SimpleUploadedFile("Ảnh hội nghị.jpg", _jpeg_bytes(), content_type="image/jpeg")
    superuser_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
    name = Article.objects.get().cover_image.name
    parts = name.split("/")
    assert parts[:2] == ["articles", "covers"] and parts[2].isdigit() and parts[3].isdigit()
    assert "hoi" not in parts[-1].lower() and len(parts[-1]) >= 20 and parts[-1].endswith(".jpg")


def test_cover_without_alt_text_is_refused(superuser_client):
    upload = SimpleUploadedFile("anh.jpg", _jpeg_bytes(), content_type="image/jpeg")
    response = superuser_client.post(
        ADD_URL, _article_form(CategoryFactory(), cover_image=upload, cover_alt="")
    )
    assert "Cần mô tả ảnh đại diện (alt)" in response.content.decode()
    assert not Article.objects.exists()


def test_body_image_without_alt_text_is_refused(superuser_client):
    body = '<p>Ảnh:</p><img src="/media/uploads/1/anh.jpg">'
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), body=body))
    assert "ảnh trong nội dung chưa có mô tả (alt)" in response.content.decode()
    assert not Article.objects.exists()


def test_editor_upload_stores_a_clean_photo_in_the_users_folder_with_renditions(superuser_client, settings):
    response = _editor_upload(superuser_client, SimpleUploadedFile("x.jpg", _camera_photo()))
    data = response.json()
    assert data["uploaded"] == 1
    user_id = superuser_client.session["_auth_user_id"]
    assert data["url"].startswith(f"/media/uploads/{user_id}/")
    name = data["url"][len("/media/") :]
    with Image.open(Path(settings.MEDIA_ROOT) / name) as image:
        assert image.size == (40, 60) and not image.getexif().get_ifd(0x8825)
    assert len(_stored_files(settings)) == 1 + 2 * len(renditions.rendition_widths(40))


def test_editor_upload_is_for_staff_only(client, settings):
    upload = SimpleUploadedFile("x.jpg", _jpeg_bytes())
    response = _editor_upload(client, upload)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory(is_staff=False))
    assert _editor_upload(client, upload).status_code == 302
    assert _stored_files(settings) == []


NOT_FROM_THIS_SITE = {
    "neither-origin-nor-referer": {},
    "foreign-origin": {"Origin": "https://evil.example"},
    "foreign-referer": {"Referer": "https://evil.example/quan-tri/articles/article/add/"},
    "foreign-origin-with-our-referer": {
        "Origin": "https://evil.example",
        "Referer": "http://testserver/quan-tri/articles/article/add/",
    },
    "opaque-origin": {"Origin": "null"},  # a sandboxed frame
    "our-host-another-scheme": {"Origin": "https://testserver"},
    "our-name-inside-another-host": {"Referer": "http://testserver.evil.example/quan-tri/"},
}


@pytest.mark.parametrize("name", NOT_FROM_THIS_SITE)
def test_editor_upload_not_from_this_site_is_refused(superuser_client, settings, name):
    response = _editor_upload(superuser_client, _photo(), headers=NOT_FROM_THIS_SITE[name])
    assert response.status_code == 403
    assert "không đến từ trang quản trị" in response.json()["error"]["message"]
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://testserver"},
        # Without Origin (an older browser), the page's address in the Referer says where the post is from.
        {"Referer": "http://testserver/quan-tri/articles/article/add/"},
    ],
    ids=["origin", "referer-without-origin"],
)
def test_editor_upload_from_this_site_is_accepted(superuser_client, headers):
    response = _editor_upload(superuser_client, _photo(), headers=headers)
    assert response.status_code == 200 and response.json()["uploaded"] == 1


def test_editor_upload_behind_an_https_proxy_expects_the_https_origin(superuser_client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_proxy = {"Host": "testserver", "X-Forwarded-Proto": "https"}  # as the proxy forwards them
    response = _editor_upload(superuser_client, _photo(), headers={**behind_proxy, **FROM_THIS_SITE})
    assert response.status_code == 403
    response = _editor_upload(
        superuser_client, _photo(), headers={**behind_proxy, "Origin": "https://testserver"}
    )
    assert response.json()["uploaded"] == 1


@pytest.mark.parametrize(
    "origin", ["https://tuyengiao.example.vn", "https://anh.huyen.example.vn"], ids=["exact", "subdomain"]
)
def test_editor_upload_accepts_csrf_trusted_origins(superuser_client, settings, origin):
    settings.CSRF_TRUSTED_ORIGINS = ["https://tuyengiao.example.vn", "https://*.huyen.example.vn"]
    assert _editor_upload(superuser_client, _photo(), headers={"Origin": origin}).json()["uploaded"] == 1
    referer = {"Referer": f"{origin}/quan-tri/"}
    assert _editor_upload(superuser_client, _photo(), headers=referer).json()["uploaded"] == 1
    not_over_https = {"Origin": origin.replace("https:", "http:")}
    assert _editor_upload(superuser_client, _photo(), headers=not_over_https).status_code == 403


# --- animated images ------------------------------------------------------------------------------------


def test_animation_bomb_is_refused_before_any_frame_is_decoded():
    upload = SimpleUploadedFile("dong.gif", _animated_gif_bomb())
    assert upload.size < 1000
    started = time.process_time()
    with pytest.raises(ValidationError) as refused:
        checks.check_photo(upload)
    # Decoding and re-encoding those 20 frames took 47 s of CPU; a guard, not a benchmark, hence the margin.
    assert time.process_time() - started < 1
    assert refused.value.code == "animation_too_large"


def test_gif_frame_drawn_beyond_its_screen_counts_at_the_canvas_it_makes():
    # A 1 × 1 screen, but a frame at (6999, 6999) makes decoders draw every frame on 7000 × 7000.
    upload = SimpleUploadedFile("dong.gif", _gif((1, 1), [(0, 0), (6999, 6999), (0, 0)]))
    with pytest.raises(ValidationError, match="3 khung hình, mỗi khung 7000 × 7000"):
        checks.check_photo(upload)


@pytest.mark.parametrize("size", [(30_000, 1000), (1000, 20_000)], ids=["wide", "tall"])
def test_photo_with_a_side_too_long_for_its_renditions_is_refused(size):
    # Both are within the 50-million-pixel budget; a tall one's renditions would be 20,000 px high.
    upload = SimpleUploadedFile("dai.png", _png_header_only(*size))
    with pytest.raises(ValidationError, match="Mỗi chiều tối đa là 16.000 điểm ảnh"):
        checks.check_photo(upload)


def test_animated_gif_cover_is_stored_as_its_first_frame(superuser_client, settings):
    upload = SimpleUploadedFile("dong.gif", _small_animated_gif(), content_type="image/gif")
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), cover_image=upload))
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.cover_width, article.cover_height) == (40, 30)
    with Image.open(article.cover_image.path) as image:
        assert image.format == "GIF" and image.n_frames == 1
        assert image.convert("RGB").getpixel((0, 0)) == (200, 30, 30)
    assert len(_stored_files(settings)) == 1 + 2 * len(renditions.rendition_widths(40))


def test_animated_gif_from_the_editor_is_stored_as_its_first_frame(superuser_client, settings):
    url = _editor_upload(superuser_client, SimpleUploadedFile("dong.gif", _small_animated_gif())).json()[
        "url"
    ]
    with Image.open(Path(settings.MEDIA_ROOT) / url[len("/media/") :]) as image:
        assert image.n_frames == 1 and image.convert("RGB").getpixel((0, 0)) == (200, 30, 30)


@pytest.mark.parametrize("image_format", ["JPEG", "GIF"])
def test_comment_in_a_photo_is_not_kept(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 30, 30)).save(buffer, image_format, comment=b"Nha rieng, so 12 ngo 5")
    cleaned = checks.clean_photo(SimpleUploadedFile("anh", buffer.getvalue())).read()
    assert b"Nha rieng" not in cleaned


# --- what a body's <img> may point at ---------------------------------------------------------------------


NOT_STORED_PHOTOS = {
    "uploads-folder": "/media/uploads",
    "renditions-folder": "/media/CACHE",
    "a-users-folder": "/media/uploads/1/",
    "text-file": "/media/uploads/1/ghi-chu.txt",
    "text-named-jpg": "/media/uploads/1/gia-la-anh.jpg",
    "truncated-jpeg": "/media/uploads/1/dang-do.jpg",
    "missing-file": "/media/uploads/1/khong-co.jpg",
    "dot-dot": "/media/uploads/../../portal/settings.py",
    "absolute-path": "/media//etc/passwd",
    "nul-byte": "/media/uploads/1/anh%00.jpg",
}


@pytest.mark.parametrize("name", NOT_STORED_PHOTOS)
def test_body_image_that_is_not_a_stored_photo_is_saved_as_written(superuser_client, name):
    default_storage.save("uploads/1/ghi-chu.txt", ContentFile(b"Ghi chu cua phong vien.\n"))
    default_storage.save("uploads/1/gia-la-anh.jpg", ContentFile(b"Khong phai anh.\n" * 10))
    default_storage.save("uploads/1/dang-do.jpg", ContentFile(_jpeg_bytes(size=(400, 300))[:600]))
    default_storage.save("CACHE/images/.keep", ContentFile(b""))
    body = f'<p>Bài viết của phóng viên.</p><p><img src="{NOT_STORED_PHOTOS[name]}" alt="Ảnh"></p>'
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), body=body))
    assert response.status_code == 302
    article = Article.objects.get()
    assert "Bài viết của phóng viên." in article.body
    assert "<picture>" not in article.body


def test_body_image_pointing_at_a_rendition_gets_no_renditions_of_its_own(superuser_client, settings):
    _editor_upload(superuser_client, SimpleUploadedFile("x.jpg", _jpeg_bytes((1200, 800))))
    cache = Path(settings.MEDIA_ROOT) / "CACHE"
    before = sorted(cache.rglob("*.*"))
    rendition = "/media/" + before[0].relative_to(settings.MEDIA_ROOT).as_posix()
    body = f'<p>Bài viết của phóng viên.</p><p><img src="{rendition}" alt="Ảnh"></p>'
    response = superuser_client.post(ADD_URL, _article_form(CategoryFactory(), body=body))
    assert response.status_code == 302
    assert "<picture>" not in Article.objects.get().body
    assert sorted(cache.rglob("*.*")) == before


def test_body_photo_gets_renditions_size_and_lazy_loading(superuser_client, client):
    url = _editor_upload(superuser_client, SimpleUploadedFile("x.jpg", _jpeg_bytes((1200, 800)))).json()[
        "url"
    ]
    article = ArticleFactory(
        body=f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Hội trường"></figure>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index('class="article__body"') :]
    assert '<picture><source type="image/webp" srcset="' in body
    assert " 480w, " in body and " 960w, " in body and " 1200w" in body
    assert 'width="1200" height="800"' in body and 'loading="lazy"' in body and 'alt="Hội trường"' in body


def test_saving_again_keeps_the_body_photo_markup_stable(superuser_client):
    url = _editor_upload(superuser_client, SimpleUploadedFile("x.jpg", _jpeg_bytes((800, 600)))).json()["url"]
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
    other_url = _editor_upload(client, SimpleUploadedFile("x.jpg", _jpeg_bytes())).json()["url"]
    client.force_login(writer)
    own_url = _editor_upload(client, SimpleUploadedFile("y.jpg", _jpeg_bytes())).json()["url"]
    page = client.get("/quan-tri/ckeditor/browse/").content.decode()
    assert own_url in page and other_url not in page
