"""The reader's words marked in titles and snippets, in the original accented text, everything escaped.

Matching runs on the folded text (articles/search/text.py), which is exactly as long as the original, so a
match at positions 10-14 of "dang bo" is "Đảng" at positions 10-14 of "Đảng bộ". The only markup in the
result is our own <mark>; the text around it, whatever an editor or a reader typed, is escaped.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import composed, fold

SNIPPET_LENGTH = 240
# How much of the snippet comes before its first marked word, so the word is read in its sentence.
SNIPPET_LEAD_IN = 60
ELLIPSIS = "…"


def _matches(text: str, terms: list[str]) -> list[re.Match]:
    if not terms:
        return []
    # In folded text everything that is not a letter or digit is a space, so "no non-space on either side"
    # means a whole word.
    pattern = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, terms)) + r")(?!\S)")
    return list(pattern.finditer(fold(text)))


def _marked(text: str, matches: list[re.Match], start: int, end: int) -> str:
    pieces, position = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces += [
            escape(text[position : match.start()]),
            f"<mark>{escape(text[match.start() : match.end()])}</mark>",
        ]
        position = match.end()
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """All of `text`, escaped, with every whole-word occurrence of `terms` in <mark>."""
    text = composed(text)
    return mark_safe(_marked(text, _matches(text, terms), 0, len(text)))


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` around the most query words, escaped, the words in <mark>."""
    text = " ".join(composed(text).split())
    matches = _matches(text, terms)
    start = _best_start(matches, length) if matches else 0
    end = min(len(text), start + length)
    # Whole words at both ends: back to the space before the window, and to the last space inside it.
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    if end < len(text):
        last_space = text.rfind(" ", start, end)
        if last_space > start:
            end = last_space
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return mark_safe(prefix + _marked(text, matches, start, end).strip() + suffix)


def _best_start(matches: list[re.Match], length: int) -> int:
    """Where a window of `length` shows the most distinct query words (the earliest such window)."""
    best_start, best_count = 0, -1
    for anchor in matches[:50]:
        start = max(0, anchor.start() - min(SNIPPET_LEAD_IN, length // 4))
        seen = {
            match.group() for match in matches if match.start() >= start and match.end() <= start + length
        }
        if len(seen) > best_count:
            best_start, best_count = start, len(seen)
    return best_start
