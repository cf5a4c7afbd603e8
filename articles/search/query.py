"""Which public articles and documents hold every word of a reader's query, and in what order.

Every word must appear, as a whole word, somewhere in the article (title, lead, body text or byline) or in
the document (number, kind, issuer, signer, summary). On PostgreSQL the article match is the full-text
vector and its GIN index; on SQLite it is `LIKE '% word %'` on the folded columns. Both read the same words
(articles/search/indexing.py), so both find the same articles, and both rank them with one expression.
"""

import operator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from articles.documents.models import Document
from articles.models import Article

from .indexing import SEARCH_COLUMNS

# The text search configuration migration 0005 creates ("simple" behind "unaccent").
TEXT_SEARCH_CONFIG = "portal_vi"
# What a query word is worth where it is found: the title says what an article is about, the lead what it
# says first, the body and byline the rest (weights A, B, C of the PostgreSQL vector). Per word, the best
# place counts, once: an article is not more relevant for repeating a word.
TITLE_SCORE, LEAD_SCORE, BODY_SCORE = 4, 2, 1


@dataclass(frozen=True)
class Filters:
    """What a reader narrowed the search to. Dates are Vietnam calendar days, both ends included."""

    category_ids: list[int] | None = None
    date_from: date | None = None
    date_to: date | None = None


def whole_word(term: str) -> str:
    # The folded columns hold only letters, digits and single spaces, so " term " is a whole word; the
    # terms hold only letters and digits, so nothing in them can act as a LIKE wildcard.
    return f" {term} "


def uses_full_text(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def matching_articles(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """The articles of `queryset` holding every one of `terms` (folded words, see text.terms)."""
    if uses_full_text(queryset):
        # plainto_tsquery: every word required, and nothing in the words read as tsquery syntax.
        return queryset.filter(
            search_vector=SearchQuery(" ".join(terms), config=TEXT_SEARCH_CONFIG, search_type="plain")
        )
    for term in terms:
        word = whole_word(term)
        queryset = queryset.filter(
            Q(search_title__contains=word) | Q(search_lead__contains=word) | Q(search_body__contains=word)
        )
    return queryset


def relevance(terms: list[str]) -> Case:
    """The score of an article for `terms`: per word, TITLE_SCORE, LEAD_SCORE or BODY_SCORE, summed.

    Read from the short folded title and lead only (a word of a matching article that is in neither is in
    the body), so ranking never has to open the bodies or vectors of the matches.
    """
    scores = [
        Case(
            When(search_title__contains=whole_word(term), then=Value(TITLE_SCORE)),
            When(search_lead__contains=whole_word(term), then=Value(LEAD_SCORE)),
            default=Value(BODY_SCORE),
            output_field=IntegerField(),
        )
        for term in terms
    ]
    return reduce(operator.add, scores)


def articles_in_order(ids: list[int]) -> list[Article]:
    """The articles `ids`, in that order, with what a results page shows of them."""
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("category")
        # The body stays: the snippet is cut from it. The folded copies and the vector are not shown.
        .defer(*SEARCH_COLUMNS, "search_vector")
        .in_bulk()
    )
    return [articles[pk] for pk in ids if pk in articles]


def search_articles(terms: list[str], filters: Filters | None = None) -> QuerySet:
    """Every public article matching `terms` within `filters`, in no particular order."""
    filters = filters or Filters()
    articles = matching_articles(Article.objects.published(), terms)
    if filters.category_ids is not None:
        articles = articles.in_categories(filters.category_ids)
    if filters.date_from:
        articles = articles.filter(published_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        articles = articles.filter(published_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return articles


def search_documents(terms: list[str], filters: Filters | None = None) -> QuerySet:
    """Public documents whose number, kind, issuer, signer or summary hold every one of `terms`."""
    filters = filters or Filters()
    documents = Document.objects.published().having_terms(terms)
    if filters.date_from:
        documents = documents.filter(issued_on__gte=filters.date_from)
    if filters.date_to:
        documents = documents.filter(issued_on__lte=filters.date_to)
    return documents.select_related("kind").defer("search_text").newest_first()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
