"""What a bot, a scanner or a careless reader may put in an address, a query string, a body or a header."""

import json
from urllib.parse import quote, quote_plus

from hypothesis import strategies as st

from .site import Endpoint, Harvest

VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# Combining marks: the same "ế" typed on another keyboard (NFD), which must not be read as two letters.
COMBINING = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
CONTROL = "".join(map(chr, range(0x20))) + "\x7f\x85\u200b\u200e\u2028\u202e\ufeff"
TRICKS = [
    "",
    " ",
    "0",
    "-1",
    "+1",
    "1.5",
    "1e400",
    "NaN",
    "inf",
    "9" * 40,
    "١٢٣",  # Arabic-Indic digits: Python's int() reads them as 123
    "%",
    "%%",
    "%zz",
    "%00",
    "%c3%28",
    "%ff%fe",
    "%25%32%35",
    "..",
    "../../etc/passwd",
    "%2e%2e%2f",
    "//evil.example",
    "\\",
    "'",
    '"',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "=&=",
    "[]",
    "1900-01-01",
    "9999-12-31",
    "0000-00-00",
    "31/02/2024",
]


def _percent_escaped(data: bytes) -> str:
    return "".join(f"%{byte:02X}" for byte in data)


def wild_text() -> st.SearchStrategy[str]:
    """Any string at all, leaning towards the shapes that break parsers."""
    return st.one_of(
        st.text(max_size=40),
        st.text(alphabet=VIETNAMESE + COMBINING + " -_aAđ0", max_size=40),
        st.text(alphabet=CONTROL + "a", max_size=12),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.sampled_from(TRICKS),
        st.builds(str.__mul__, st.sampled_from(["a", "đ", "9", "%", "/", "a-"]), st.integers(1000, 12000)),
        st.binary(max_size=16).map(_percent_escaped),
    )


def _encoded(value: str) -> st.SearchStrategy[str]:
    """As a browser sends it, or raw as a hand-written request does (broken escapes and all)."""
    return st.sampled_from([quote(value, safe=""), value, quote(value, safe="/%")])


def path_values(endpoint: Endpoint, harvest: Harvest) -> st.SearchStrategy[dict[str, str]]:
    """Values for the route's parameters: a real page's, ones the route accepts, or anything at all."""
    names = {slot.name for slot in endpoint.slots}
    # Only what fits this very route: a regex route's groups, or another route of the same name, may not.
    real = [kwargs for kwargs in harvest.kwargs.get(endpoint.view_name, []) if set(kwargs) == names]
    slots = {
        slot.name: st.one_of(
            # A real value next to random others: an article's id with a wrong slug, say.
            st.sampled_from(sorted({kwargs[slot.name] for kwargs in real})) if real else st.nothing(),
            st.from_regex(slot.regex, fullmatch=True),
            wild_text(),
        ).flatmap(_encoded)
        for slot in endpoint.slots
    }
    random = st.fixed_dictionaries(slots)
    return st.one_of(st.sampled_from(real), random) if real else random


def query_strings(fields: dict[str, set[str]]) -> st.SearchStrategy[str]:
    """Known names with values the site offers, mixed in any order with junk: known names with junk values,
    unknown names, repeats. Often no junk at all, so that the filters' combinations are reached too."""
    names = sorted(fields)
    known_name = st.sampled_from(names) if names else st.nothing()
    offered = known_name.flatmap(
        lambda name: st.tuples(
            st.just(name), st.sampled_from(sorted(fields[name])) if fields[name] else wild_text()
        )
    )
    junk = st.one_of(
        known_name.flatmap(lambda name: st.tuples(st.just(name), wild_text())),
        st.tuples(wild_text(), wild_text()),
    )
    pairs = st.tuples(st.lists(offered, max_size=4), st.lists(junk, max_size=3)).flatmap(
        lambda lists: st.permutations(lists[0] + lists[1])
    )
    return pairs.flatmap(
        lambda pairs: st.tuples(*(_encoded_pair(name, value) for name, value in pairs)).map("&".join)
    )


def _encoded_pair(name: str, value: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            f"{quote_plus(name)}={quote_plus(value)}",
            f"{name}={value}",
            quote_plus(name),
            f"{quote_plus(name)}=",
        ]
    )


def form_bodies(fields: dict[str, set[str]]) -> st.SearchStrategy[tuple[str, bytes]]:
    """(content type, body) of a POST: a form as browsers send it, JSON, or bytes under any content type."""
    return st.one_of(
        query_strings(fields).map(lambda body: ("application/x-www-form-urlencoded", body.encode())),
        st.tuples(
            st.sampled_from(["application/json", "application/csp-report", "application/reports+json"]),
            st.one_of(
                st.just(b'{"csp-report": {"document-uri": "http://testserver/", "violated-directive": "x"}}'),
                st.recursive(
                    st.none() | st.booleans() | st.integers() | st.floats() | wild_text(),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(wild_text(), children),
                    max_leaves=12,
                ).map(lambda value: json.dumps(value, ensure_ascii=False).encode()),
                st.binary(max_size=200),
            ),
        ),
        st.tuples(
            st.sampled_from(
                [
                    "multipart/form-data; boundary=xyz",
                    "multipart/form-data",
                    "text/plain",
                    "",
                    "x/ý; charset=ư",
                ]
            ),
            st.binary(max_size=300),
        ),
    )


def _latin1_text(max_size: int) -> st.SearchStrategy[str]:
    # A header arrives as bytes that WSGI reads as latin-1, and HTTP servers refuse CR, LF and NUL in it.
    return st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=max_size)


def request_headers() -> st.SearchStrategy[dict[str, str]]:
    """Headers the site reads (proxy address, page cache, view counting, cookies): any, all or none."""
    header_values = {
        "X-Forwarded-For": st.one_of(st.ip_addresses().map(str), _latin1_text(60)),
        "If-Modified-Since": st.one_of(st.just("Sat, 01 Jan 2000 00:00:00 GMT"), _latin1_text(40)),
        "If-None-Match": st.one_of(st.just("*"), _latin1_text(40)),
        "Cookie": _latin1_text(120),
        "User-Agent": st.one_of(
            st.just("Googlebot/2.1 (+http://www.google.com/bot.html)"), _latin1_text(200)
        ),
        "Referer": _latin1_text(100),
        "Origin": _latin1_text(40),
        "Accept-Language": _latin1_text(40),
        "Sec-Fetch-Site": st.sampled_from(["cross-site", "same-origin", "none", ""]),
        "Sec-Purpose": st.sampled_from(["prefetch", "prefetch;prerender", ""]),
    }
    return st.fixed_dictionaries({}, optional=header_values)
