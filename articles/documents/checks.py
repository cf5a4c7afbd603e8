"""Checking an attached file by its content, not its name, before anything is stored.

A document may be a PDF, a Word file (DOC, DOCX), an Excel file (XLS, XLSX) or an OpenDocument text (ODT).
The name's extension must be one of these and the bytes must be what it says: a PDF starts with "%PDF-",
DOCX, XLSX and ODT are ZIP packages with their own structure, DOC and XLS are OLE2 compound files holding a
Word or Excel stream. So a web page or a program renamed ".pdf" is refused, and readers who download a
".docx" get a Word file, whatever the uploader's computer called it.
"""

import posixpath
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Enough to read the few bytes that tell a format; the rest of the file is only stored.
_HEAD_BYTES = 8
_PDF_SIGNATURE = b"%PDF-"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class FileType:
    extension: str
    label: str  # what readers and staff call it
    content_type: str


FILE_TYPES = {
    file_type.extension: file_type
    for file_type in (
        FileType("pdf", "PDF", "application/pdf"),
        FileType("doc", "Word", "application/msword"),
        FileType("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        FileType("xls", "Excel", "application/vnd.ms-excel"),
        FileType("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        FileType("odt", "ODT", "application/vnd.oasis.opendocument.text"),
    )
}
ACCEPTED = "Chỉ nhận văn bản PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT."

EMPTY = "Tệp “%(name)s” rỗng (0 byte)."
TOO_LARGE = "Tệp “%(name)s” quá lớn (%(size)s MB). Dung lượng tối đa là 20 MB."
WRONG_EXTENSION = "Không nhận tệp “%(name)s”. " + ACCEPTED
CONTENT_MISMATCH = (
    "Nội dung tệp “%(name)s” không phải là tệp %(label)s thật, dù tên tệp có đuôi .%(extension)s. "
    "Hãy mở văn bản bằng phần mềm soạn thảo, lưu lại đúng định dạng rồi tải lên. " + ACCEPTED
)


def clean_name(name: str) -> str:
    """The name readers get when they download: the uploader's name, without folders or control characters.

    In NFC, because macOS browsers send names decomposed ("ê" as "e" plus marks), which some Windows
    programs then show as separate marks.
    """
    name = unicodedata.normalize("NFC", posixpath.basename(name.replace("\\", "/")))
    return "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()


def extension_of(name: str) -> str:
    return posixpath.splitext(name)[1].lower().lstrip(".")


def check_document_file(upload) -> FileType:
    """The type of `upload`, or a ValidationError in Vietnamese if it is not a document we accept."""
    name = clean_name(upload.name or "")
    params = {"name": name}
    file_type = FILE_TYPES.get(extension_of(name))
    if file_type is None:
        raise ValidationError(WRONG_EXTENSION, code="extension", params=params)
    if not upload.size:
        raise ValidationError(EMPTY, code="empty", params=params)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            # Vietnamese writes a decimal comma: 20,5 MB.
            TOO_LARGE,
            code="too_large",
            params={**params, "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
        )
    try:
        matches = _CONTENT_CHECKS[file_type.extension](upload)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            CONTENT_MISMATCH,
            code="content",
            params={**params, "label": file_type.label, "extension": file_type.extension},
        )
    return file_type


def _head(upload) -> bytes:
    upload.seek(0)
    return upload.read(_HEAD_BYTES)


def _is_pdf(upload) -> bool:
    return _head(upload).startswith(_PDF_SIGNATURE)


def _ole2_with_stream(*stream_names: str):
    # An OLE2 file names its streams in UTF-16 in its directory: a Word file has "WordDocument", an Excel
    # file "Workbook" (or "Book" before Excel 97). Files are at most 20 MB, so reading one whole is fine.
    encoded = [name.encode("utf-16-le") for name in stream_names]

    def check(upload) -> bool:
        if _head(upload) != _OLE2_SIGNATURE:
            return False
        upload.seek(0)
        data = upload.read()
        return any(name in data for name in encoded)

    return check


def _zip_names(upload) -> list[str] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            return package.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def _office_open_xml(folder: str):
    # A DOCX or XLSX is a ZIP package: "[Content_Types].xml" at its root and its parts under "word/" or "xl/".
    def check(upload) -> bool:
        if not _head(upload).startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(upload)
        return (
            names is not None
            and "[Content_Types].xml" in names
            and any(name.startswith(folder) for name in names)
        )

    return check


def _is_odt(upload) -> bool:
    # OpenDocument puts an uncompressed "mimetype" entry first, naming the kind of document.
    if not _head(upload).startswith(b"PK\x03\x04"):
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            first = package.infolist()[0] if package.infolist() else None
            if first is None or first.filename != "mimetype" or first.file_size > len(_ODT_MIMETYPE):
                return False
            return package.read(first).strip() == _ODT_MIMETYPE
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return False


_CONTENT_CHECKS = {
    "pdf": _is_pdf,
    "doc": _ole2_with_stream("WordDocument"),
    "docx": _office_open_xml("word/"),
    "xls": _ole2_with_stream("Workbook", "Book"),
    "xlsx": _office_open_xml("xl/"),
    "odt": _is_odt,
}
