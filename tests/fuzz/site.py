"""What the fuzz tests aim at, found rather than listed: every URL pattern, and what a crawl finds.

Routes come from the URLconf itself, so a pattern added tomorrow is fuzzed without touching these tests.
The crawl gives the values that reach real pages (an article's id with its slug, a category's slug, the
filters' names and choices), so random parameters also land on pages that render, not only on 404s.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

# The admin has its own fuzz test, as each role sees it (test_admin_changelists.py); of its pages, only
# the sign-in ones answer anyone (every other sends a stranger to the sign-in page).
ADMIN_NAMESPACE = "admin"
ADMIN_SIGN_IN = {"admin:login", "admin:logout"}
_ROUTE_PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
_SITEMAP_LOCATION = re.compile(r"<loc>\s*([^<]+?)\s*</loc>")


@dataclass(frozen=True)
class Slot:
    """A parameter of a route: its name and the regex the resolver matches it with."""

    name: str
    regex: str


@dataclass(frozen=True)
class Endpoint:
    view_name: str
    parts: tuple[str | Slot, ...]

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(part for part in self.parts if isinstance(part, Slot))

    def path(self, values: dict[str, str]) -> str:
        return "/" + "".join(part if isinstance(part, str) else values[part.name] for part in self.parts)


def public_endpoints() -> list[Endpoint]:
    return list(_walk(get_resolver().url_patterns, namespaces=(), parts=()))


def _walk(entries, *, namespaces, parts):
    for entry in entries:
        if isinstance(entry, URLResolver):
            yield from _walk(
                entry.url_patterns,
                namespaces=(*namespaces, entry.namespace) if entry.namespace else namespaces,
                parts=(*parts, *_parts(entry.pattern)),
            )
        elif isinstance(entry, URLPattern):
            own = (*parts, *_parts(entry.pattern))
            name = ":".join((*namespaces, entry.name)) if entry.name else str(entry.pattern)
            if ADMIN_NAMESPACE not in namespaces or name in ADMIN_SIGN_IN:
                yield Endpoint(view_name=name, parts=own)


def _parts(pattern) -> tuple[str | Slot, ...]:
    if isinstance(pattern, RoutePattern):
        route, parts, start = str(pattern), [], 0
        for parameter in _ROUTE_PARAMETER.finditer(route):
            name = parameter["name"]
            parts += [route[start : parameter.start()], Slot(name, pattern.converters[name].regex)]
            start = parameter.end()
        return (*parts, route[start:])
    if isinstance(pattern, RegexPattern):
        # A regex route is filled as a whole, from its own regex: its groups need not be simple.
        regex = pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        return (Slot(f"regex:{regex}", regex),)
    raise TypeError(f"no fuzzing for {type(pattern).__name__} routes yet: teach tests/fuzz/site.py")


@dataclass
class Harvest:
    """Real values found by crawling: each view's parameters on real pages, each field's names and values."""

    kwargs: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    fields: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    pages: int = 0


class PageParser(HTMLParser):
    """A page's links (and forms' actions), and its form fields' names with the values they offer."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.fields: dict[str, set[str]] = defaultdict(set)
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and attrs.get("action"):
            self.links.append(attrs["action"])
        elif tag in ("input", "textarea", "button") and attrs.get("name"):
            self.fields[attrs["name"]].add(attrs.get("value", ""))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select:
            self.fields[self._select].add(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def crawl(client, *, start=("/", "/sitemap.xml"), limit=80) -> Harvest:
    """Follow the site's own links (HTML and sitemaps) from `start`, reading at most `limit` pages."""
    harvest, queue, seen = Harvest(), list(start), set(start)
    while queue and harvest.pages < limit:
        address = queue.pop(0)
        response = client.get(address)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not ("html" in content_type or "xml" in content_type):
            continue
        harvest.pages += 1
        body = response.content.decode(errors="replace")
        if "xml" in content_type:
            links = _SITEMAP_LOCATION.findall(body)
        else:
            parser = PageParser()
            parser.feed(body)
            links = parser.links
            for name, values in parser.fields.items():
                harvest.fields[name] |= values
        for link in links:
            target = _internal(link)
            if target is None:
                continue
            path, query = target
            for name, value in parse_qsl(query, keep_blank_values=True):
                harvest.fields[name].add(value)
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.namespace == ADMIN_NAMESPACE and match.view_name not in ADMIN_SIGN_IN:
                continue
            kwargs = {name: str(value) for name, value in match.kwargs.items()}
            if kwargs and kwargs not in harvest.kwargs[match.view_name]:
                harvest.kwargs[match.view_name].append(kwargs)
            if path not in seen:
                seen.add(path)
                queue.append(path)
    return harvest


def _internal(link: str) -> tuple[str, str] | None:
    parts = urlsplit(link)
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
        return None
    return parts.path, parts.query
