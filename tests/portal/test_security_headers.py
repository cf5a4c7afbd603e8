"""The headers that tell browsers what a page may do: the Content-Security-Policy (strict for readers, relaxed
for the admin's styles and, where CKEditor is, its scripts) and the Permissions-Policy, on fresh pages and on
pages served from the page cache alike."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import ArticleFactory, jpeg_file
from tests.policies import directives

pytestmark = pytest.mark.django_db

INLINE = "'unsafe-inline'"
STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": ["/csp-report/"],
}
REFUSED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def test_a_readers_page_has_the_strict_policy(client):
    response = client.get("/")

    assert response.status_code == 200
    assert directives(response) == STRICT


def test_a_page_from_the_page_cache_has_the_same_headers_as_when_it_was_rendered(client):
    article = ArticleFactory()

    rendered = client.get(article.get_absolute_url())
    stored = client.get(article.get_absolute_url())

    assert (rendered["X-Page-Cache"], stored["X-Page-Cache"]) == ("MISS", "HIT")
    assert directives(stored) == directives(rendered) == STRICT
    assert stored["Permissions-Policy"] == rendered["Permissions-Policy"]


def test_a_page_stored_under_another_policy_is_not_served(client, settings):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {**policy["DIRECTIVES"], "img-src": ["'self'", "data:", "https://anh.example.vn"]},
    }

    rendered = client.get(article.get_absolute_url())
    stored = client.get(article.get_absolute_url())

    assert (rendered["X-Page-Cache"], stored["X-Page-Cache"]) == ("MISS", "HIT")
    for response in (rendered, stored):
        assert directives(response)["img-src"] == ["'self'", "data:", "https://anh.example.vn"]


def test_a_page_stored_under_another_permissions_policy_is_not_served(client, settings):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    settings.PERMISSIONS_POLICY = {**settings.PERMISSIONS_POLICY, "fullscreen": []}

    served = client.get(article.get_absolute_url())

    assert served["X-Page-Cache"] == "MISS"
    assert "fullscreen=()" in served["Permissions-Policy"]


def test_a_page_stored_under_another_framing_rule_is_not_served(client, settings):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    settings.X_FRAME_OPTIONS = "SAMEORIGIN"

    served = client.get(article.get_absolute_url())

    assert served["X-Page-Cache"] == "MISS"
    assert served["X-Frame-Options"] == "SAMEORIGIN"


def test_every_page_refuses_the_powerful_browser_features(client, superuser_client):
    for response in (client.get("/"), superuser_client.get("/quan-tri/")):
        refused = dict(rule.split("=", 1) for rule in response["Permissions-Policy"].split(", "))
        assert {feature: refused.get(feature) for feature in REFUSED_FEATURES} == dict.fromkeys(
            REFUSED_FEATURES, "()"
        )


def test_the_admin_allows_inline_styles_but_no_inline_script(superuser_client):
    policy = directives(superuser_client.get("/quan-tri/articles/category/add/"))

    assert policy["style-src"] == ["'self'", INLINE]
    assert policy["script-src"] == ["'self'"]
    assert {name: sources for name, sources in policy.items() if name != "style-src"} == {
        name: sources for name, sources in STRICT.items() if name != "style-src"
    }


def test_the_login_page_allows_no_inline_script(client):
    assert directives(client.get("/quan-tri/login/"))["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    "url",
    ["/quan-tri/articles/article/add/", "/quan-tri/pages/page/add/", "/quan-tri/ckeditor/browse/"],
    ids=["article", "standing page", "editor's file browser"],
)
def test_pages_with_the_editor_allow_its_inline_scripts(superuser_client, url):
    response = superuser_client.get(url)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", INLINE]
    assert policy["style-src"] == ["'self'", INLINE]
    assert (policy["object-src"], policy["frame-ancestors"]) == (["'none'"], ["'none'"])


def test_an_articles_change_page_allows_the_editors_inline_scripts(superuser_client):
    article = ArticleFactory()

    response = superuser_client.get(f"/quan-tri/articles/article/{article.pk}/change/")

    assert 'data-type="ckeditortype"' in response.content.decode()
    assert directives(response)["script-src"] == ["'self'", INLINE]


def test_the_form_upload_reply_may_be_framed_by_the_admin_and_runs_no_inline_script(superuser_client):
    upload = SimpleUploadedFile("anh.jpg", jpeg_file("anh.jpg").read(), content_type="image/jpeg")

    response = superuser_client.post(
        "/quan-tri/ckeditor/upload/?CKEditorFuncNum=1",
        {"upload": upload},
        headers={"Origin": "http://testserver"},
    )

    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert '<script src="/static/js/editor_upload_reply.js" data-callback="1"' in response.content.decode()
