import ast
import json
import random
import re
from datetime import date, datetime, time, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags

from articles.management.commands import seed_demo
from articles.models import Article, ArticleImage, Category
from articles.sanitize import clean_html
from articles.slugs import slugify_vietnamese

pytestmark = pytest.mark.django_db

REFERENCE_TITLE = "Kết quả 02 năm triển khai thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"


def seed(*args):
    stdout = StringIO()
    call_command("seed_demo", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def snapshot():
    return (
        Category.objects.count(),
        Article.objects.count(),
        ArticleImage.objects.count(),
        get_user_model().objects.count(),
        sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*")),
    )


def test_creates_two_levels_of_categories():
    seed("--articles", "5")

    party_building = Category.objects.get(name="Xây dựng Đảng", parent=None)
    assert set(party_building.children.values_list("name", flat=True)) == {
        "Công tác tổ chức",
        "Công tác kiểm tra",
    }
    news = Category.objects.get(name="Tin tức - Sự kiện", parent=None)
    assert set(news.children.values_list("name", flat=True)) >= {"Tin trong huyện", "Tin trong tỉnh"}
    assert Category.objects.get(name="Chỉ đạo của Huyện ủy").slug == "chi-dao-cua-huyen-uy"
    assert not Category.objects.filter(parent__parent__isnull=False).exists()


def test_creates_the_reference_article_exactly():
    seed("--articles", "5")

    article = Article.objects.get(title=REFERENCE_TITLE)
    assert article.category.name == "Chỉ đạo của Huyện ủy"
    assert article.category.parent is None
    assert article.status == Article.Status.PUBLISHED
    assert timezone.localtime(article.published_at).replace(tzinfo=None) == datetime(2023, 5, 18, 19, 30)
    assert article.view_count == 227
    assert article.byline == "Hoàng Thị Thu Thủy - Tuyên giáo (tổng hợp)"
    assert article.cover_caption == "Hội nghị học tập chuyên đề năm 2023"
    assert article.cover_alt
    assert article.cover_image.storage.exists(article.cover_image.name)
    assert article.slug.startswith("ket-qua-02-nam-trien-khai-thuc-hien-ket-luan-so-01")
    assert article.lead
    assert article.body.count("<p>") >= 3
    assert article.images.count() >= 2
    assert all(image.caption and image.alt_text for image in article.images.all())


def test_running_twice_creates_nothing_and_keeps_the_view_count():
    seed("--articles", "12")
    Article.objects.filter(title=REFERENCE_TITLE).update(view_count=5000)
    before = snapshot()

    output = seed("--articles", "12")

    assert snapshot() == before
    assert Article.objects.get(title=REFERENCE_TITLE).view_count == 5000
    assert "0 created now" in output


def test_a_larger_count_later_adds_only_the_missing_articles():
    seed("--articles", "30")
    first_slugs = set(Article.objects.values_list("slug", flat=True))
    assert len(first_slugs) >= 30

    seed("--articles", "40")

    slugs = set(Article.objects.values_list("slug", flat=True))
    assert len(slugs) >= 40
    assert first_slugs <= slugs
    assert Article.objects.filter(title=REFERENCE_TITLE).count() == 1


def test_a_fresh_database_gets_the_same_demo():
    seed("--articles", "15")
    first = list(Article.objects.order_by("slug").values_list("slug", "title", "category__name", "status"))
    Article.objects.all().delete()

    seed("--articles", "15")

    assert (
        list(Article.objects.order_by("slug").values_list("slug", "title", "category__name", "status"))
        == first
    )


def test_generated_articles_are_complete_and_already_clean():
    seed("--articles", "40")

    generated = Article.objects.exclude(title=REFERENCE_TITLE)
    for article in generated:
        assert len(article.slug) <= Article.SLUG_MAX_LENGTH
        assert article.body == clean_html(article.body)
        assert 3 <= article.body.count("<p>") <= 6
        assert article.lead and " - " in article.byline
        assert article.cover_image and article.cover_caption and article.cover_alt
    assert generated.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now()).count() >= 30
    # Covers come from a shared pool, not one file per article.
    assert generated.values("cover_image").distinct().count() <= 12
    assert generated.values("category").distinct().count() > 5


def test_creates_a_staff_user_whose_printed_password_works():
    output = seed("--articles", "1")

    password = re.search(r'superuser "bientap" with password: (\S+)', output).group(1)
    user = get_user_model().objects.get(username="bientap")
    assert user.is_staff and user.is_superuser
    assert user.check_password(password)


def test_rerun_leaves_the_existing_users_password_alone():
    first = seed("--articles", "1", "--username", "toasoan")
    password = re.search(r"password: (\S+)", first).group(1)

    second = seed("--articles", "1", "--username", "toasoan")

    assert "already exists" in second and "changepassword toasoan" in second
    assert password not in second
    assert get_user_model().objects.get(username="toasoan").check_password(password)


def test_the_seeded_portal_renders(client):
    seed("--articles", "20")

    assert client.get("/").status_code == 200
    reference = Article.objects.get(title=REFERENCE_TITLE)
    page = client.get(reference.get_absolute_url())
    assert page.status_code == 200
    assert "Hội nghị học tập chuyên đề năm 2023" in page.content.decode()


# Demo stories: each article one coherent piece, every title its own.

DEMO = seed_demo.load_demo_data()
NUMBER_SUFFIX = re.compile(r"-\d+$")


