"""The folded copies of an article's text that search reads, kept beside the text itself.

Both databases search the same words: this module folds them once, in Python, when an article is saved (or
bulk-created), and PostgreSQL's trigger (migration 0005_search_columns) builds its weighted full-text
vector from these columns rather than from the raw text, so its parser never sees "01-KL/TW" or markup.
"""

from .text import html_to_text, normalize

# What a reader can search in an article, and the columns made from it.
SEARCHED_FIELDS = frozenset({"title", "lead", "body", "byline"})
SEARCH_COLUMNS = ("search_title", "search_lead", "search_body")


def fill_search_columns(article) -> None:
    """Set the article's folded title, lead and body text (with the byline) from its current text."""
    article.search_title = normalize(article.title)
    article.search_lead = normalize(article.lead)
    # The body as readers read it: searching "strong" or "href" must not find every article.
    article.search_body = normalize(f"{html_to_text(article.body)} {article.byline}")
