"""Responsive renditions of photos: a few widths, in WebP with a JPEG fallback, made once per photo; and a
1200-px JPEG for link previews and feeds.

django-imagekit does the resizing and names each rendition after its source and settings, so a page can
compute every URL without touching the disk or the database; the files themselves are written when the
photo is saved (and again by `manage.py rebuild_renditions`), never while a reader waits.
"""

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit
from PIL import Image, UnidentifiedImageError

from . import checks

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1600)
FORMATS = ("WEBP", "JPEG")
# The photo a shared link shows (Facebook, Zalo, X) and the feeds' enclosure: those services ask for about
# 1200 px wide, and not all of them read WebP, so it is one JPEG, apart from the srcset widths pages use.
SHARE_WIDTH = 1200
SHARE_FORMAT = "JPEG"
# Article pages are a single column that is at most about 760 px wide on a desktop screen.
BODY_SIZES = "(min-width: 900px) 760px, 100vw"


class Rendition(ImageSpec):
    options = {"quality": 82}

    def __init__(self, source, *, width, image_format):
        self.processors = [ResizeToFit(width=width, upscale=False)]
        self.format = image_format
        super().__init__(source=source)


@dataclass(frozen=True)
class Sources:
    webp_srcset: str
    jpeg_srcset: str
    fallback_url: str


def rendition_widths(original_width: int) -> list[int]:
    """The widths worth making: never wider than the photo itself."""
    if not original_width:
        return [WIDTHS[0]]
    return [width for width in WIDTHS if width < original_width] + [min(original_width, WIDTHS[-1])]


def _files(source, original_width):
    for image_format in FORMATS:
        for width in rendition_widths(original_width):
            yield (
                image_format,
                width,
                ImageCacheFile(Rendition(source, width=width, image_format=image_format)),
            )


def _share_width(original_width: int) -> int:
    return min(original_width, SHARE_WIDTH) if original_width else SHARE_WIDTH


def _share_file(source, original_width):
    return ImageCacheFile(Rendition(source, width=_share_width(original_width), image_format=SHARE_FORMAT))


def generate(source, original_width: int, *, force: bool = False) -> None:
    renditions = [rendition for _, _, rendition in _files(source, original_width)]
    share = _share_file(source, original_width)
    # A photo no wider than the share width already has that JPEG among its srcset renditions.
    if share.name not in {rendition.name for rendition in renditions}:
        renditions.append(share)
    for rendition in renditions:
        if force and rendition.storage.exists(rendition.name):
            # Storage never overwrites: the old file must go, or the new one gets another name.
            rendition.storage.delete(rendition.name)
        rendition.generate(force=force)


def sources(source, original_width: int) -> Sources:
    """The srcset strings for a photo, computed from its name alone."""
    return _sources_for_name(source.name, original_width)


# A rendition's name hashes its settings: worth remembering for the photos that every page shows.
@lru_cache(maxsize=4096)
def _sources_for_name(name: str, original_width: int) -> Sources:
    by_format = {image_format: [] for image_format in FORMATS}
    for image_format, width, rendition in _files(File(None, name=name), original_width):
        by_format[image_format].append((width, rendition.url))
    jpeg = by_format["JPEG"]
    fallback = next((url for width, url in jpeg if width >= 960), jpeg[-1][1])
    return Sources(
        webp_srcset=", ".join(f"{url} {width}w" for width, url in by_format["WEBP"]),
        jpeg_srcset=", ".join(f"{url} {width}w" for width, url in jpeg),
        fallback_url=fallback,
    )


@dataclass(frozen=True)
class ShareImage:
    url: str  # relative to the site, like every media URL: callers that need it absolute make it so
    name: str  # in the storage, for whoever must know its size in bytes (a feed's enclosure)
    width: int
    height: int
    mime_type: str = "image/jpeg"


def share_image(source, original_width: int, original_height: int) -> ShareImage:
    """The photo's 1200-px JPEG rendition for link previews and feeds, computed from its name alone."""
    return _share_image_for_name(source.name, original_width or 0, original_height or 0)


