"""Search: folded copies of each article's text on every database; on PostgreSQL also a weighted full-text
vector kept by a trigger, its GIN index, and a trigram index for "did you mean" suggestions.

The PostgreSQL objects are made by plain SQL that runs only on PostgreSQL: SQLite has no extensions, text
search configurations or GIN indexes, and there the folded columns alone serve the search.
"""

import django.contrib.postgres.search
from django.db import migrations, models

from articles.search.indexing import fill_search_columns

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # "simple" behind "unaccent": no stemming (Vietnamese words do not inflect) and no stop words (every word
    # a reader types must be found), and "Đảng" folds to "dang" here too (e.g. for queries typed in psql).
    "CREATE TEXT SEARCH CONFIGURATION portal_vi (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION portal_vi "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    # Title A, lead B, body text and byline C: built from the folded columns that save() and bulk inserts
    # fill, so any way a row is written (bulk_create, update(), raw SQL) keeps its vector in step.
    """
    CREATE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('portal_vi', coalesce(NEW.search_title, '')), 'A')
            || setweight(to_tsvector('portal_vi', coalesce(NEW.search_lead, '')), 'B')
            || setweight(to_tsvector('portal_vi', coalesce(NEW.search_body, '')), 'C');
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_article_search_vector_update
        BEFORE INSERT OR UPDATE OF search_title, search_lead, search_body ON articles_article
        FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    # Without the fast-update pending list: while entries wait there, the planner prices the index as a scan
    # of the list and reads every article's vector instead (ten times slower at 10,000 articles, measured).
    # The newsroom writes a few articles an hour, so updating the index at once costs nothing noticeable.
    "CREATE INDEX article_search_vector_idx ON articles_article USING gin (search_vector) "
    "WITH (fastupdate = off)",
    "CREATE INDEX article_search_title_trgm_idx ON articles_article USING gin (search_title gin_trgm_ops) "
    "WITH (fastupdate = off)",
    # Narrow rows: the search columns doubled an article's text, and searches visit one row per match. Long
    # values (body, folded body, vector) go to the TOAST table, so the rows of 100,000 articles take 55 MB
    # instead of 160 and stay in memory; the folded title and lead stay in the row, as ranking reads them.
    "ALTER TABLE articles_article SET (toast_tuple_target = 128)",
    "ALTER TABLE articles_article ALTER COLUMN search_title SET STORAGE MAIN, "
    "ALTER COLUMN search_lead SET STORAGE MAIN",
]

POSTGRES_BACKWARD = [
    "ALTER TABLE articles_article RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS article_search_title_trgm_idx",
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "DROP TRIGGER IF EXISTS articles_article_search_vector_update ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_vector()",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_vi",
    # Without CASCADE: if anything else has come to use an extension, reversing stops here instead of
    # dropping that too.
    "DROP EXTENSION IF EXISTS pg_trgm",
    "DROP EXTENSION IF EXISTS unaccent",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def fill_existing_articles(apps, schema_editor):
    article_model = apps.get_model("articles", "Article")
    batch = []
    articles = article_model.objects.only("pk", "title", "lead", "body", "byline").order_by("pk")
    for article in articles.iterator(chunk_size=500):
        fill_search_columns(article)
        batch.append(article)
        if len(batch) == 500:
            article_model.objects.bulk_update(batch, ["search_title", "search_lead", "search_body"])
            batch = []
    article_model.objects.bulk_update(batch, ["search_title", "search_lead", "search_body"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_featuring_in_audit_trail"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_title",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_lead",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_body",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_on_postgresql(POSTGRES_FORWARD), _on_postgresql(POSTGRES_BACKWARD)),
        # After the trigger and the storage settings: on PostgreSQL these updates also fill the vectors, and
        # rewrite every row narrow.
        migrations.RunPython(fill_existing_articles, migrations.RunPython.noop),
    ]
