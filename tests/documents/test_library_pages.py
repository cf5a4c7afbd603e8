"""The document library as readers use it: the list, its filters and search, each document's page, its
downloads."""

import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import timezone

from articles.documents.models import Document, DocumentKind
from tests.documents.factories import DocumentFactory, DocumentFileFactory, pdf_bytes, pdf_file

pytestmark = pytest.mark.django_db
Status = Document.Status
LIST_URL = "/van-ban/"


def _numbers(response) -> list[str]:
    """The documents' numbers listed on a page, in order."""
    html = response.content.decode()
    return [
        unescape(number) for number in re.findall(r'class="documents__number"><a [^>]*>([^<]+)</a>', html)
    ]


@pytest.fixture
def library():
    """Documents of several kinds, issuers and years, as the district publishes them."""
    kinds = {name: DocumentKind.objects.get(name=name) for name in ("Kết luận", "Chỉ thị", "Kế hoạch")}
    return {
        "ket_luan": DocumentFactory(
            number="01-KL/TW",
            kind=kinds["Kết luận"],
            issuer="Bộ Chính trị",
            signer="T/M Bộ Chính trị",
            issued_on=date(2021, 5, 18),
            summary="Về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, "
            "đạo đức, phong cách Hồ Chí Minh",
        ),
        "chi_thi": DocumentFactory(
            number="08-CT/HU",
            kind=kinds["Chỉ thị"],
            issuer="Ban Thường vụ Huyện ủy",
            issued_on=date(2024, 4, 2),
            effective_on=date(2024, 4, 15),
            summary="Về tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác phòng, chống thiên tai",
        ),
        "ke_hoach": DocumentFactory(
            number="45-KH/HU",
            kind=kinds["Kế hoạch"],
            issuer="Ban Thường vụ Huyện ủy",
            issued_on=date(2021, 6, 10),
            summary="Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị trong Đảng bộ huyện",
        ),
    }


# --- the list -----------------------------------------------------------------------------------------------


def test_list_shows_public_documents_newest_first(client, library):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert _numbers(response) == ["08-CT/HU", "45-KH/HU", "01-KL/TW"]
    assert "Có 3 văn bản" in response.content.decode()


def test_list_filters_by_kind(client, library):
    kind = library["chi_thi"].kind
    assert _numbers(client.get(LIST_URL, {"kind": kind.pk})) == ["08-CT/HU"]


def test_list_filters_by_issuer(client, library):
    assert _numbers(client.get(LIST_URL, {"issuer": "Bộ Chính trị"})) == ["01-KL/TW"]


def test_list_filters_by_year(client, library):
    assert _numbers(client.get(LIST_URL, {"year": "2021"})) == ["45-KH/HU", "01-KL/TW"]


def test_filters_combine(client, library):
    response = client.get(LIST_URL, {"year": "2021", "issuer": "Ban Thường vụ Huyện ủy"})
    assert _numbers(response) == ["45-KH/HU"]


def test_filter_choices_come_from_public_documents(client, library):
    DocumentFactory(issuer="Cơ quan chỉ có bản nháp", status=Status.DRAFT, published_at=None)
    html = client.get(LIST_URL).content.decode()
    assert '<option value="Bộ Chính trị">Bộ Chính trị</option>' in html
    assert "Cơ quan chỉ có bản nháp" not in html
    assert '<option value="2024">2024</option>' in html
    assert '<option value="2023">' not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("01-KL/TW", ["45-KH/HU", "01-KL/TW"]),  # the number, and a document whose summary cites it
        ("01 kl tw", ["45-KH/HU", "01-KL/TW"]),
        ("08-CT/HU", ["08-CT/HU"]),
        ("phong chong thien tai", ["08-CT/HU"]),  # no diacritics, as typed on a phone
        ("PHÒNG, CHỐNG THIÊN TAI", ["08-CT/HU"]),
        ("dang bo huyen", ["45-KH/HU"]),  # "đ" counts as "d"
        ("hoc tap lam theo", ["01-KL/TW"]),
        ("thien tai bo chinh tri", []),  # every word must match
    ],
)
def test_search_by_number_and_summary_ignores_accents_and_case(client, library, query, expected):
    assert _numbers(client.get(LIST_URL, {"q": query})) == expected


