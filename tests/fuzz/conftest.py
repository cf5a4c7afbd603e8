import pytest

from articles.models import Article
from tests.documents.factories import DocumentFileFactory
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory
from tests.questions.factories import QuestionFactory, waiting

from .probe import TALLY


@pytest.fixture
def published_site(db):
    """A little of everything readers reach, so that fuzzed addresses also land on real pages."""
    news = CategoryFactory(name="Xây dựng Đảng")
    local = CategoryFactory(name="Tin cơ sở", parent=news)
    article = ArticleFactory(category=local, title="Đảng bộ xã Thanh Hải hoàn thành 100% chỉ tiêu")
    ArticleImageFactory(article=article)
    ArticleFactory(category=news, is_featured=True)
    ArticleFactory(category=news, status=Article.Status.DRAFT, published_at=None)
    DocumentFileFactory()
    QuestionFactory()
    waiting()


def pytest_terminal_summary(terminalreporter):
    if not TALLY:
        return
    terminalreporter.section("fuzz: requests sent, by test, method and status")
    for test in sorted({test for test, _, _ in TALLY}):
        counts = {(method, status): n for (name, method, status), n in TALLY.items() if name == test}
        detail = ", ".join(f"{method} {status}×{n}" for (method, status), n in sorted(counts.items()))
        terminalreporter.write_line(f"{test}: {sum(counts.values())} requests ({detail})")
