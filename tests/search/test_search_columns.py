"""The folded columns (and on PostgreSQL the vector) follow the article's text, however it is written."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from articles.search.text import html_to_text, normalize
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_save_fills_the_folded_columns():
    article = ArticleFactory(
        title="Đảng bộ xã",
        lead="Sapo: Học tập!",
        body="<p><strong>Thân</strong> bài</p>",
        byline="Lê Văn Tám",
    )
    article.refresh_from_db()
    assert (article.search_title, article.search_lead, article.search_body) == (
        " dang bo xa ",
        " sapo hoc tap ",
        " than bai le van tam ",
    )


def test_saving_only_the_text_updates_the_columns_too():
    article = ArticleFactory(title="Tiêu đề cũ")
    article.title = "Tiêu đề mới"
    article.save(update_fields=["title"])
    article.refresh_from_db()
    assert article.search_title == " tieu de moi "


def test_saving_other_fields_leaves_the_columns_alone():
    article = ArticleFactory(title="Tiêu đề")
    Article.objects.filter(pk=article.pk).update(search_title=" khac ")
    article.is_featured = True
    article.save(update_fields=["is_featured"])
    article.refresh_from_db()
    assert article.search_title == " khac "


def test_seed_demo_fills_the_columns_of_bulk_created_articles():
    call_command("seed_demo", articles=5, stdout=io.StringIO())
    for article in Article.objects.all():
        assert article.search_title == normalize(article.title)
        assert article.search_lead == normalize(article.lead)
        assert article.search_body == normalize(f"{html_to_text(article.body)} {article.byline}")


@pytest.mark.postgres
def test_trigger_builds_the_weighted_vector_for_bulk_created_rows():
    category = CategoryFactory()
    Article.objects.bulk_create(
        [
            Article(
                title="x", slug="x", category=category, body="", search_title=" dang bo ", search_lead=" xa "
            )
        ]
    )
    vector = Article.objects.values_list("search_vector", flat=True).get()
    assert vector == "'bo':2A 'dang':1A 'xa':3B"


@pytest.mark.postgres
def test_trigger_follows_updates_that_bypass_save():
    article = ArticleFactory(title="Tiêu đề")
    Article.objects.filter(pk=article.pk).update(search_title=" moi ")
    vector = Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)
    assert "'moi':1A" in vector and "tieu" not in vector


@pytest.mark.postgres
def test_postgres_search_uses_the_gin_index():
    ArticleFactory.create_batch(3)
    with connection.cursor() as cursor:
        # The planner prefers a scan of a table this small; forbid it to see that the index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM articles_article "
            "WHERE search_vector @@ plainto_tsquery('portal_vi', 'dang bo')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_search_vector_idx" in plan


@pytest.mark.postgres
def test_postgres_configuration_folds_vietnamese_itself():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('portal_vi', 'Đảng bộ Học tập')::text")
        assert cursor.fetchone()[0] == "'bo':2 'dang':1 'hoc':3 'tap':4"
