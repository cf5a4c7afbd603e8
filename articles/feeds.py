"""RSS 2.0 feeds of the latest articles, for the whole site and for each category, and the page listing them.

Dates are given in Vietnam time (+0700), as readers see them on the site. Each item's enclosure is the
cover's 1200-px JPEG rendition, with its real size in bytes: one stat of a file per item, no query.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.views.generic import TemplateView

from portal.identity.current import identity_of

from . import structured_data
from .menu import build_menu
from .models import Article, Category

logger = logging.getLogger(__name__)

# Enough for a reader that polls a few times a day on a busy news day; more only makes the feed heavier.
FEED_ITEM_COUNT = 30


@dataclass
class FeedSource:
    """What a feed is of (the whole site, or one category), with the request its absolute URLs need."""

    request: HttpRequest
    category: Category | None = None


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, *args, **kwargs):
        return FeedSource(request)

    def title(self, source):
        return f"{_unit(source).unit_name} – Tin mới nhất"

    def description(self, source):
        # Not the tagline then the name: a tagline often ends with the words the name begins with
        # ("… Ban Tuyên giáo Huyện ủy" / "Huyện ủy Thanh Hà"), as the footer found.
        return f"{_unit(source).tagline}: tin bài mới nhất"

    def link(self, source):
        return reverse("articles:home")

    def feed_url(self, source):
        return reverse("articles:feed")

    def articles(self, source):
        return Article.objects.published().for_listing().newest_first()

    def items(self, source):
        articles = list(self.articles(source)[:FEED_ITEM_COUNT])
        for article in articles:
            # Django asks for an item's guid and enclosure without the request, which their absolute URLs
            # need (it makes only the link absolute): worked out here, once per item.
            article.feed_guid = source.request.build_absolute_uri(
                # The address by id alone: it stays the same whatever becomes of the slug.
                reverse("articles:article_by_id", kwargs={"pk": article.pk})
            )
            article.feed_enclosure = _cover_enclosure(source.request, article)
        return articles

    def item_title(self, article):
        # Plain text: the feed generator escapes it once for XML (Django's default escapes it twice).
        return article.title

    def item_description(self, article):
        return article.lead

    def item_guid(self, article):
        return article.feed_guid

    def item_guid_is_permalink(self, article):
        return True

    def item_pubdate(self, article):
        # The generator writes the offset of the datetime it gets: UTC from the database would say +0000.
        return timezone.localtime(article.published_at)

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [article.category.name]

    def item_enclosures(self, article):
        return [article.feed_enclosure] if article.feed_enclosure else []


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return FeedSource(request, get_object_or_404(Category, slug=slug))

    def title(self, source):
        return f"{source.category.name} – {_unit(source).unit_name}"

    def description(self, source):
        return source.category.description or (
            f"Tin bài mới nhất chuyên mục {source.category.name} – {_unit(source).unit_name}"
        )

    def link(self, source):
        return source.category.get_absolute_url()

    def feed_url(self, source):
        return reverse("articles:category_feed", kwargs={"slug": source.category.slug})

    def articles(self, source):
        # A category's feed carries its sub-categories' articles too, as its page does.
        category_ids = [source.category.pk, *source.category.children.values_list("pk", flat=True)]
        return super().articles(source).in_categories(category_ids)


def _unit(source):
    return identity_of(source.request).profile


def _cover_enclosure(request, article) -> Enclosure | None:
    image = structured_data.cover_share_image(article)
    if image is None:
        return None
    try:
        length = default_storage.size(image.name)
    except OSError:
        # Made at upload; missing for photos older than the share width, or media restored without them.
        logger.warning(
            "No share rendition for %s: the feed item goes without its photo "
            "(manage.py rebuild_renditions --missing makes it)",
            article.cover_image,
        )
        return None
    return Enclosure(request.build_absolute_uri(image.url), str(length), image.mime_type)


@dataclass
class FeedLink:
    name: str
    url: str  # absolute: readers copy it into their feed reader
    children: list["FeedLink"] = field(default_factory=list)


class FeedListView(TemplateView):
    """The "RSS" page: every feed the site offers, in the menu's order, as Vietnamese portals list them."""

    template_name = "articles/feeds.html"

    def get_context_data(self, **kwargs):
        menu = build_menu()
        return super().get_context_data(
            site_feed=FeedLink("Tin mới nhất", self._absolute(reverse("articles:feed"))),
            category_feeds=[
                FeedLink(
                    entry.category.name,
                    self._category_feed_url(entry.category),
                    [FeedLink(child.name, self._category_feed_url(child)) for child in entry.children],
                )
                for entry in menu
            ],
            category_tree=menu,  # the same query serves the search box's categories
            **kwargs,
        )

    def _category_feed_url(self, category):
        return self._absolute(reverse("articles:category_feed", kwargs={"slug": category.slug}))

    def _absolute(self, path):
        return self.request.build_absolute_uri(path)
