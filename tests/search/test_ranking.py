"""Order of results: where the words are found (title, then lead, then body), then the newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.search import ranking
from tests.factories import ArticleFactory

from .conftest import hit_titles

pytestmark = pytest.mark.django_db


def _article(title, *, lead="Tin hoạt động.", body="<p>Nội dung.</p>", days_ago=1):
    return ArticleFactory(
        title=title, lead=lead, body=body, byline="", published_at=timezone.now() - timedelta(days=days_ago)
    )


def test_title_hit_ranks_above_lead_hit_above_body_hit(search):
    # Oldest in the title, newest in the body: relevance decides before the date.
    _article("Tin trong thân bài", body="<p>Về chuyển đổi số.</p>", days_ago=1)
    _article("Tin trong sapo", lead="Về chuyển đổi số.", days_ago=2)
    _article("Chuyển đổi số ở cơ sở", days_ago=3)
    assert hit_titles(search("chuyen doi so")) == [
        "Chuyển đổi số ở cơ sở",
        "Tin trong sapo",
        "Tin trong thân bài",
    ]


def test_repeating_a_word_in_the_body_does_not_outrank_the_title(search):
    _article("Tin khác", body="<p>" + "chuyển đổi số " * 30 + "</p>", days_ago=1)
    _article("Chuyển đổi số", days_ago=5)
    assert hit_titles(search("chuyen doi so")) == ["Chuyển đổi số", "Tin khác"]


def test_newer_article_first_among_equally_relevant(search):
    _article("Đảng bộ xã A đại hội", days_ago=10)
    _article("Đảng bộ xã B đại hội", days_ago=1)
    _article("Đảng bộ xã C đại hội", days_ago=5)
    assert hit_titles(search("dang bo")) == [
        "Đảng bộ xã B đại hội",
        "Đảng bộ xã C đại hội",
        "Đảng bộ xã A đại hội",
    ]


def test_more_words_in_the_title_rank_higher(search):
    _article("Học tập tấm gương", lead="Làm theo Bác.", days_ago=1)
    _article("Học tập và làm theo Bác", days_ago=2)
    assert hit_titles(search("hoc tap lam theo bac")) == ["Học tập và làm theo Bác", "Học tập tấm gương"]


@pytest.fixture
def small_window(monkeypatch):
    """A window of two ranked matches, looked for first among the three newest articles."""
    monkeypatch.setattr(ranking, "RANKED_MATCHES", 2)
    monkeypatch.setattr(ranking, "PROBE_SPAN", 2)
    monkeypatch.setattr(ranking, "RECENT_SPAN", 3)


def test_only_the_newest_matches_are_ranked(search, small_window):
    _article("Chuyển đổi số: tin cũ", days_ago=30)
    _article("Tin A", body="<p>Về chuyển đổi số.</p>", days_ago=2)
    _article("Tin B", lead="Về chuyển đổi số.", days_ago=3)
    response = search("chuyen doi so")
    # The title hit is older than the two newest matches: ranking is among those two.
    assert hit_titles(response) == ["Tin B", "Tin A"]
    html = response.content.decode()
    assert "Hơn 2 bài viết" in html and "Bài viết (2+)" in html
    assert "Thêm từ khóa hoặc chọn khoảng thời gian" in html


@pytest.mark.parametrize(
    "days_ago", [[1, 2, 3, 4], [1, 10, 11, 12]], ids=["filled-recently", "older-matches"]
)
def test_walking_the_newest_articles_gives_the_same_window(search, small_window, monkeypatch, days_ago):
    # On PostgreSQL, words common among the newest articles are looked for by walking them; whether they
    # fill the window there or not, the result is the newest matches, ranked.
    monkeypatch.setattr(ranking, "WALK_ROW_COST", 0)
    for n in range(3):
        _article(f"Tin khác {n}", days_ago=5 + n)
    for n, days in enumerate(days_ago):
        _article(f"Đảng bộ xã {n}" if n == 1 else f"Tin {n}", body="<p>Đảng bộ xã.</p>", days_ago=days)
    assert hit_titles(search("dang bo")) == ["Đảng bộ xã 1", "Tin 0"]


@pytest.mark.parametrize(
    ("public", "share", "walks"),
    [
        (100_000, 0.8, True),
        (100_000, 0.1, False),
        (10_000, 0.3, False),
        (10_000, 0.9, True),
        (100_000, 0, False),
    ],
)
def test_the_walk_is_taken_when_it_reads_fewer_rows(public, share, walks):
    limit = ranking.RANKED_MATCHES + 1
    assert ranking.walk_reads_less(share=share, public=public, limit=limit) is walks


def test_recent_articles_are_counted_and_dated(monkeypatch):
    monkeypatch.setattr(ranking, "RECENT_SPAN", 4)
    articles = [_article(f"Tin {n}", days_ago=n + 1) for n in range(5)]
    ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    recent = ranking.recent_articles()
    assert (recent.public, recent.walk_floor) == (5, articles[3].published_at)


@pytest.mark.postgres
def test_recent_share_counts_the_newest_public_articles_holding_the_words(monkeypatch):
    monkeypatch.setattr(ranking, "PROBE_SPAN", 4)
    for n, title in enumerate(["Đảng bộ xã", "Tin khác", "Đảng bộ huyện", "Tin khác nữa", "Đảng bộ cũ"]):
        _article(title, days_ago=n + 1)
    ArticleFactory(title="Đảng bộ nháp", status=Article.Status.DRAFT, published_at=None)
    assert ranking.recent_share(["dang", "bo"]) == 0.5


def test_a_small_site_is_not_walked(monkeypatch):
    _article("Tin 0")
    assert ranking.recent_articles() is None