def test_search_matches_whole_words_only(client, library):
    assert _numbers(client.get(LIST_URL, {"q": "thien ta"})) == []
    assert _numbers(client.get(LIST_URL, {"q": "01-KL"})) == ["45-KH/HU", "01-KL/TW"]


def test_search_and_filters_together(client, library):
    response = client.get(LIST_URL, {"q": "01-KL/TW", "kind": library["ket_luan"].kind.pk})
    assert _numbers(response) == ["01-KL/TW"]


def test_no_match_says_so(client, library):
    html = client.get(LIST_URL, {"q": "khong co van ban nao"}).content.decode()
    assert "Tìm thấy 0 văn bản" in html
    assert "Không có văn bản nào phù hợp" in html


def test_list_is_paginated_and_keeps_the_filters(client):
    kind = DocumentKind.objects.get(name="Kế hoạch")
    for n in range(25):
        DocumentFactory(number=f"{n + 1}-KH/HU", kind=kind, issued_on=date(2024, 1, 1) + timedelta(days=n))
    first = client.get(LIST_URL, {"kind": kind.pk})
    assert len(_numbers(first)) == 20
    assert _numbers(first)[0] == "25-KH/HU"
    assert f'href="?kind={kind.pk}&amp;page=2"' in first.content.decode()
    second = client.get(LIST_URL, {"kind": kind.pk, "page": 2})
    assert _numbers(second) == [f"{n}-KH/HU" for n in range(5, 0, -1)]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"year": "-1"},
        {"kind": "999"},
        {"kind": "abc"},
        {"kind": "99999999999999999999"},
        {"kind": "1.5"},
        {"issuer": "Cơ quan không có"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "abc"},
        {"page": "99999999999999999999"},
        {"q": ""},
        {"q": "   "},
        {"q": "%"},
        {"q": "_"},
        {"q": "'"},
        {"q": '"'},
        {"q": "\\"},
        {"q": "<script>alert(1)</script>"},
        {"q": "a" * 1000},
        {"q": "đ" * 1000},
        {"q": "\x00"},
    ],
)
def test_bad_filters_give_a_page_never_an_error(library, params):
    client = Client(raise_request_exception=False)
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    # A filter that makes no sense is ignored, not applied as "nothing matches".
    if "q" not in params and "issuer" not in params:
        assert len(_numbers(response)) == 3


def test_query_string_that_is_not_utf8_is_harmless(library):
    response = Client(raise_request_exception=False).get(LIST_URL, QUERY_STRING="q=%ff%fe&kind=%c3%28")
    assert response.status_code == 200


# --- drafts, scheduled and unpublished documents ------------------------------------------------------------


@pytest.fixture
def hidden_documents():
    later = timezone.now() + timedelta(days=1)
    return [
        DocumentFactory(number="90-KL/HU", summary="Bản nháp bí mật", status=Status.DRAFT, published_at=None),
        DocumentFactory(
            number="91-KL/HU", summary="Văn bản chờ duyệt", status=Status.PENDING, published_at=None
        ),
        DocumentFactory(number="92-KL/HU", summary="Văn bản hẹn giờ đăng", published_at=later),
        DocumentFactory(number="93-KL/HU", summary="Văn bản đã gỡ", status=Status.UNPUBLISHED),
    ]


def test_hidden_documents_are_not_listed_nor_found(client, library, hidden_documents):
    html = client.get(LIST_URL).content.decode()
    html += client.get(LIST_URL, {"q": "van ban"}).content.decode()
    html += client.get(LIST_URL, {"q": "ban nhap bi mat"}).content.decode()
    for document in hidden_documents:
        assert document.number not in html
        assert document.summary not in html


def test_hidden_documents_and_their_files_are_404(client, hidden_documents):
    for document in hidden_documents:
        attached = DocumentFileFactory(document=document)
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(f"/van-ban/{document.pk}/").status_code == 404
        assert client.get(attached.get_absolute_url()).status_code == 404


