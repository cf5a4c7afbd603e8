"""A reader's search as typed in the address bar: whatever arrives, a usable search comes out.

Anything malformed (a date like "abc", a category that does not exist, a NUL byte) is dropped rather than
refused: the reader still gets a page of results, never an error.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import QueryDict

from .text import MAX_QUERY_LENGTH, terms

TAB_ARTICLES = "bai-viet"
TAB_DOCUMENTS = "van-ban"
# <input type="date"> sends ISO dates; people who type the address themselves write Vietnamese ones.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
# Dates outside this range are typing mistakes, and near the ends of the calendar turning a day into a
# moment in time would overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,140}")


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    terms: list[str] = field(default_factory=list)
    category_slug: str = ""
    date_from: date | None = None
    date_to: date | None = None
    tab: str = TAB_ARTICLES

    @classmethod
    def from_query(cls, data: QueryDict) -> "SearchParams":
        query = data.get("q", "").strip()[:MAX_QUERY_LENGTH]
        slug = data.get("chuyen-muc", "").strip()
        date_from, date_to = _date(data.get("tu", "")), _date(data.get("den", ""))
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return cls(
            query=query,
            terms=terms(query),
            category_slug=slug if _SLUG.fullmatch(slug) else "",
            date_from=date_from,
            date_to=date_to,
            tab=TAB_DOCUMENTS if data.get("loai") == TAB_DOCUMENTS else TAB_ARTICLES,
        )


def _date(value: str) -> date | None:
    for date_format in DATE_FORMATS:
        try:
            day = datetime.strptime(value.strip(), date_format).date()
        except ValueError:
            continue
        return day if FIRST_YEAR <= day.year <= LAST_YEAR else None
    return None
