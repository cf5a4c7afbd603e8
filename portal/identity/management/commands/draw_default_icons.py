from django.conf import settings
from django.core.management.base import BaseCommand

from portal.identity import artwork, icons
from portal.identity.current import (
    DEFAULT_FAVICON,
    DEFAULT_FAVICON_ICO,
    DEFAULT_HEADER_LOGO,
    DEFAULT_LOGO,
    DEFAULT_TOUCH_ICON,
)

ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


class Command(BaseCommand):
    help = (
        "Draw the default emblem (static/img/logo.png) and the icons made from it: favicon-32.png, "
        "apple-touch-icon.png, logo-176.png (the header's) and favicon.ico. They stand in until an "
        "administrator uploads the unit's logo. "
        "Writes into the repository's static/ folder; commit the result."
    )

    def handle(self, *args, **options):
        folder = settings.BASE_DIR / "static"
        logo = artwork.emblem(512)
        written = {
            DEFAULT_LOGO: artwork.png_bytes(logo),
            DEFAULT_FAVICON: artwork.png_bytes(icons.FAVICON.process(logo)),
            DEFAULT_TOUCH_ICON: artwork.png_bytes(icons.TOUCH_ICON.process(logo)),
            DEFAULT_HEADER_LOGO: artwork.png_bytes(icons.HEADER_LOGO.process(logo)),
        }
        for name, data in written.items():
            (folder / name).write_bytes(data)
        icons.SquareIcon(48).process(logo).save(folder / DEFAULT_FAVICON_ICO, sizes=ICO_SIZES)
        for name in [*written, DEFAULT_FAVICON_ICO]:
            self.stdout.write(f"Wrote static/{name}")
