"""Documents and their files for tests: a public document unless told otherwise, and real file contents."""

import io
import zipfile
from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.documents.models import Document, DocumentFile, DocumentKind


def pdf_bytes(text="Van ban thu nghiem") -> bytes:
    """A small, valid one-page PDF written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        if stored_first:
            package.writestr(stored_first, entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                package.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def xlsx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
        }
    )


def odt_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"},
        stored_first="mimetype",
    )


def ole2_bytes(stream_name: str) -> bytes:
    """The start of an OLE2 compound file whose directory names `stream_name` (as DOC and XLS files do)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = stream_name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return header + entry


def pdf_file(name="Kết luận 01-KL-TW.pdf", text="Van ban thu nghiem") -> ContentFile:
    return ContentFile(pdf_bytes(text), name=name)


class DocumentKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentKind
        django_get_or_create = ["name"]

    name = "Kết luận"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published document, public since an hour ago, unless told otherwise."""

    class Meta:
        model = Document

    number = factory.Sequence(lambda n: f"{n + 1:02d}-KL/HU")
    kind = factory.SubFactory(DocumentKindFactory)
    issuer = "Ban Thường vụ Huyện ủy"
    signer = "Phạm Văn Quang"
    issued_on = factory.Sequence(lambda n: date(2024, 1, 1) + timedelta(days=n))
    summary = factory.Sequence(lambda n: f"Về việc triển khai nhiệm vụ trọng tâm số {n}")
    status = Document.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    file = factory.LazyFunction(pdf_file)