def _communes(text):
    return {place for place in DEMO.places if place.casefold() in text.casefold()}


def _written(story, sample):
    """One article's parts as the command writes them, for the sample-th draw of the story's slots."""
    rng = random.Random(f"test-{sample}")
    month = story.months[sample % len(story.months)] if story.months else sample % 12 + 1
    event = date(2025, month, 1 + sample % 28)
    hour = 6 + sample % 16
    published_day = event if hour >= seed_demo.SAME_DAY_FROM_HOUR else event + timedelta(days=1)
    published_at = datetime.combine(published_day, time(hour), tzinfo=seed_demo.VIETNAM)
    values = seed_demo.story_values(rng, story, event, published_at, DEMO)
    return {
        "title": seed_demo.fill(story.title, values),
        "lead": seed_demo.fill(story.lead, values),
        "body": " ".join(seed_demo.fill(text, values) for text in story.paragraphs),
        "cover_caption": seed_demo.fill(story.photos[0][0], values),
        "captions": [seed_demo.fill(text, values) for photo in story.photos for text in photo],
    }


def _key_phrases_in(title, lead, body, cover_caption):
    """The stories' key phrases that all four parts of one article mention."""
    parts = [text.casefold() for text in (title, lead, body, cover_caption)]
    return {story.key for story in DEMO.stories if all(story.key.casefold() in part for part in parts)}


every_story = pytest.mark.parametrize("story", DEMO.stories, ids=[story.key for story in DEMO.stories])


@every_story
def test_title_lead_body_and_cover_caption_of_a_story_share_its_key_phrase(story):
    for sample in range(12):
        written = _written(story, sample)
        for part in ("title", "lead", "body", "cover_caption"):
            assert story.key.casefold() in written[part].casefold(), (part, written[part])


@every_story
def test_a_story_names_the_same_communes_in_its_title_lead_and_body(story):
    for sample in range(12):
        written = _written(story, sample)
        communes = _communes(written["title"])
        assert _communes(written["lead"]) == communes, written["lead"]
        assert _communes(written["body"]) == communes, written["body"]
        for caption in written["captions"]:
            assert _communes(caption) <= communes, caption


@every_story
def test_a_story_title_never_ends_in_a_number(story):
    # A slug ending in "-<digits>" is what a clash leaves behind, so no title may end that way by itself.
    for sample in range(40):
        slug = slugify_vietnamese(_written(story, sample)["title"], max_length=Article.SLUG_MAX_LENGTH)
        assert not NUMBER_SUFFIX.search(slug), slug


def test_every_story_is_complete_and_every_category_has_stories():
    category_names = {entry["name"] for entry in DEMO.categories} | {
        child for entry in DEMO.categories for child in entry["children"]
    }
    assert {story.category for story in DEMO.stories} == category_names
    for story in DEMO.stories:
        assert 3 <= len(story.paragraphs) <= 5, story.key
        # The cover and, for the first articles, a gallery of the other two.
        assert len(story.photos) == 3 and all(caption and alt for caption, alt in story.photos), story.key
        assert set(story.months) <= set(range(1, 13)), story.key
    assert len({story.key for story in DEMO.stories}) == len(DEMO.stories)


def test_each_generated_article_tells_one_story():
    seed()

    generated = Article.objects.exclude(title=REFERENCE_TITLE)
    assert generated.count() == 59
    for article in generated:
        body = strip_tags(article.body)
        assert _key_phrases_in(article.title, article.lead, body, article.cover_caption), article.title
        communes = _communes(article.title)
        assert _communes(article.lead) == communes, (article.title, article.lead)
        assert _communes(body) == communes, (article.title, body)
        assert _communes(article.cover_caption) <= communes, (article.title, article.cover_caption)


def test_the_default_run_gives_every_article_its_own_title_and_a_clean_slug():
    output = seed()

    titles = list(Article.objects.values_list("title", flat=True))
    assert len(titles) == 60 and len(set(titles)) == 60
    numbered = [slug for slug in Article.objects.values_list("slug", flat=True) if NUMBER_SUFFIX.search(slug)]
    assert numbered == []
    assert "repeat an earlier title" not in output


def test_a_top_up_never_repeats_a_title_already_there():
    seed("--articles", "30")
    first = set(Article.objects.values_list("title", flat=True))

    seed("--articles", "200")

    titles = list(Article.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles)) == 200
    assert first <= set(titles)
    assert not any(NUMBER_SUFFIX.search(slug) for slug in Article.objects.values_list("slug", flat=True))


def test_the_command_is_logic_and_the_prose_lives_in_the_data_file():
    assert seed_demo.DATA_FILE.parent == Path(seed_demo.__file__).parent
    assert json.loads(seed_demo.DATA_FILE.read_text(encoding="utf-8"))["stories"]
    tree = ast.parse(Path(seed_demo.__file__).read_text(encoding="utf-8"))
    vietnamese = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(not char.isascii() and char.isalpha() for char in node.value)
    ]
    # A few words (times of day, "tổng hợp") are glue; a sentence of Vietnamese would be content.
    assert all(len(text) <= 40 for text in vietnamese), vietnamese
    assert sum(map(len, vietnamese)) <= 120, vietnamese
    long_literals = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 120
    ]
    # Only the English --help text and docstrings may run long.
    assert all(text.isascii() for text in long_literals), long_literals
