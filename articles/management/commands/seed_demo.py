"""`manage.py seed_demo`: the district portal's demo content, safe to run again and again.

The content itself (categories, the reference article, places, reporters and the stories) lives in
seed_demo_data.json beside this file; this module only turns it into rows and photos.
"""

import argparse
import io
import itertools
import json
import random
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont, ImageOps
from tqdm import tqdm

from articles.documents.demo import ensure_documents
from articles.documents.models import Document
from articles.models import Article, ArticleImage, Category
from articles.pages.demo import ensure_pages
from articles.photos import renditions
from articles.questions.demo import ensure_questions
from articles.sanitize import clean_html
from articles.search.indexing import fill_search_columns
from articles.slugs import FALLBACK_SLUG, slugify_vietnamese
from portal.identity.demo import ensure_identity
from portal.page_cache import bump_content_version

DATA_FILE = Path(__file__).with_name("seed_demo_data.json")
DOCUMENTS_FILE = Path(__file__).with_name("seed_demo_documents.json")
# One seed for every run, so the same day's demo is the same everywhere (screenshots, bug reports).
SEED = 2023
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH_SIZE = 500
# Below this a bar would flash by and only clutter the output.
PROGRESS_MIN_ARTICLES = 500
# The first few generated articles also get a photo gallery, so the gallery layout has something to show.
GALLERY_ARTICLES = 5
DAYS_OF_HISTORY = 730
# Each attempt draws a new story, place and date. The stories offer tens of thousands of distinct titles, so
# even 10,000 articles find a fresh one within a few attempts; the limit only guards against a data file
# with too few combinations, which then gets numbered slugs instead of an endless loop.
TITLE_ATTEMPTS = 50
# Articles published from this hour on report that morning's event, earlier ones the previous afternoon's,
# so the day a lead names is never after the article's own date.
SAME_DAY_FROM_HOUR = 14
QUARTERS = ("I", "II", "III", "IV")

IMAGE_SIZE = (1200, 800)
# Given up front, so creating thousands of articles never opens a photo to measure it.
POOL_COVER_SIZE = {"cover_width": IMAGE_SIZE[0], "cover_height": IMAGE_SIZE[1]}
# Fixed names, unlike the random ones uploads.py gives real photos: a rerun finds the pool instead of
# writing it again, and these public placeholders have nothing to hide.
IMAGE_POOL_NAME = "articles/covers/demo/demo-{number:02d}.jpg"
# One gradient per pooled photo: twelve are enough that a page of cards rarely repeats one side by side.
IMAGE_COLOURS = [
    ((150, 20, 25), (235, 170, 60)),
    ((20, 60, 120), (110, 180, 230)),
    ((25, 95, 60), (170, 215, 120)),
    ((90, 40, 110), (225, 150, 190)),
    ((120, 70, 20), (240, 210, 140)),
    ((10, 90, 100), (150, 225, 210)),
    ((60, 60, 70), (200, 200, 210)),
    ((170, 60, 20), (250, 200, 120)),
    ((30, 40, 90), (200, 120, 120)),
    ((70, 100, 20), (230, 230, 140)),
    ((110, 20, 60), (245, 160, 140)),
    ((20, 80, 140), (240, 240, 200)),
]


@dataclass(frozen=True)
class Story:
    """One news story: title, lead, paragraphs and photos written together, with {slots} filled alike.

    `key` is a phrase every part of the story mentions, which the tests hold the data file to.
    """

    key: str
    category: str
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    photos: tuple[tuple[str, str], ...]
    # The months the event can happen in (a harvest, Tết, a call-up); empty for any month.
    months: tuple[int, ...] = ()
    # Slot name -> [lowest, highest] whole number, drawn once per article.
    figures: dict = field(default_factory=dict)
    # Slot name -> the values one is drawn from, once per article.
    choices: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoData:
    categories: list[dict]
    reference_article: dict
    places: list[str]
    villages: list[str]
    reporters: list[str]
    stories: tuple[Story, ...]


