"""Documents are found by number, kind, issuer, signer and summary, without marks, and link to their pages."""

from datetime import date

import pytest

from tests.documents.factories import DocumentFactory, DocumentKindFactory
from tests.factories import ArticleFactory, CategoryFactory

from .conftest import document_links, hit_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def conclusion():
    return DocumentFactory(
        number="01-KL/TW",
        kind=DocumentKindFactory(name="Kết luận"),
        issuer="Bộ Chính trị",
        signer="Võ Văn Thưởng",
        summary="Về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh",
        issued_on=date(2021, 5, 18),
    )


@pytest.mark.parametrize(
    "query",
    [
        "01-KL/TW",
        "01 kl tw",
        "01-kl",
        "hoc tap lam theo tu tuong",
        "Học tập và làm theo",
        "bo chinh tri",
        "vo van thuong",
        "ket luan 01",
    ],
)
def test_document_is_found_by_number_summary_issuer_signer_and_kind(search, conclusion, query):
    assert document_links(search(query)) == [conclusion.get_absolute_url()]


def test_document_hit_shows_its_number_and_summary_highlighted(search, conclusion):
    html = search("05-CT/TW").content.decode()
    assert "Chỉ thị số <mark>05</mark>-<mark>CT</mark>/<mark>TW</mark>" in html
    assert "Kết luận số 01-KL/<mark>TW</mark>" in html


def test_documents_tab_lists_all_matching_documents_newest_first(search):
    older = DocumentFactory(summary="Kế hoạch chuyển đổi số năm 2023", issued_on=date(2023, 1, 5))
    newer = DocumentFactory(summary="Kế hoạch chuyển đổi số năm 2024", issued_on=date(2024, 1, 5))
    DocumentFactory(summary="Báo cáo công tác dân vận")
    response = search("chuyen doi so", loai="van-ban")
    assert document_links(response) == [newer.get_absolute_url(), older.get_absolute_url()]
    assert "Văn bản (2)" in response.content.decode()


def test_articles_tab_previews_a_few_documents_and_links_to_the_rest(search):
    for year in range(2019, 2025):
        DocumentFactory(summary=f"Kế hoạch chuyển đổi số năm {year}", issued_on=date(year, 1, 5))
    ArticleFactory(title="Chuyển đổi số ở xã")
    response = search("chuyen doi so")
    assert len(document_links(response)) == 3
    assert hit_titles(response) == ["Chuyển đổi số ở xã"]
    html = response.content.decode()
    assert "Xem tất cả 6 văn bản" in html and "loai=van-ban" in html


def test_document_date_filter_reads_the_issue_date(search):
    DocumentFactory(summary="Kế hoạch chuyển đổi số năm 2023", issued_on=date(2023, 6, 1))
    in_range = DocumentFactory(summary="Kế hoạch chuyển đổi số năm 2024", issued_on=date(2024, 6, 1))
    response = search("chuyen doi so", loai="van-ban", tu="2024-01-01", den="2024-12-31")
    assert document_links(response) == [in_range.get_absolute_url()]


def test_search_narrowed_to_a_category_shows_no_documents(search, conclusion):
    category = CategoryFactory(name="Xây dựng Đảng")
    ArticleFactory(title="Học tập và làm theo Bác ở xã", category=category)
    response = search("hoc tap lam theo", **{"chuyen-muc": category.slug})
    assert document_links(response) == []
    assert hit_titles(response) == ["Học tập và làm theo Bác ở xã"]
