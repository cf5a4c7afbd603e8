"""The footer names the site once, whatever unit runs it."""

import re
from html import unescape

import pytest

from portal.identity.models import SiteProfile

pytestmark = pytest.mark.django_db


def _footer_words(client):
    page = client.get("/").content.decode()
    footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
    text = unescape(re.sub(r"<[^>]+>", " ", footer))
    return text, text.split()


def _repeated_run(words):
    """The first run of one to four words said twice in a row ("Huyện ủy Huyện ủy"), or None."""
    for size in range(1, 5):
        for start in range(len(words) - 2 * size + 1):
            if words[start : start + size] == words[start + size : start + 2 * size]:
                return " ".join(words[start : start + 2 * size])
    return None


@pytest.mark.parametrize(
    ("unit_name", "tagline"),
    [
        ("Huyện ủy Thanh Hà", "Trang thông tin điện tử Ban Tuyên giáo Huyện ủy"),
        ("Đảng ủy xã An Lạc", "Trang thông tin điện tử Đảng ủy xã"),
        ("Tỉnh ủy Hải Dương", "Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy"),
    ],
)
def test_footer_names_the_site_once_with_no_word_doubled(client, unit_name, tagline):
    SiteProfile.objects.create(unit_name=unit_name, tagline=tagline, footer_text="Ghi rõ nguồn khi đăng lại.")

    text, words = _footer_words(client)

    assert text.count(unit_name) == 1
    assert tagline in text
    assert _repeated_run(words) is None
