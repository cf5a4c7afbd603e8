"""Every public page is ready for its strict Content-Security-Policy: no inline script or style of any kind.

The policy (portal/headers.py) has no 'unsafe-inline': an inline <script>, an on…= handler, a style attribute
or a <style> block would simply stop working. The JSON-LD block is data, which no policy executes, so it may
stay inline.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from articles.pages.models import Page
from articles.questions.models import Question, Topic
from tests.documents.factories import DocumentFactory, DocumentFileFactory
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, jpeg_file
from tests.policies import directives

pytestmark = pytest.mark.django_db

DATA_SCRIPT_TYPES = {"application/ld+json"}


class InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.problems.append(f"line {line}: inline <script>")
        if tag == "style":
            self.problems.append(f"line {line}: <style> block")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"line {line}: <{tag} style=…>")
            if value and value.strip().lower().replace(" ", "").startswith("javascript:"):
                self.problems.append(f"line {line}: <{tag} {name}=javascript:…>")

    handle_startendtag = handle_starttag


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


@pytest.fixture
def site():
    """One of everything a reader can open."""
    party = CategoryFactory(name="Xây dựng Đảng")
    CategoryFactory(name="Công tác kiểm tra", parent=party)
    article = ArticleFactory(
        title="Hội nghị Ban Chấp hành Đảng bộ huyện",
        category=party,
        is_featured=True,
        cover_image=jpeg_file("hoi-nghi.jpg", size=(800, 533)),
        cover_caption="Quang cảnh hội nghị",
    )
    ArticleFactory.create_batch(3, category=party, is_featured=True)
    with_gallery = ArticleFactory(title="Ngày hội Đại đoàn kết toàn dân tộc", category=party)
    ArticleImageFactory.create_batch(2, article=with_gallery)
    document = DocumentFactory()
    DocumentFileFactory(document=document)
    topic, _ = Topic.objects.get_or_create(name="Xây dựng Đảng")
    question = Question.objects.create(
        asker_name="Nguyễn Văn Bình",
        asker_email="binh@example.com",
        topic=topic,
        title="Thủ tục chuyển sinh hoạt đảng",
        question="Xin hỏi thủ tục chuyển sinh hoạt đảng tạm thời gồm những giấy tờ gì?",
        answer="<p>Đảng viên cần giấy giới thiệu sinh hoạt đảng tạm thời.</p>",
        status=Question.Status.PUBLISHED,
        answered_at=timezone.now(),
        published_at=timezone.now(),
    )
    return {
        "category": party,
        "article": article,
        "gallery": with_gallery,
        "document": document,
        "question": question,
    }


def public_pages(site):
    about = Page.objects.get(slug="gioi-thieu", parent=None)
    about_child = Page.objects.filter(parent=about).first()
    return {
        "home": "/",
        "category": site["category"].get_absolute_url(),
        "article": site["article"].get_absolute_url(),
        "article with gallery": site["gallery"].get_absolute_url(),
        "search results": "/tim-kiem/?q=hoi+nghi",
        "search documents": "/tim-kiem/?q=nghi+quyet&loai=van-ban",
        "search without results": "/tim-kiem/?q=khongcogica",
        "search form": "/tim-kiem/",
        "document list": "/van-ban/",
        "document detail": site["document"].get_absolute_url(),
        "feeds page": "/lien-ket-rss/",
        "about": about.get_absolute_url(),
        "about sub-page": about_child.get_absolute_url(),
        "contact": "/lien-he/",
        "English page": "/en/",
        "site map": "/so-do-cong/",
        "questions": "/hoi-dap/",
        "questions search": "/hoi-dap/?q=sinh+hoat",
        "question": site["question"].get_absolute_url(),
        "ask form": "/hoi-dap/dat-cau-hoi/",
        "404": "/khong-co-trang-nay/",
    }


def test_every_public_page_is_free_of_inline_code(client, site):
    found = {}
    for name, url in public_pages(site).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), f"{name} ({url})"
        problems = inline_code(response.content.decode())
        if problems:
            found[f"{name} ({url})"] = problems
    assert not found, f"inline code on public pages: {found}"


def test_every_public_page_gets_the_policy_that_forbids_inline_code(client, site):
    lax = {}
    for name, url in public_pages(site).items():
        policy = directives(client.get(url))
        if policy.get("script-src") != ["'self'"] or policy.get("style-src") != ["'self'"]:
            lax[f"{name} ({url})"] = policy
    assert not lax, f"public pages without the strict policy: {lax}"


def test_the_ask_form_with_errors_is_free_of_inline_code(client, site):
    response = client.post("/hoi-dap/dat-cau-hoi/", {"asker_name": "", "question": "ngắn"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize(
    ("make_request", "status"),
    [
        (lambda: Client().get("/", headers={"host": "evil.example"}), 400),
        (lambda: Client(enforce_csrf_checks=True).post("/"), 403),
        (lambda: Client().put("/"), 405),
    ],
    ids=["400", "403-csrf", "405"],
)
def test_error_pages_are_free_of_inline_code(site, make_request, status):
    response = make_request()

    assert response.status_code == status
    assert inline_code(response.content.decode()) == []


@pytest.mark.urls("tests.portal.error_urls")
@pytest.mark.parametrize(("url", "status"), [("/loi/403/", 403), ("/loi/500/", 500)])
def test_refusals_and_server_errors_are_free_of_inline_code(url, status):
    response = Client(raise_request_exception=False).get(url)

    assert response.status_code == status
    assert inline_code(response.content.decode()) == []


def test_the_finder_catches_every_kind_of_inline_code():
    page = """
        <script>alert(1)</script><script src="/static/js/site.js"></script>
        <script type="application/ld+json">{"@context": "https://schema.org"}</script>
        <style>p { color: red }</style><p style="color: red">x</p><img src="x.png" alt="" onerror="alert(1)">
        <a href=" JavaScript:alert(1)">x</a>
    """

    assert [problem.split(": ", 1)[1] for problem in inline_code(page)] == [
        "inline <script>",
        "<style> block",
        "<p style=…>",
        "<img onerror=…>",
        "<a href=javascript:…>",
    ]
