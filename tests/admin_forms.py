"""The admin's article forms as a browser posts them, for tests that write articles through the admin."""

from articles.models import Article, ArticleImage
from tests.factories import ArticleFactory


def article_form(article, *, images=(), **changes):
    """The admin's article form as a browser posts it back: the article's own values, with `changes`.

    `images` fills the gallery inline: a saved ArticleImage is posted back as the page shows it; a dict is
    what was typed into a new row ({"image": upload, "caption": ..., "alt_text": ...}).
    """
    typed = {
        name: _typed_value(article, name)
        for name in Article.CONTENT_FIELDS
        if name != "cover_image"  # a browser posts a file only when one is chosen
    }
    return {
        **typed,
        "slug": article.slug,
        "loaded_version": article.edit_version,
        **_gallery(article, images),
        **changes,
    }


def _typed_value(article, name):
    field = Article._meta.get_field(name)
    if field.many_to_many:
        # The chosen rows' keys, one value each; an article not saved yet has none.
        return [row.pk for row in getattr(article, name).all()] if article.pk else []
    return getattr(article, field.attname)


def new_article_form(category, *, images=(), **fields):
    """The admin's add form as a browser posts it: an ordinary article in `category`, slug left blank for the
    server to make, with `fields` typed in (and `images` as for article_form)."""
    return article_form(ArticleFactory.build(category=category, slug=""), images=images, **fields)


def _gallery(article, images):
    images = list(images)
    saved = [image for image in images if isinstance(image, ArticleImage)]
    rows = [
        {
            "id": image.pk,
            "article": image.article_id,
            "caption": image.caption,
            "alt_text": image.alt_text,
            "order": image.order,
        }
        for image in saved
    ]
    # Django's formset takes the first INITIAL_FORMS rows as the saved ones, so new rows come after them.
    rows += [
        {"id": "", "article": article.pk or "", "caption": "", "alt_text": "", "order": 0, **typed}
        for typed in images
        if not isinstance(typed, ArticleImage)
    ]
    data = {"images-TOTAL_FORMS": str(len(rows)), "images-INITIAL_FORMS": str(len(saved))}
    for number, row in enumerate(rows):
        data.update({f"images-{number}-{name}": value for name, value in row.items()})
    return data
