"""Vietnamese text folded for matching: readers type "dang bo" on phones and mean "Đảng bộ".

`fold` maps every character to one character (lower case, without its marks, "đ" as "d", anything that is
not a letter or digit as a space), so a position in the folded text is the same position in the original:
that is what lets a results page highlight the reader's words in the original, accented text.

Text is brought to NFC first (`composed`): Vietnamese typed with "Unicode tổ hợp" keyboards or pasted from
some word processors arrives decomposed ("o" + combining marks), and folding that character by character
would cut every syllable in two.
"""

import re
import unicodedata
from html import unescape

from django.utils.html import strip_tags

# Long enough for any real query; a pasted page is cut rather than searched word by word.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
_SPACES = re.compile(r"\s+")
# Tags that end a block of text: the words on either side of them are separate words.
_BLOCK_TAG = re.compile(
    r"<(?:br|hr|img|/?(?:p|div|h\d|li|ul|ol|dl|dt|dd|table|caption|tr|td|th|blockquote|figure|figcaption|"
    r"picture|pre|section|article|header|footer))\b",
    re.IGNORECASE,
)


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    # Letters and decimal digits only: "²" or "½" are word breaks, as in PostgreSQL's text search parser,
    # so both databases see the same words.
    return base if base.isalpha() or base.isdecimal() else " "


def composed(text: str) -> str:
    """`text` in NFC, the form every Vietnamese letter has a single code point in."""
    return unicodedata.normalize("NFC", text)


class _FoldTable(dict):
    """str.translate's table, filled in as characters are first met; each maps to exactly one character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """`text` in lower case without diacritics, punctuation as spaces; exactly as long as `text`."""
    # str.translate walks the text in C: folding every article body on a bulk import stays quick.
    return text.translate(_FOLD_TABLE)


def normalize(text: str) -> str:
    """Folded words separated by single spaces, with a space at each end so whole words match as " word "."""
    return f" {_SPACES.sub(' ', fold(composed(text))).strip()} "


def html_to_text(html: str) -> str:
    """What a reader reads of an article body: the text, without markup, one space between blocks."""
    return _SPACES.sub(" ", unescape(strip_tags(_BLOCK_TAG.sub(r" \g<0>", html)))).strip()


def terms(query: str) -> list[str]:
    """The distinct folded words of a reader's query, in order, at most MAX_TERMS of them."""
    words = normalize(query[:MAX_QUERY_LENGTH]).split()
    return list(dict.fromkeys(words))[:MAX_TERMS]
