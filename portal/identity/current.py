"""The portal's identity as templates read it: the profile, the main menu and the agency links, in one value.

Built from five small queries at most, kept in the shared cache (every worker and app server reads the same
copy: one cache read per request) and forgotten whenever an administrator saves what it is built from
(signals.py), so the next request on any worker shows the change. With no profile saved yet,
settings.SITE_PROFILE_DEFAULTS stand in.
"""

import zlib
from dataclasses import dataclass, fields, replace

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static

from . import icons
from .models import AgencyLink, SiteProfile
from .navigation import NavEntry, build_navigation

# Long: saving any of its sources forgets it at once (signals.py). The hour only bounds a missed signal, such
# as a change made straight in the database.
CACHE_SECONDS = 60 * 60
DEFAULT_LOGO = "img/logo.png"
DEFAULT_FAVICON = "img/favicon-32.png"
DEFAULT_FAVICON_ICO = "img/favicon.ico"
DEFAULT_TOUCH_ICON = "img/apple-touch-icon.png"
DEFAULT_HEADER_LOGO = "img/logo-176.png"
# The default logo is drawn square (artwork.emblem); search engines read its size from the publisher's data.
DEFAULT_LOGO_SIZE = (512, 512)


# What an administrator types, each with its default in settings.SITE_PROFILE_DEFAULTS.
TEXT_FIELDS = (
    "unit_name",
    "tagline",
    "english_name",
    "address",
    "phone",
    "email",
    "licence",
    "responsible_person",
    "office_hours",
    "footer_text",
)


@dataclass(frozen=True)
class Profile:
    unit_name: str
    tagline: str
    english_name: str
    address: str
    phone: str
    email: str
    licence: str
    responsible_person: str
    office_hours: str
    footer_text: str
    logo_url: str
    logo_width: int  # 0 when unknown (a file missing from the media folder)
    logo_height: int
    banner_url: str  # "" for the stylesheet's own banner
    favicon_url: str  # 32×32 PNG
    touch_icon_url: str  # 180×180 PNG, for phones' home screens
    header_logo_url: str  # 176×176 PNG: the emblem as the header shows it, a fraction of the upload's bytes


@dataclass(frozen=True)
class Link:
    name: str
    url: str
    logo_url: str


@dataclass(frozen=True)
class SiteIdentity:
    profile: Profile
    navigation: tuple[NavEntry, ...]
    agency_links: tuple[Link, ...]


def _shape(*classes) -> str:
    return f"{zlib.crc32(repr([[f.name for f in fields(c)] for c in classes]).encode()):08x}"


# The key names the shape of what is cached: after an upgrade that changes these classes, no worker unpickles
# the older shape that the shared cache may still hold for the rest of its hour.
CACHE_KEY = f"identity:site:{_shape(Profile, Link, NavEntry, SiteIdentity)}"


def site_identity() -> SiteIdentity:
    return cache.get_or_set(CACHE_KEY, _build, CACHE_SECONDS)


def identity_of(request) -> SiteIdentity:
    """The identity for one request: a page's templates, feed and structured data share one cache read."""
    try:
        return request.site_identity
    except AttributeError:
        request.site_identity = site_identity()
        return request.site_identity


def cached_identity() -> SiteIdentity | None:
    """The identity if the cache holds it, without building it: for pages that must not query the database."""
    return cache.get(CACHE_KEY)


def forget() -> None:
    cache.delete(CACHE_KEY)


def default_profile() -> Profile:
    """The profile from settings alone: for an empty database, and for error pages when it is down."""
    width, height = DEFAULT_LOGO_SIZE
    return Profile(
        **{name: settings.SITE_PROFILE_DEFAULTS.get(name, "") for name in TEXT_FIELDS},
        logo_url=static(DEFAULT_LOGO),
        logo_width=width,
        logo_height=height,
        banner_url="",
        favicon_url=static(DEFAULT_FAVICON),
        touch_icon_url=static(DEFAULT_TOUCH_ICON),
        header_logo_url=static(DEFAULT_HEADER_LOGO),
    )


def _build() -> SiteIdentity:
    return SiteIdentity(
        profile=_profile(),
        navigation=build_navigation(),
        agency_links=tuple(
            Link(link.name, link.url, link.logo.url if link.logo else "")
            for link in AgencyLink.objects.filter(is_visible=True)
        ),
    )


def _profile() -> Profile:
    defaults = default_profile()
    saved = SiteProfile.objects.first()
    if saved is None:
        return defaults
    # A field the administrator left empty keeps the default from settings, so the footer never has a hole.
    texts = {name: getattr(saved, name) or getattr(defaults, name) for name in TEXT_FIELDS}
    banner_url = saved.banner.url if saved.banner else ""
    if not saved.logo:
        return replace(defaults, **texts, banner_url=banner_url)
    width, height = _logo_size(saved.logo)
    return Profile(
        **texts,
        logo_url=saved.logo.url,
        logo_width=width,
        logo_height=height,
        banner_url=banner_url,
        favicon_url=icons.favicon_url(saved.logo.name),
        touch_icon_url=icons.touch_icon_url(saved.logo.name),
        header_logo_url=icons.header_logo_url(saved.logo.name),
    )


def _logo_size(logo) -> tuple[int, int]:
    # Read from the file's header, once per change of the profile (the result is cached).
    try:
        return logo.width or 0, logo.height or 0
    except (OSError, ValueError, TypeError):
        return 0, 0
