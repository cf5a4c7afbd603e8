"""Slugs for Vietnamese titles: ASCII, lowercase, hyphenated, unique, bounded."""

import re
import unicodedata

# "đ" is a letter of its own, not "d" with a combining mark, so Unicode decomposition leaves it alone and
# Django's slugify drops it ("Đảng bộ" would become "ang-bo").
_VIETNAMESE_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")

FALLBACK_SLUG = "bai-viet"


def slugify_vietnamese(text: str, *, max_length: int = 100) -> str:
    """'Đảng bộ huyện: Kết luận 01-KL/TW' -> 'dang-bo-huyen-ket-luan-01-kl-tw'.

    Cut at a word boundary so a long title never ends in half a word.
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_VIETNAMESE_LETTERS))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_ALPHANUMERIC.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
    return slug.strip("-")


def unique_slug(queryset, text: str, *, max_length: int, exclude_pk=None) -> str:
    """A slug for `text` that no other row of `queryset` uses, with `-2`, `-3`... appended on collision."""
    base = slugify_vietnamese(text, max_length=max_length) or FALLBACK_SLUG
    others = queryset.exclude(pk=exclude_pk) if exclude_pk is not None else queryset
    # One query covers every candidate unless the base is so long that a suffix must cut into it.
    taken = set(others.filter(slug__startswith=base[: max_length - 4]).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