def test_a_scheduled_document_appears_at_its_time(client, library):
    document = DocumentFactory(number="94-KL/HU", published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(document.get_absolute_url()).status_code == 404
    Document.objects.filter(pk=document.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(document.get_absolute_url()).status_code == 200
    assert "94-KL/HU" in _numbers(client.get(LIST_URL))


# --- a document's page --------------------------------------------------------------------------------------


def test_document_page_shows_its_fields_as_a_table(client, library):
    document = library["chi_thi"]
    DocumentFileFactory(document=document, file=pdf_file("Chỉ thị 08-CT-HU.pdf"))
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>(?:<time [^>]*>)?([^<]+)', html))
    assert rows == {
        "Số ký hiệu": "08-CT/HU",
        "Hình thức": "Chỉ thị",
        "Cơ quan ban hành": "Ban Thường vụ Huyện ủy",
        "Người ký": "Phạm Văn Quang",
        "Ngày ban hành": "02/04/2024",
        "Ngày hiệu lực": "15/04/2024",
        "Trích yếu": document.summary,
    }
    assert '<h1 class="article__title">Chỉ thị 08-CT/HU</h1>' in html
    assert "<title>Chỉ thị 08-CT/HU |" in html
    assert "Chỉ thị 08-CT-HU.pdf" in html


def test_document_page_leaves_out_empty_optional_fields(client):
    document = DocumentFactory(signer="", effective_on=None)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Người ký" not in html
    assert "Ngày hiệu lực" not in html
    assert "chưa có tệp đính kèm" in html


def test_document_slug_is_made_from_kind_number_and_summary(library):
    assert library["ket_luan"].slug.startswith("ket-luan-01-kl-tw-ve-tiep-tuc-thuc-hien-chi-thi-so-05")
    assert (
        library["ket_luan"].get_absolute_url()
        == f"/van-ban/{library['ket_luan'].pk}/{library['ket_luan'].slug}/"
    )


@pytest.mark.parametrize("suffix", ["", "sai-duong-dan/", "x" * 3000 + "/"])
def test_a_wrong_or_missing_slug_redirects_permanently(client, library, suffix):
    document = library["ket_luan"]
    response = client.get(f"/van-ban/{document.pk}/{suffix}")
    assert response.status_code == 301
    assert response["Location"] == document.get_absolute_url()


@pytest.mark.parametrize(
    "path", ["/van-ban/0/", "/van-ban/999999/abc/", "/van-ban/99999999999999999999/x/", "/van-ban/abc/"]
)
def test_unknown_documents_are_404(path):
    assert Client(raise_request_exception=False).get(path).status_code == 404


# --- downloads ----------------------------------------------------------------------------------------------


def test_download_carries_the_original_vietnamese_file_name(client, library):
    document = library["ket_luan"]
    content = pdf_bytes("Ket luan 01")
    attached = DocumentFileFactory(
        document=document, file=pdf_file("Kết luận số 01-KL-TW của Bộ Chính trị.pdf", text="Ket luan 01")
    )
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{attached.get_absolute_url()}"' in html

    response = client.get(attached.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    encoded = re.search(r"filename\*=utf-8''(\S+)", disposition).group(1)
    assert unquote(encoded) == "Kết luận số 01-KL-TW của Bộ Chính trị.pdf"
    assert b"".join(response.streaming_content) == content


def test_files_are_stored_under_random_names_in_dated_folders(library):
    attached = DocumentFileFactory(document=library["ket_luan"], file=pdf_file("Kết luận 01-KL-TW.pdf"))
    today = timezone.localdate()
    assert re.fullmatch(rf"documents/{today:%Y/%m}/[A-Za-z0-9_-]{{22}}\.pdf", attached.file.name)
    assert attached.original_name == "Kết luận 01-KL-TW.pdf"
    assert attached.file_type == "pdf"
    assert attached.size == len(pdf_bytes())


def test_a_file_of_another_document_is_404(client, library):
    attached = DocumentFileFactory(document=library["chi_thi"])
    assert client.get(f"/van-ban/{library['ket_luan'].pk}/tep/{attached.pk}/").status_code == 404


def test_a_file_missing_from_the_disk_is_404(client, library):
    attached = DocumentFileFactory(document=library["chi_thi"])
    attached.file.storage.delete(attached.file.name)
    assert Client(raise_request_exception=False).get(attached.get_absolute_url()).status_code == 404


def test_file_names_decomposed_by_the_browser_are_kept_composed(library):
    # macOS browsers send "ế" as "e" + two combining marks.
    decomposed = "Ke\u0302\u0301t lua\u0323\u0302n.pdf"
    attached = DocumentFileFactory(document=library["ket_luan"], file=pdf_file(decomposed))
    assert attached.original_name == "Kết luận.pdf"
