"""Attached files are checked by content, not by name: what the admin accepts, what it refuses, and that a
refused file leaves nothing behind."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.documents import checks
from articles.documents.models import Document, DocumentFile
from tests.documents.admin_forms import ADMIN, document_form
from tests.documents.factories import (
    DocumentFactory,
    docx_bytes,
    odt_bytes,
    ole2_bytes,
    pdf_bytes,
    xlsx_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def _stored_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def _upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def staff_client(client, contributor):
    client.force_login(contributor)
    return client


# --- accepted -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "file_type"),
    [
        ("Kết luận 01-KL-TW.pdf", pdf_bytes(), "pdf"),
        ("Kế hoạch.PDF", pdf_bytes(), "pdf"),
        ("Báo cáo tổng kết.docx", docx_bytes(), "docx"),
        ("Biểu số liệu.xlsx", xlsx_bytes(), "xlsx"),
        ("Hướng dẫn.odt", odt_bytes(), "odt"),
        ("Công văn cũ.doc", ole2_bytes("WordDocument"), "doc"),
        ("Bảng tổng hợp cũ.xls", ole2_bytes("Workbook"), "xls"),
    ],
)
def test_each_accepted_format_is_stored_with_its_original_name(
    staff_client, contributor, name, content, file_type
):
    response = staff_client.post(f"{ADMIN}/add/", document_form(files=[_upload(name, content)]))
    assert response.status_code == 302, response.content.decode()[:3000]
    attached = DocumentFile.objects.get()
    assert attached.original_name == name
    assert attached.file_type == file_type
    assert attached.size == len(content)
    assert attached.file.name.endswith(f".{file_type}")
    assert attached.document.author == contributor


# --- refused ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Kết luận.pdf", HTML_PAGE, "không phải là tệp PDF thật"),
        ("Kết luận.pdf", WINDOWS_PROGRAM, "không phải là tệp PDF thật"),
        ("Báo cáo.docx", pdf_bytes(), "không phải là tệp Word thật"),
        ("Báo cáo.docx", b"Just some text, not a ZIP package", "không phải là tệp Word thật"),
        ("Báo cáo.docx", xlsx_bytes(), "không phải là tệp Word thật"),  # an Excel package named .docx
        ("Báo cáo.docx", zip_bytes({"readme.txt": b"hello"}), "không phải là tệp Word thật"),
        ("Biểu.xlsx", docx_bytes(), "không phải là tệp Excel thật"),
        ("Hướng dẫn.odt", docx_bytes(), "không phải là tệp ODT thật"),
        ("Hướng dẫn.odt", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ODT"),
        ("Công văn.doc", ole2_bytes("Workbook"), "không phải là tệp Word thật"),
        ("Bảng.xls", ole2_bytes("WordDocument"), "không phải là tệp Excel thật"),
        ("Bảng.xls", HTML_PAGE, "không phải là tệp Excel thật"),
        ("trang.html", HTML_PAGE, "Không nhận tệp “trang.html”"),
        ("chuong-trinh.exe", WINDOWS_PROGRAM, "Không nhận tệp “chuong-trinh.exe”"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "Không nhận tệp “anh.jpg”"),
        ("khong-co-duoi", pdf_bytes(), "Không nhận tệp “khong-co-duoi”"),
        ("rong.pdf", b"", "rỗng (0 byte)"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored(
    staff_client, name, content, message
):
    response = staff_client.post(
        f"{ADMIN}/add/", document_form(files=[_upload(name, content, "application/pdf")])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Chỉ nhận văn bản PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT." in html or "rỗng" in message
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()
    assert _stored_files() == []


def test_an_html_page_named_pdf_is_refused_with_a_vietnamese_message(staff_client):
    form = document_form(files=[_upload("Kết luận 01-KL-TW.pdf", HTML_PAGE, "application/pdf")])
    html = staff_client.post(f"{ADMIN}/add/", form).content.decode()
    assert "Nội dung tệp “Kết luận 01-KL-TW.pdf” không phải là tệp PDF thật, dù tên tệp có đuôi .pdf." in html
    assert not DocumentFile.objects.exists()
    assert _stored_files() == []


def test_a_file_over_20_mb_is_refused(staff_client):
    # 20 MB and one byte of a real PDF: too large whatever it holds.
    content = pdf_bytes() + b"\n" * (checks.MAX_UPLOAD_BYTES + 1 - len(pdf_bytes()))
    response = staff_client.post(f"{ADMIN}/add/", document_form(files=[_upload("Lớn.pdf", content)]))
    html = response.content.decode()
    assert "Tệp “Lớn.pdf” quá lớn (20,0 MB). Dung lượng tối đa là 20 MB." in html
    assert not DocumentFile.objects.exists()
    assert _stored_files() == []


def test_a_file_of_exactly_20_mb_is_accepted(staff_client):
    content = pdf_bytes() + b"\n" * (checks.MAX_UPLOAD_BYTES - len(pdf_bytes()))
    response = staff_client.post(f"{ADMIN}/add/", document_form(files=[_upload("Vừa đủ.pdf", content)]))
    assert response.status_code == 302
    assert DocumentFile.objects.get().size == checks.MAX_UPLOAD_BYTES


def test_one_bad_file_among_good_ones_stores_nothing(staff_client):
    files = [_upload("Tốt.pdf", pdf_bytes()), _upload("Xấu.pdf", HTML_PAGE)]
    response = staff_client.post(f"{ADMIN}/add/", document_form(files=files))
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert _stored_files() == []


def test_replacing_a_file_with_a_bad_one_keeps_the_old_one(client, approver):
    document = DocumentFactory(author=approver)
    good = DocumentFile.objects.create(document=document, file=ContentFile(pdf_bytes(), name="Cũ.pdf"))
    client.force_login(approver)
    form = document_form(document, **{"files-0-file": _upload("Mới.pdf", HTML_PAGE)})
    response = client.post(f"{ADMIN}/{document.pk}/change/", form)
    assert response.status_code == 200
    good.refresh_from_db()
    assert good.original_name == "Cũ.pdf"
    assert len(_stored_files()) == 1


def test_files_saved_outside_the_admin_are_checked_too():
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        DocumentFile(document=document, file=ContentFile(HTML_PAGE, name="Kết luận.pdf")).save()
    assert not DocumentFile.objects.exists()
    assert _stored_files() == []


def test_a_zip_bomb_named_docx_is_judged_without_unpacking_it():
    # Its names say Word, so it passes; what matters is that checking it reads only the ZIP's directory.
    bomb = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 50_000_000})
    assert len(bomb) < 100_000
    upload = SimpleUploadedFile("bom.docx", bomb)
    assert checks.check_document_file(upload).extension == "docx"