@cache
def load_demo_data() -> DemoData:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    raw.pop("about", None)  # notes for whoever edits the file
    stories = tuple(
        Story(
            **{
                **record,
                "paragraphs": tuple(record["paragraphs"]),
                "photos": tuple(tuple(photo) for photo in record["photos"]),
                "months": tuple(record.get("months", ())),
            }
        )
        for record in raw.pop("stories")
    )
    return DemoData(**raw, stories=stories)


@dataclass
class DemoArticle:
    article: Article
    gallery: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A demo category and the newsroom departments that sign its articles."""

    category: Category
    departments: tuple[str, ...]


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


class _UnterminatedWriter:
    """tqdm redraws its bar with carriage returns; OutputWrapper would end every redraw with a newline."""

    def __init__(self, output):
        self._output = output

    def write(self, text):
        # Nor should the bar take on the error colour OutputWrapper gives everything on stderr.
        self._output.write(text, style_func=lambda plain: plain, ending="")

    def flush(self):
        self._output.flush()


class Command(BaseCommand):
    help = (
        "Fill the database with the district portal's demo content: two levels of categories, the "
        "reference article the portal was designed from, generated news articles (each one coherent story, "
        "with a title no other article has) sharing a small pool of generated cover images, and a staff "
        "superuser for the newsroom, and the committee's documents (resolutions, directives, plans, "
        "reports) with generated PDF files, linked to the articles about them. The content comes from "
        "seed_demo_data.json and seed_demo_documents.json beside the command. Safe to "
        "rerun: only what is missing is created, and existing articles, view counts and passwords are never "
        "changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=_non_negative,
            default=60,
            metavar="N",
            help="Make sure at least N articles exist in total, creating only the missing ones (default 60).",
        )
        parser.add_argument(
            "--username",
            default="bientap",
            help="Username of the newsroom staff superuser (default: bientap).",
        )

    def handle(self, *args, articles, username, **options):
        data = load_demo_data()
        pool = ensure_image_pool()
        with transaction.atomic():
            sections, categories_created = ensure_categories(data)
            articles_created = int(ensure_reference_article(data, sections, pool))
            created, numbered = self._top_up_articles(articles, data, sections, pool)
            articles_created += created
        documents_created = ensure_documents(json.loads(DOCUMENTS_FILE.read_text(encoding="utf-8")))
        # The unit first: the pages and the answers name it.
        for line in (ensure_identity(), ensure_pages(), ensure_questions()):
            self.stdout.write(line)
        # bulk_create sends no signal: pages cached before the demo was added must go.
        bump_content_version()
        self._ensure_staff_user(username)
        self.stdout.write(sign_in_note())
        self.stdout.write(
            f"Categories: {Category.objects.count()} in total, {categories_created} created now."
        )
        self.stdout.write(f"Articles: {Article.objects.count()} in total, {articles_created} created now.")
        self.stdout.write(f"Documents: {Document.objects.count()} in total, {documents_created} created now.")
        if numbered:
            self.stdout.write(
                self.style.WARNING(
                    f"{numbered} of them repeat an earlier title (the stories ran out of combinations), "
                    "so their links end in a number."
                )
            )

    def _top_up_articles(self, wanted, data, sections, pool) -> tuple[int, int]:
        missing = max(0, wanted - Article.objects.count())
        if not missing:
            return 0, 0
        # Numbered from the articles already there, so a top-up continues where the last run stopped and a
        # fresh database always gets the same articles in the same order.
        first_index = Article.objects.count()
        writer = StoryWriter(
            data,
            sections,
            pool,
            today=timezone.localdate(timezone=VIETNAM),
            titles=set(Article.objects.values_list("title", flat=True).iterator()),
            slugs=set(Article.objects.values_list("slug", flat=True).iterator()),
        )
        indexes = range(first_index, first_index + missing)
        quiet = missing < PROGRESS_MIN_ARTICLES or not self.stderr.isatty()
        with tqdm(total=missing, unit="article", file=_UnterminatedWriter(self.stderr), disable=quiet) as bar:
            for batch in _batches(indexes, BATCH_SIZE):
                stories = [writer.article(index) for index in batch]
                # SQLite and PostgreSQL (the portal's databases) return the new keys the galleries need.
                Article.objects.bulk_create([story.article for story in stories], batch_size=BATCH_SIZE)
                add_galleries(stories)
                bar.update(len(batch))
        return missing, writer.numbered

    def _ensure_staff_user(self, username):
        password = ensure_staff_user(username)
        if password is None:
            self.stdout.write(
                f'User "{username}" already exists; its password was not changed '
                f"(set a new one with: manage.py changepassword {username})."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f'Created staff superuser "{username}" with password: {password}')
        )
        self.stdout.write(self.style.WARNING("Note it now: it is stored only as a hash and not shown again."))


def sign_in_note() -> str:
    """How staff sign in at /quan-tri/: it depends on two-step sign-in (accounts/two_factor.py)."""
    if settings.REQUIRE_2FA:
        return (
            "Sign in at /quan-tri/. Two-step sign-in is on (REQUIRE_2FA): after the password, the admin "
            "shows a QR code to scan with an authenticator app (Google Authenticator, Aegis, FreeOTP...), "
            "asks for a code from it, then shows recovery codes once; later sign-ins ask for the app's "
            "current code."
        )
    return (
        "Sign in at /quan-tri/ with the password alone: two-step sign-in is off (REQUIRE_2FA off, the "
        "default while DEBUG is on). With it on, as in production, superusers, administrators and "
        "approvers enrol an authenticator app at their first sign-in."
    )


def ensure_image_pool() -> list[str]:
    """Stored names of the shared placeholder photos, drawn and saved only if missing."""
    storage = Article._meta.get_field("cover_image").storage
    names = []
    for number, colours in enumerate(IMAGE_COLOURS, start=1):
        name = IMAGE_POOL_NAME.format(number=number)
        if not storage.exists(name):
            name = storage.save(name, ContentFile(render_placeholder_jpeg(number, *colours)))
            renditions.generate_for_stored(name)
        names.append(name)
    return names


def render_placeholder_jpeg(number: int, top: tuple, bottom: tuple) -> bytes:
    rng = random.Random(f"{SEED}-image-{number}")
    width, height = IMAGE_SIZE
    background = ImageOps.colorize(Image.linear_gradient("L").resize(IMAGE_SIZE), black=top, white=bottom)
    overlay = Image.new("RGBA", IMAGE_SIZE)
    draw = ImageDraw.Draw(overlay)
    for _ in range(7):
        x, y, radius = rng.randrange(width), rng.randrange(height), rng.randint(60, 280)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, rng.randint(25, 70))
        )
    draw.rectangle((0, height - 140, width, height), fill=(0, 0, 0, 110))
    # The bundled font lacks Vietnamese diacritics, so the label stays ASCII.
    font = ImageFont.load_default(size=64)
    draw.text((60, height - 108), f"DEMO {number:02d}", font=font, fill=(255, 255, 255, 235))
    buffer = io.BytesIO()
    Image.alpha_composite(background.convert("RGBA"), overlay).convert("RGB").save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def ensure_categories(data: DemoData) -> tuple[dict[str, Section], int]:
    """Every demo category by name, with the departments that write for it, and how many were missing."""
    sections, created_count = {}, 0
    for order, entry in enumerate(data.categories, start=1):
        departments = tuple(entry["departments"])
        parent, created = Category.objects.get_or_create(
            name=entry["name"], parent=None, defaults={"order": order}
        )
        sections[parent.name] = Section(parent, departments)
        created_count += created
        for sub_order, sub_name in enumerate(entry["children"], start=1):
            child, created = Category.objects.get_or_create(
                name=sub_name, parent=parent, defaults={"order": sub_order}
            )
            sections[child.name] = Section(child, departments)
            created_count += created
    return sections, created_count


def ensure_reference_article(data: DemoData, sections: dict[str, Section], pool) -> bool:
    """The article the portal was designed from; created once, then left to the newsroom."""
    reference = data.reference_article
    if Article.objects.filter(title=reference["title"]).exists():
        return False
    caption, alt = reference["cover"]
    article = Article.objects.create(
        title=reference["title"],
        category=sections[reference["category"]].category,
        lead=reference["lead"],
        body=_paragraphs_html(reference["paragraphs"]),
        cover_image=pool[0],
        **POOL_COVER_SIZE,
        cover_caption=caption,
        cover_alt=alt,
        byline=reference["byline"],
        status=Article.Status.PUBLISHED,
        published_at=datetime.fromisoformat(reference["published_at"]).replace(tzinfo=VIETNAM),
        view_count=reference["view_count"],
    )
    gallery = [
        (name, caption, alt) for name, (caption, alt) in zip(pool[1:4], reference["gallery"], strict=True)
    ]
    add_galleries([DemoArticle(article, gallery)])
    return True


class StoryWriter:
    """Writes demo article number `index`: the same on every run of the same day against the same database."""

    def __init__(self, data: DemoData, sections, pool, *, today: date, titles: set[str], slugs: set[str]):
        self.data = data
        self.sections = sections
        self.pool = pool
        self.titles = titles
        self.slugs = slugs
        self.numbered = 0
        # Events from two days back, so a report published the morning after is still in the past.
        self._history = [today - timedelta(days=days) for days in range(2, DAYS_OF_HISTORY + 2)]
        self._days_by_months: dict[tuple[int, ...], list[date]] = {}

    def article(self, index: int) -> DemoArticle:
        rng = random.Random(f"{SEED}-{index}")
        for _ in range(TITLE_ATTEMPTS):
            story = rng.choice(self.data.stories)
            event, published_at = self._dates(rng, story)
            values = story_values(rng, story, event, published_at, self.data)
            title = fill(story.title, values)
            slug = slugify_vietnamese(title, max_length=Article.SLUG_MAX_LENGTH) or FALLBACK_SLUG
            if title not in self.titles and slug not in self.slugs:
                break
        else:
            slug = self._numbered_slug(slug)
        self.titles.add(title)
        self.slugs.add(slug)

        section = self.sections[story.category]
        status = _pick_status(rng)
        cover_caption, cover_alt = (fill(text, values) for text in story.photos[0])
        article = Article(
            title=title,
            # bulk_create skips Article.save(), which would otherwise pick the slug.
            slug=slug,
            category=section.category,
            lead=fill(story.lead, values),
            body=_paragraphs_html([fill(text, values) for text in story.paragraphs]),
            cover_image=rng.choice(self.pool),
            **POOL_COVER_SIZE,
            cover_caption=cover_caption,
            cover_alt=cover_alt,
            byline=self._byline(rng, section),
            status=status,
            published_at=published_at if status == Article.Status.PUBLISHED else None,
            is_featured=status == Article.Status.PUBLISHED and rng.random() < 0.08,
            view_count=_view_count(rng),
        )
        # bulk_create skips Article.save(), which would otherwise fill the columns search reads.
        fill_search_columns(article)
        gallery = []
        if index <= GALLERY_ARTICLES:
            gallery = [
                (rng.choice(self.pool), fill(caption, values), fill(alt, values))
                for caption, alt in story.photos[1:]
            ]
        return DemoArticle(article, gallery)

    def _dates(self, rng: random.Random, story: Story) -> tuple[date, datetime]:
        """The day of the event and the moment its report was published.

        Relative to today, never later, so the demo always looks current and every article is already
        public; within the story's season, so a harvest is never reported in winter.
        """
        event = rng.choice(self._days_in(story.months))
        hour = rng.randint(6, 21)
        day = event if hour >= SAME_DAY_FROM_HOUR else event + timedelta(days=1)
        return event, datetime.combine(day, time(hour, rng.choice((0, 15, 30, 45))), tzinfo=VIETNAM)

    def _days_in(self, months: tuple[int, ...]) -> list[date]:
        if not months:
            return self._history
        if months not in self._days_by_months:
            self._days_by_months[months] = [day for day in self._history if day.month in months]
        return self._days_by_months[months]

    def _numbered_slug(self, slug: str) -> str:
        self.numbered += 1
        for number in itertools.count(2):
            suffix = f"-{number}"
            candidate = slug[: Article.SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
            if candidate not in self.slugs:
                return candidate

    def _byline(self, rng: random.Random, section: Section) -> str:
        byline = f"{rng.choice(self.data.reporters)} - {rng.choice(section.departments)}"
        return f"{byline} (tổng hợp)" if rng.random() < 0.25 else byline


def story_values(
    rng: random.Random, story: Story, event: date, published_at: datetime, data: DemoData
) -> dict:
    """What a story's {slots} stand for in one article: one place, one date, one set of figures throughout."""
    same_day = published_at.date() == event
    place, place2 = rng.sample(data.places, 2)
    village, village2 = rng.sample(data.villages, 2)
    # A year-end review held in December or January looks back on the year that is ending or just ended.
    closing_year = event.year if event.month >= 10 else event.year - 1
    school_year_start = event.year if event.month >= 8 else event.year - 1
    quarter = (event.month - 1) // 3
    past_quarter_year = event.year if quarter else event.year - 1
    past_month = event.replace(day=1) - timedelta(days=1)
    day = f"{event.day}/{event.month}"
    evening = published_at.date() - timedelta(days=1)
    values = {
        "place": place,
        "place2": place2,
        "village": village,
        "village2": village2,
        "date": day,
        "when": f"{'sáng' if same_day else 'chiều'} {day}",
        # An evening event is reported the next day at the earliest.
        "evening": f"tối {evening.day}/{evening.month}",
        "month": event.month,
        "year": event.year,
        "next_year": event.year + 1,
        "closing_year": closing_year,
        "coming_year": closing_year + 1,
        "school_year": f"{school_year_start} - {school_year_start + 1}",
        "past_quarter": f"{QUARTERS[quarter - 1]}/{past_quarter_year}",
        "past_month": f"{past_month.month}/{past_month.year}",
    }
    for name, (low, high) in story.figures.items():
        values[name] = _vietnamese_number(rng.randint(low, high))
    for name, options in story.choices.items():
        values[name] = rng.choice(options)
    return values


