"""What crawlers are told: the sitemap index and its sections, the Google News sitemap, robots.txt.

Every section reads through the same `published()` rules as the pages, so a draft, a scheduled or a trashed
article (or document) is never listed. Sections are paginated by Django past `limit` URLs (50,000, the
sitemap protocol's cap), and the index lists each page.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from .documents.models import Document
from .models import Article, Category
from .pages.models import Page
from .questions.models import Question
from .questions.sitemaps import QuestionSitemap


def _latest(*moments):
    return max(filter(None, moments), default=None)


def _last_change(item):
    # A scheduled item goes public after its last save: the page changed when it appeared.
    return _latest(item.published_at, item.updated_at)


def _newest_public(queryset):
    """When the newest of these public items last changed: one aggregate query, whatever their number."""
    newest = queryset.order_by().aggregate(published=Max("published_at"), updated=Max("updated_at"))
    return _latest(newest["published"], newest["updated"])


class PageSitemap(Sitemap):
    """The site's own lists and guides: home, the document library, Hỏi đáp, RSS, the site map."""

    changefreq = "daily"
    url_names = ("articles:home", "documents:list", "questions:list", "articles:feeds", "pages:site_map")

    def items(self):
        return list(self.url_names)

    def location(self, url_name):
        return reverse(url_name)

    def lastmod(self, url_name):
        # Each list changes when something new appears on it; the RSS page and the site map only when the
        # menu does.
        if url_name == "articles:home":
            return _newest_public(Article.objects.published())
        if url_name == "documents:list":
            return _newest_public(Document.objects.published())
        if url_name == "questions:list":
            return _newest_public(Question.objects.published())
        return None

    def get_latest_lastmod(self):
        return _latest(
            *(self.lastmod(name) for name in ("articles:home", "documents:list", "questions:list"))
        )


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # Newest article of each category in one grouped query; a category page also lists its
        # sub-categories' articles, so those count for the parent too.
        newest = dict(
            Article.objects.published()
            .order_by()
            .values("category_id")
            .annotate(newest=Max("published_at"))
            .values_list("category_id", "newest")
        )
        categories = list(Category.objects.order_by("pk"))
        for category in categories:
            category.newest_article_at = _latest(
                newest.get(category.pk),
                *(newest.get(child.pk) for child in categories if child.parent_id == category.pk),
            )
        return categories

    def lastmod(self, category):
        return category.newest_article_at

    def get_latest_lastmod(self):
        return Article.objects.published().order_by().aggregate(newest=Max("published_at"))["newest"]


class ArticleSitemap(Sitemap):
    limit = 50_000

    def items(self):
        # Oldest first: a page of the sitemap keeps the same articles as new ones are published, so
        # crawlers re-read only the last page.
        return (
            Article.objects.published()
            .only("pk", "slug", "published_at", "updated_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, article):
        return _last_change(article)

    def get_latest_lastmod(self):
        return _newest_public(Article.objects.published())


class DocumentSitemap(Sitemap):
    limit = 50_000

    def items(self):
        return (
            Document.objects.published()
            .only("pk", "slug", "published_at", "updated_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, document):
        return _last_change(document)

    def get_latest_lastmod(self):
        return _newest_public(Document.objects.published())


class StandingPageSitemap(Sitemap):
    """Giới thiệu and its sub-pages, Liên hệ, the English page: whatever administrators publish."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.published().select_related("parent").order_by("pk")

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return Page.objects.published().order_by().aggregate(newest=Max("updated_at"))["newest"]


# Section names are the URL's: /sitemap-bai-viet.xml. Classes, not instances: Django makes one per
# request, so the state a section keeps (the categories' dates) never outlives it.
SITEMAPS = {
    "trang": PageSitemap,
    "trang-thong-tin": StandingPageSitemap,
    "chuyen-muc": CategorySitemap,
    "bai-viet": ArticleSitemap,
    "van-ban": DocumentSitemap,
    "hoi-dap": QuestionSitemap,
}


class NewsSitemap(Sitemap):
    """Google News: the articles of the last two days, at most 1,000, newest first (Google's own limits)."""

    limit = 1_000
    window = timedelta(days=2)

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - self.window)
            .only("pk", "slug", "title", "published_at")
            .newest_first()
        )


NEWS_SITEMAPS = {"tin-moi": NewsSitemap}


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # The newsroom, and search results: endless combinations of words, each a copy of other pages.
            disallowed_paths=[reverse("admin:index"), reverse("search:results")],
            sitemap_urls=[
                self.request.build_absolute_uri(reverse("sitemap")),
                self.request.build_absolute_uri(reverse("sitemap_news")),
            ],
            **kwargs,
        )
