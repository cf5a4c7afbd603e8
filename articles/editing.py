"""Saving an editor's changes without silently undoing a colleague's: the stale-edit check and its diff."""

import difflib
import re
from html import unescape

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version

from .models import Article


def saved_since(article: Article, loaded_version: int | None) -> Article | None:
    """The article as someone saved it after the editor opened version `loaded_version`, or None.

    The row stays locked for the rest of the caller's transaction (the admin saves a form in one), so
    nobody can slip a save in between this check and the caller's own save.
    """
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
    if loaded_version is None or loaded_version == current.edit_version:
        return None
    return current


def conflict(saved: Article, mine: dict) -> dict:
    """What the editor needs to decide: who saved when, and each content field's differences."""
    last_version = Version.objects.get_for_object(saved).select_related("revision__user").first()
    who = last_version.revision.user if last_version and last_version.revision.user else None
    differences = []
    for name in Article.CONTENT_FIELDS:
        theirs, ours = _as_text(name, _saved_value(saved, name)), _as_text(name, mine.get(name))
        if theirs != ours:
            table = difflib.HtmlDiff(wrapcolumn=70).make_table(
                _lines(theirs), _lines(ours), "Bản đã lưu", "Bản của bạn", context=True, numlines=1
            )
            # HtmlDiff escapes the compared text itself; the table markup is its own.
            differences.append((Article._meta.get_field(name).verbose_name, mark_safe(table)))
    return {
        "differences": differences,
        "params": {
            "who": (who.get_full_name() or who.username) if who else "người khác",
            "when": timezone.localtime(saved.updated_at).strftime("%H:%M %d/%m/%Y"),
        },
    }


def _saved_value(article: Article, name: str):
    value = getattr(article, name)
    return value.all() if Article._meta.get_field(name).many_to_many else value


def _as_text(name: str, value) -> str:
    if Article._meta.get_field(name).many_to_many:
        # Linked rows (related documents) one per line, sorted: choosing them in another order is no change.
        return "\n".join(sorted(str(item) for item in value or ()))
    return str(value or "")


def _lines(text: str) -> list[str]:
    # Editors read text, not markup: compare paragraph by paragraph, tags removed.
    paragraphs = re.split(r"</(?:p|h[2-6]|li|blockquote|tr)>|<br\s*/?>|\n", text)
    return [
        unescape(strip_tags(paragraph)).strip() for paragraph in paragraphs if strip_tags(paragraph).strip()
    ]