def fill(template: str, values: dict) -> str:
    text = template.format_map(values)
    # Templates may open with a place ("xã Thanh Hải") or a time ("sáng 18/5"), which start a sentence.
    return text[:1].upper() + text[1:]


def _vietnamese_number(number: int) -> str:
    # Vietnamese groups thousands with a dot: 1.250 cán bộ.
    return f"{number:,}".replace(",", ".")


def add_galleries(stories: list[DemoArticle]):
    ArticleImage.objects.bulk_create(
        ArticleImage(
            article=story.article,
            image=name,
            width=IMAGE_SIZE[0],
            height=IMAGE_SIZE[1],
            caption=caption,
            alt_text=alt,
            order=order,
        )
        for story in stories
        for order, (name, caption, alt) in enumerate(story.gallery, start=1)
    )


def _paragraphs_html(paragraphs: list[str]) -> str:
    # bulk_create skips the sanitizer in Article.save(); running it here stores exactly what a save would.
    return clean_html("".join(f"<p>{escape(text)}</p>" for text in paragraphs))


def _pick_status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return Article.Status.DRAFT
    if roll < 0.08:
        return Article.Status.PENDING
    return Article.Status.PUBLISHED


def _view_count(rng: random.Random) -> int:
    # Most news is read a few dozen times and a handful of stories far more, as on a real portal.
    return min(int(rng.paretovariate(1.3) * 40), 25_000)


def _batches(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def ensure_staff_user(username: str) -> str | None:
    """The new user's password, or None when the user already exists (its password is left alone)."""
    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model._default_manager.create_superuser(username=username, email="", password=password)
    return password
