"""The favicon, the touch icon and the header's emblem, made from the unit's logo when it is saved.

They are made by fields.LogoField.

As for photos' renditions (articles/photos/renditions.py), django-imagekit names each icon after its source
and settings, so the profile computes their URLs from the logo's name alone; the files are written once, at
save time, never while a reader waits. Without a logo, the files committed in static/img/ (drawn from the
default emblem by `manage.py draw_default_icons`) stand in.
"""

from dataclasses import dataclass

from django.core.files import File
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from PIL import Image

FAVICON_SIZE = 32
TOUCH_ICON_SIZE = 180
# The header shows the emblem at 88 CSS pixels: twice that is sharp on phones, and a fraction of the upload.
HEADER_LOGO_SIZE = 176
# Phones put the touch icon on a square tile and fill what is transparent with black: it gets a white ground.
WHITE = (255, 255, 255, 255)
TRANSPARENT = (0, 0, 0, 0)


@dataclass(frozen=True)
class SquareIcon:
    """A pilkit processor: the logo scaled to fit a square of `size`, centred on `ground`.

    A logo need not be square, and browsers stretch a favicon that is not.
    """

    size: int
    ground: tuple[int, int, int, int] = TRANSPARENT

    def process(self, image: Image.Image) -> Image.Image:
        image = image.convert("RGBA")
        scale = self.size / max(image.size)
        fitted = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.LANCZOS,
        )
        square = Image.new("RGBA", (self.size, self.size), self.ground)
        square.alpha_composite(fitted, ((self.size - fitted.width) // 2, (self.size - fitted.height) // 2))
        return square


FAVICON = SquareIcon(FAVICON_SIZE)
TOUCH_ICON = SquareIcon(TOUCH_ICON_SIZE, WHITE)
HEADER_LOGO = SquareIcon(HEADER_LOGO_SIZE)


class _IconSpec(ImageSpec):
    format = "PNG"
    options = {"optimize": True}

    def __init__(self, source, *, icon: SquareIcon):
        self.processors = [icon]
        super().__init__(source=source)


def _file(logo_name: str, icon: SquareIcon) -> ImageCacheFile:
    return ImageCacheFile(_IconSpec(File(None, name=logo_name), icon=icon))


def favicon_url(logo_name: str) -> str:
    return _file(logo_name, FAVICON).url


def touch_icon_url(logo_name: str) -> str:
    return _file(logo_name, TOUCH_ICON).url


def header_logo_url(logo_name: str) -> str:
    return _file(logo_name, HEADER_LOGO).url


def generate(logo) -> None:
    """Write the icons of the stored logo `logo` (a FieldFile), replacing any made before."""
    for icon in (FAVICON, TOUCH_ICON, HEADER_LOGO):
        made = ImageCacheFile(_IconSpec(logo, icon=icon))
        if made.storage.exists(made.name):
            # Storage never overwrites: the old file must go, or the new one gets another name.
            made.storage.delete(made.name)
        made.generate(force=True)
