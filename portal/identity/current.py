"""The portal's identity as templates read it: the profile, the main menu and the agency links, in one value.

Built from four small queries at most, kept in the shared cache (every worker and app server reads the same
copy) and forgotten whenever an administrator saves what it is built from (signals.py), so the next request on
any worker shows the change. With no profile saved yet, settings.SITE_PROFILE_DEFAULTS stand in.
"""

from dataclasses import dataclass, fields

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static

from .models import AgencyLink, SiteProfile
from .navigation import NavEntry, build_navigation

CACHE_KEY = "identity:site"
# Long: saving any of its sources forgets it at once (signals.py). The hour only bounds a missed signal, such
# as a change made straight in the database.
CACHE_SECONDS = 60 * 60
DEFAULT_LOGO = "img/logo.png"
DEFAULT_FAVICON = "img/favicon-32.png"
DEFAULT_TOUCH_ICON = "img/apple-touch-icon.png"


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
    banner_url: str  # "" for the stylesheet's own banner
    favicon_url: str  # 32×32 PNG
    touch_icon_url: str  # 180×180 PNG, for phones' home screens


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


def site_identity() -> SiteIdentity:
    return cache.get_or_set(CACHE_KEY, _build, CACHE_SECONDS)


def forget() -> None:
    cache.delete(CACHE_KEY)


def default_profile() -> Profile:
    """The profile from settings alone: for an empty database, and for error pages when it is down."""
    values = {name: "" for name in (f.name for f in fields(Profile))}
    values.update(settings.SITE_PROFILE_DEFAULTS)
    values["logo_url"] = static(DEFAULT_LOGO)
    values["favicon_url"] = static(DEFAULT_FAVICON)
    values["touch_icon_url"] = static(DEFAULT_TOUCH_ICON)
    return Profile(**values)


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
    saved = SiteProfile.objects.first()
    if saved is None:
        return default_profile()
    defaults = default_profile()
    return Profile(
        **{
            name: getattr(saved, name) or getattr(defaults, name)
            for name in (f.name for f in fields(Profile))
            if not name.endswith("_url")
        },
        logo_url=saved.logo.url if saved.logo else defaults.logo_url,
        banner_url=saved.banner.url if saved.banner else "",
        favicon_url=defaults.favicon_url,
        touch_icon_url=defaults.touch_icon_url,
    )
