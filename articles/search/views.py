"""The results page at /tim-kiem/?q=…: articles and documents holding every word the reader typed.

A search is the one public page that costs real work on every request (it is never page-cached: there are as
many result pages as queries), so each address may run SEARCHES_PER_ADDRESS_PER_MINUTE of them a minute;
past that it gets the search form back with a 429 and Retry-After. The empty form costs nothing and counts
nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.safestring import SafeString
from django.views.generic import TemplateView

from articles.documents.models import Document
from articles.models import Article, Category
from portal import limits

from .highlight import highlight, snippet
from .params import TAB_ARTICLES, TAB_DOCUMENTS, SearchParams
from .query import Filters, articles_in_order, search_articles, search_documents
from .ranking import ranked_ids
from .suggestions import suggest
from .text import html_to_text

# Matching documents shown above the articles, with a link to all of them.
DOCUMENT_PREVIEW_COUNT = 3


@dataclass(frozen=True)
class ArticleHit:
    article: Article
    title: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class DocumentHit:
    document: Document
    number: SafeString
    summary: SafeString
    issuer: SafeString


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get(self, request, *args, **kwargs):
        search = SearchParams.from_query(request.GET)
        context = {"search": search, "tab": TAB_ARTICLES, "category_slug": search.category_slug}
        if search.terms:
            verdict = limits.take(
                request,
                scope="search",
                limit=settings.SEARCHES_PER_ADDRESS_PER_MINUTE,
                window=limits.MINUTE,
            )
            if not verdict.allowed:
                context = self.get_context_data(limited=verdict, **context)
                response = self.render_to_response(context, status=429)
                response["Retry-After"] = str(verdict.retry_after)
                return response
            context.update(self.results(search))
        return self.render_to_response(self.get_context_data(**context))

    def results(self, search: SearchParams) -> dict:
        family = category_family(search.category_slug)
        filters = Filters(category_ids=family, date_from=search.date_from, date_to=search.date_to)
        article_ids, more_articles = ranked_ids(
            search_articles(search.terms, filters),
            search.terms,
            filtered=bool(family or search.date_from or search.date_to),
        )
        # Documents belong to no category: a search narrowed to a category is a search of its articles.
        documents = search_documents(search.terms, filters) if family is None else Document.objects.none()
        page_number = self.request.GET.get("page")
        tab = TAB_DOCUMENTS if search.tab == TAB_DOCUMENTS and family is None else TAB_ARTICLES
        context = {"tab": tab, "category_slug": search.category_slug if family else ""}
        # get_page turns ?page=abc, 0, -1 or a huge number into the nearest real page instead of an error.
        if tab == TAB_DOCUMENTS:
            page = Paginator(documents, settings.ARTICLES_PER_PAGE).get_page(page_number)
            document_count = page.paginator.count
            context["document_hits"] = document_hits(page.object_list, search.terms)
        else:
            page = Paginator(article_ids, settings.ARTICLES_PER_PAGE).get_page(page_number)
            document_count = documents.count()
            context["article_hits"] = article_hits(articles_in_order(page.object_list), search.terms)
            if document_count and page.number == 1:
                preview = documents[:DOCUMENT_PREVIEW_COUNT]
                context["document_preview"] = document_hits(preview, search.terms)
        if not article_ids and not document_count:
            context["suggestion"] = " ".join(suggest(search.terms) or [])
        return {
            **context,
            "page_obj": page,
            "article_count": len(article_ids),
            "more_articles": more_articles,
            "document_count": document_count,
        }


def category_family(slug: str) -> list[int] | None:
    """The ids of the category with this slug and of its sub-categories; None for no (or no such) category."""
    if not slug:
        return None
    family = list(Category.objects.filter(Q(slug=slug) | Q(parent__slug=slug)).values_list("pk", flat=True))
    return family or None


def article_hits(articles, terms: list[str]) -> list[ArticleHit]:
    return [
        ArticleHit(
            article=article,
            title=highlight(article.title, terms),
            snippet=snippet(" ".join([article.lead, html_to_text(article.body), article.byline]), terms),
        )
        for article in articles
    ]


def document_hits(documents, terms: list[str]) -> list[DocumentHit]:
    return [
        DocumentHit(
            document=document,
            number=highlight(document.number, terms),
            summary=highlight(document.summary, terms),
            issuer=highlight(document.issuer, terms),
        )
        for document in documents
    ]
