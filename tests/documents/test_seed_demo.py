"""`seed_demo` fills the library: realistic documents with generated PDF files, linked to articles, once."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.documents.models import Document, DocumentFile
from articles.management.commands import seed_demo
from articles.models import Article

pytestmark = pytest.mark.django_db

REFERENCE_TITLE = "Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"


def seed(*args):
    stdout = StringIO()
    call_command("seed_demo", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def test_the_library_gets_documents_of_several_kinds_issuers_and_years():
    output = seed("--articles", "5")
    documents = Document.objects.all()
    assert 15 <= documents.count() <= 25
    assert f"Documents: {documents.count()} in total, {documents.count()} created now." in output
    assert documents.values("kind").distinct().count() >= 8
    assert documents.values("issuer").distinct().count() >= 4
    assert len({document.issued_on.year for document in documents}) >= 5
    assert documents.filter(status=Document.Status.DRAFT).exists()  # something for the newsroom to approve
    assert Document.objects.published().count() >= 15


def test_every_document_has_a_generated_pdf_named_in_vietnamese():
    seed("--articles", "5")
    for document in Document.objects.prefetch_related("files"):
        files = list(document.files.all())
        assert files, document.number
        for attached in files:
            assert attached.file_type == "pdf"
            assert attached.original_name.endswith(".pdf")
            with attached.file.open("rb") as stored:
                content = stored.read()
            assert content.startswith(b"%PDF-")
            assert attached.size == len(content) < 200_000
    assert DocumentFile.objects.get(original_name="Kết luận 01-KL-TW.pdf").document.number == "01-KL/TW"


def test_the_reference_document_is_exact_and_public(client):
    seed("--articles", "5")
    document = Document.objects.get(number="01-KL/TW")
    assert document.kind.name == "Kết luận"
    assert document.issuer == "Bộ Chính trị"
    assert document.issued_on.isoformat() == "2021-05-18"
    assert document.summary.startswith("Về tiếp tục thực hiện Chỉ thị số 05-CT/TW")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    download = client.get(document.files.get().get_absolute_url())
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_reference_article_and_a_few_others_link_to_their_documents(client):
    seed("--articles", "60")
    reference = Article.objects.get(title=REFERENCE_TITLE)
    assert set(reference.related_documents.values_list("number", flat=True)) >= {"01-KL/TW", "05-CT/TW"}
    assert Article.objects.filter(related_documents__isnull=False).distinct().count() >= 4
    html = client.get(reference.get_absolute_url()).content.decode()
    assert "Văn bản liên quan" in html
    assert "Kết luận 01-KL/TW" in html


def test_running_again_creates_nothing_and_changes_no_article():
    seed("--articles", "20")
    reference = Article.objects.get(title=REFERENCE_TITLE)
    reference.related_documents.clear()  # the newsroom's choice, which a rerun must respect
    files = sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    documents = list(Document.objects.values_list("pk", "number", "slug"))

    output = seed("--articles", "20")

    assert "Documents: 20 in total, 0 created now." in output
    assert list(Document.objects.values_list("pk", "number", "slug")) == documents
    assert sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()) == files
    assert not reference.related_documents.exists()


def test_the_data_file_is_complete():
    data = json.loads(seed_demo.DOCUMENTS_FILE.read_text(encoding="utf-8"))
    numbers = [record["number"] for record in data["documents"]]
    assert len(numbers) == len(set(numbers))
    for record in data["documents"]:
        assert {"number", "kind", "issuer", "issued_on", "summary", "place"} <= set(record)
    for link in data["article_links"]:
        assert set(link["documents"]) <= set(numbers)
