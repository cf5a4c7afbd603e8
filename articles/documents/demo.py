"""The document library's demo content, for `manage.py seed_demo`: documents with generated PDF files.

The documents themselves are data (seed_demo_documents.json beside the command); this module turns them
into rows, draws each one's PDF with Pillow (no downloads) and links them to the articles about them.
"""

import io
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from articles.models import Article

from .models import Document, DocumentFile, DocumentKind

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Published the morning after they were signed, as a district's website usually does.
PUBLISHED_AT = time(8, 0)
# An A4 page at 100 dots per inch: sharp enough to read on screen and small as a black-and-white PDF.
PAGE_SIZE = (827, 1169)
DPI = 100
MARGIN = 80
# A TrueType font with Vietnamese glyphs, when the system has one (Debian's fonts-dejavu-core does).
FONT_FILES = {
    "regular": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ],
    "bold": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ],
}


def ensure_documents(data: dict) -> int:
    """Create the documents of `data` not there yet, with their files; return how many were created.

    A document is known by its number and issuer. Articles are linked to the documents created now only, so
    running the command again changes no article, even one whose links the newsroom has since edited.
    """
    existing = set(Document.objects.values_list("number", "issuer"))
    created = {}
    with transaction.atomic():
        for record in data["documents"]:
            if (record["number"], record["issuer"]) not in existing:
                created[record["number"]] = _create_document(record, note=data["illustration_note"])
        _link_articles(created, data["article_links"])
    return len(created)


def _create_document(record: dict, *, note: str) -> Document:
    kind = DocumentKind.objects.filter(name=record["kind"]).first()
    if kind is None:  # the list of kinds is the newsroom's to edit; a renamed kind comes back for the demo
        kind = DocumentKind.objects.create(name=record["kind"], order=DocumentKind.objects.count() + 1)
    issued_on = date.fromisoformat(record["issued_on"])
    status = record.get("status", Document.Status.PUBLISHED)
    published = status == Document.Status.PUBLISHED
    document = Document.objects.create(
        number=record["number"],
        kind=kind,
        issuer=record["issuer"],
        signer=record.get("signer", ""),
        issued_on=issued_on,
        effective_on=date.fromisoformat(record["effective_on"]) if record.get("effective_on") else None,
        summary=record["summary"],
        status=status,
        published_at=(
            datetime.combine(issued_on + timedelta(days=1), PUBLISHED_AT, tzinfo=VIETNAM)
            if published
            else None
        ),
    )
    names = record.get("files") or [f"{kind.name} {record['number'].replace('/', '-')}.pdf"]
    for order, name in enumerate(names, start=1):
        heading = kind.name if order == 1 else Path(name).stem.split(" kèm theo ")[0]
        pdf = render_pdf(document, heading=heading, place=record.get("place", ""), note=note)
        # Saved through the model, so the demo's files are checked and named exactly as uploads are.
        DocumentFile(document=document, order=order, file=ContentFile(pdf, name=name)).save()
    return document


def _link_articles(created: dict[str, Document], links: list[dict]) -> None:
    for link in links:
        documents = [created[number] for number in link["documents"] if number in created]
        if not documents:
            continue
        articles = Article.objects.published().filter(title__contains=link["title_contains"]).order_by("pk")
        for article in articles[: link["limit"]]:
            article.related_documents.add(*documents)


def render_pdf(document: Document, *, heading: str, place: str, note: str = "") -> bytes:
    """A one-page PDF laid out like a Party document: issuer and number, date, kind, summary, signer."""
    page = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    regular, bold, small = _font("regular", 17), _font("bold", 19), _font("regular", 14)
    width = PAGE_SIZE[0] - 2 * MARGIN
    left_centre, right_centre = MARGIN + width * 0.22, MARGIN + width * 0.72

    header = _font("bold", 16)
    y = 80
    # The issuer's column is under half the page: a long name takes two lines, as on a real document.
    for line in _wrap(draw, _text(document.issuer.upper()), header, width * 0.44):
        _centred(draw, left_centre, y, line, header)
        y += 24
    _centred(draw, left_centre, y + 4, "*", regular)
    _centred(draw, left_centre, y + 30, _text(f"Số {document.number}"), regular)
    _centred(draw, right_centre, 80, _text("ĐẢNG CỘNG SẢN VIỆT NAM"), header)
    draw.line((right_centre - 120, 108, right_centre + 120, 108), fill=0, width=1)
    day = document.issued_on
    dated = f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" if place else ""
    _centred(draw, right_centre, 126, _text(dated), regular)

    y = 240
    _centred(draw, PAGE_SIZE[0] / 2, y, _text(heading.upper()), _font("bold", 28))
    y += 50
    for line in _wrap(draw, _text(document.summary), bold, width):
        _centred(draw, PAGE_SIZE[0] / 2, y, line, bold)
        y += 30
    draw.line((PAGE_SIZE[0] / 2 - 60, y + 8, PAGE_SIZE[0] / 2 + 60, y + 8), fill=0, width=1)

    y += 60
    for line in _wrap(draw, _text(note), small, width):
        draw.text((MARGIN, y), line, font=small, fill=0)
        y += 24

    y = 900
    for line in _wrap(draw, _text(f"T/M {document.issuer.upper()}"), header, width * 0.5):
        _centred(draw, right_centre, y, line, header)
        y += 24
    if document.signer and not document.signer.startswith("T/M"):
        _centred(draw, right_centre, 1020, _text(document.signer), bold)

    buffer = io.BytesIO()
    # Black and white: a text page compresses to a few dozen kilobytes.
    page.convert("1", dither=Image.Dither.NONE).save(buffer, "PDF", resolution=DPI)
    return buffer.getvalue()


def _centred(draw: ImageDraw.ImageDraw, centre_x: float, y: float, text: str, font) -> None:
    draw.text((centre_x - draw.textlength(text, font=font) / 2, y), text, font=font, fill=0)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


@cache
def _font_file(style: str) -> str | None:
    return next((path for path in FONT_FILES[style] if Path(path).is_file()), None)


@cache
def _font(style: str, size: int):
    # A missing bold face is drawn in the regular one rather than in a font without Vietnamese glyphs.
    path = _font_file(style) or _font_file("regular")
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def _text(text: str) -> str:
    """The text as drawn: Vietnamese with a TrueType font, plain ASCII with Pillow's bundled one, which has
    no Vietnamese glyphs (better "Ket luan" than boxes)."""
    if _font_file("regular"):
        return text
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return ascii_text.encode("ascii", "ignore").decode("ascii")
