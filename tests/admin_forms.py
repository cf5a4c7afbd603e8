def article_form(article, **changes):
    """The admin's article form as a browser posts it back: the article's own values, with `changes`."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "lead": article.lead,
        "body": article.body,
        "byline": article.byline,
        "cover_caption": article.cover_caption,
        "cover_alt": article.cover_alt,
        "loaded_version": article.edit_version,
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        **changes,
    }
    if article.is_featured:
        data["is_featured"] = "on"
    return data
