"""The emblem and the banner, drawn by the program: the default logo (static/img/logo.png), the demo's images.

Drawn with Pillow rather than downloaded: a demo never depends on another site, and the files in the
repository can be made again (`manage.py draw_default_icons`). Shapes are drawn at four times the size and
scaled down, which smooths their edges.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFilter

PARTY_RED = (218, 37, 29)
DARK_RED = (110, 10, 12)
DEEP_RED = (160, 18, 22)
GOLD = (255, 205, 0)
SOFT_GOLD = (232, 184, 60)
_SMOOTHING = 4


def star_points(cx: float, cy: float, outer: float, inner: float | None = None) -> list[tuple[float, float]]:
    """A five-pointed star standing on two points, as on the national flag."""
    inner = outer * 0.382 if inner is None else inner
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def emblem(size: int = 512) -> Image.Image:
    """A red disc in a gold ring with a gold star: square, transparent around the disc."""
    big = size * _SMOOTHING
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = big / 2
    margin = big * 0.02

    def disc(radius, colour):
        draw.ellipse([centre - radius, centre - radius, centre + radius, centre + radius], fill=colour)

    outer = centre - margin
    disc(outer, GOLD)
    disc(outer * 0.94, PARTY_RED)
    disc(outer * 0.86, GOLD)
    disc(outer * 0.84, PARTY_RED)
    # Rays like those of a bronze drum's face, faint, behind the star.
    for index in range(16):
        angle = index * math.pi / 8
        spread = math.pi / 64
        tip = outer * 0.8
        base = outer * 0.5
        draw.polygon(
            [
                (centre + tip * math.cos(angle), centre + tip * math.sin(angle)),
                (centre + base * math.cos(angle - spread * 4), centre + base * math.sin(angle - spread * 4)),
                (centre + base * math.cos(angle + spread * 4), centre + base * math.sin(angle + spread * 4)),
            ],
            fill=DEEP_RED,
        )
    disc(outer * 0.52, PARTY_RED)
    draw.polygon(star_points(centre, centre + outer * 0.04, outer * 0.56), fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def banner(width: int = 1920, height: int = 300) -> Image.Image:
    """A red band, darkest on the left, with a bronze drum's face in faint gold on its right end.

    The left part stays calm and dark: the header sets the logo and the unit's name over it in white.
    """
    gradient = Image.linear_gradient("L").rotate(90).resize((width, height))
    image = Image.composite(
        Image.new("RGB", (width, height), DARK_RED),
        Image.new("RGB", (width, height), DEEP_RED),
        gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
    )
    pattern = _drum_face(width * _SMOOTHING, height * _SMOOTHING, centre_x=0.86, radius=0.95)
    pattern = pattern.resize((width, height), Image.Resampling.LANCZOS)
    image.paste(pattern, (0, 0), pattern)
    # A thin gold rule along the bottom edge, as official banners close.
    ImageDraw.Draw(image).rectangle([0, height - 6, width, height], fill=SOFT_GOLD)
    return image.filter(ImageFilter.SMOOTH)


def _drum_face(width: int, height: int, *, centre_x: float, radius: float) -> Image.Image:
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = width * centre_x, height / 2
    r = height * radius
    faint = (*SOFT_GOLD, 70)
    brighter = (*SOFT_GOLD, 120)
    line = max(2, height // 120)
    for fraction in (1.0, 0.9, 0.78, 0.66, 0.55, 0.36, 0.3):
        rr = r * fraction
        draw.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=faint, width=line)
    # Small marks between two rings, as the drum's bands of birds and dots.
    for ring, count in ((0.84, 48), (0.6, 32)):
        for index in range(count):
            angle = index * 2 * math.pi / count
            x, y = cx + r * ring * math.cos(angle), cy + r * ring * math.sin(angle)
            dot = r * 0.018
            draw.ellipse([x - dot, y - dot, x + dot, y + dot], fill=faint)
    for index in range(14):
        angle = index * 2 * math.pi / 14
        draw.polygon(
            [
                (cx + r * 0.34 * math.cos(angle), cy + r * 0.34 * math.sin(angle)),
                (cx + r * 0.14 * math.cos(angle - 0.16), cy + r * 0.14 * math.sin(angle - 0.16)),
                (cx + r * 0.14 * math.cos(angle + 0.16), cy + r * 0.14 * math.sin(angle + 0.16)),
            ],
            fill=faint,
        )
    draw.polygon(star_points(cx, cy, r * 0.14), fill=brighter)
    return layer


def png_bytes(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def jpeg_bytes(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.convert("RGB").save(output, "JPEG", quality=88, optimize=True, progressive=True)
    return output.getvalue()