@lru_cache(maxsize=4096)
def _share_image_for_name(name: str, original_width: int, original_height: int) -> ShareImage:
    rendition = _share_file(File(None, name=name), original_width)
    width = _share_width(original_width)
    # The same arithmetic as the resize itself (pilkit's ResizeToFit), so og:image:height is the file's.
    height = int(round(original_height * (float(width) / original_width))) if original_width else 0
    return ShareImage(url=rendition.url, name=rendition.name, width=width, height=height)


# --- photos inside an article's body ------------------------------------------------------------------

_IMG_TAG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')


def stored_photo(name: str):
    """The media file `name` as a source for renditions, or None if it isn't one of ours.

    Names come from <img src> in bodies that staff can type anything into: a folder (/media/uploads), a
    rendition, a path out of the media folder. Such an <img> stays as written; saving the text never fails.
    """
    parts = PurePosixPath(name).parts
    if not parts or ".." in parts or _is_rendition(parts):
        return None
    try:
        if not default_storage.exists(name):
            return None
        return File(default_storage.open(name), name=name)
    except (OSError, SuspiciousFileOperation, ValueError):  # a folder, an absolute path, a NUL byte
        return None


def _is_rendition(parts: tuple[str, ...]) -> bool:
    # Renditions of renditions would pile up without end, one folder deeper at each save.
    folder = PurePosixPath(settings.IMAGEKIT_CACHEFILE_DIR).parts
    return parts[: len(folder)] == folder


def generate_for_stored(name: str, *, force: bool = False):
    """Make the renditions of the stored photo `name`; return (width, height, Sources), or None."""
    source = stored_photo(name)
    if source is None:
        return None
    with source:
        try:
            with Image.open(source) as image:
                width, height = image.size
                if image.format not in checks.EXTENSIONS or not checks.within_budget(width, height):
                    return None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return None  # not a photo: a document, a page, a broken file
        try:
            generate(source, width, force=force)
        except (OSError, SyntaxError, ValueError) as error:
            # A file that only breaks when decoded in full (truncated) or a disk that refuses the renditions:
            # the writer's text is saved all the same, with the photo as a plain <img>.
            logger.warning("No renditions for %s: %s", name, error)
            return None
        return width, height, sources(source, width)


def enrich_body_images(html: str) -> str:
    """Give each of our own photos in sanitized body HTML its renditions, size and lazy loading.

    Runs after sanitizing, which removes any srcset an editor's HTML might carry; only ours gets back in.
    """
    return _IMG_TAG.sub(_enriched_img, html)


def _enriched_img(match) -> str:
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    src = unescape(attributes.get("src", ""))
    if not src.startswith(settings.MEDIA_URL):
        return match.group(0)
    made = generate_for_stored(unquote(src[len(settings.MEDIA_URL) :]))
    if made is None:
        return match.group(0)
    width, height, found = made
    attributes.setdefault("width", str(width))
    attributes.setdefault("height", str(height))
    # src stays the original: browsers choose from srcset, and a later save finds the photo by it again.
    img_attributes = {
        **attributes,
        "srcset": found.jpeg_srcset,
        "sizes": BODY_SIZES,
        "loading": "lazy",
        "decoding": "async",
    }
    img = (
        "<img "
        + " ".join(f'{name}="{escape(unescape(value))}"' for name, value in img_attributes.items())
        + ">"
    )
    webp = f'<source type="image/webp" srcset="{escape(found.webp_srcset)}" sizes="{BODY_SIZES}">'
    return f"<picture>{webp}{img}</picture>"


def body_photo_names(html: str) -> set[str]:
    names = set()
    for match in _IMG_TAG.finditer(html):
        src = unescape(dict(_ATTRIBUTE.findall(match.group(1))).get("src", ""))
        if src.startswith(settings.MEDIA_URL):
            names.add(unquote(src[len(settings.MEDIA_URL) :]))
    return names
