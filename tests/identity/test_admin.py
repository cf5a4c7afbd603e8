"""Only administrators (and superusers) edit the profile, the menu and the agency links; one profile."""

import pytest

from portal.identity.models import SiteProfile

from .profiles import WARD, profile_form

pytestmark = pytest.mark.django_db

IDENTITY_PAGES = [
    "/quan-tri/identity/siteprofile/",
    "/quan-tri/identity/siteprofile/add/",
    "/quan-tri/identity/menuitem/",
    "/quan-tri/identity/menuitem/add/",
    "/quan-tri/identity/agencylink/",
    "/quan-tri/identity/agencylink/add/",
]


@pytest.mark.parametrize("role", ["contributor", "editor", "approver"])
@pytest.mark.parametrize("url", IDENTITY_PAGES)
def test_other_roles_are_refused(client, request, role, url):
    client.force_login(request.getfixturevalue(role))

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["contributor", "editor", "approver"])
def test_other_roles_cannot_change_the_profile(client, request, role, ward_profile):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        f"/quan-tri/identity/siteprofile/{ward_profile.pk}/change/",
        profile_form(ward_profile, unit_name="Đơn vị khác"),
    )

    assert response.status_code == 403
    ward_profile.refresh_from_db()
    assert ward_profile.unit_name == WARD["unit_name"]


@pytest.mark.parametrize("role", ["administrator", "superuser"])
@pytest.mark.parametrize("url", ["/quan-tri/identity/menuitem/", "/quan-tri/identity/agencylink/"])
def test_administrators_manage_the_menu_and_links(client, request, role, url):
    client.force_login(request.getfixturevalue(role))

    assert client.get(url).status_code == 200
    assert client.get(f"{url}add/").status_code == 200


def test_the_admin_index_shows_the_identity_to_administrators_only(client, administrator, editor):
    client.force_login(administrator)
    assert "/quan-tri/identity/siteprofile/" in client.get("/quan-tri/").content.decode()

    client.force_login(editor)
    assert "/quan-tri/identity/" not in client.get("/quan-tri/").content.decode()


def test_without_a_profile_its_list_opens_the_add_form(client, administrator):
    client.force_login(administrator)

    response = client.get("/quan-tri/identity/siteprofile/")

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/identity/siteprofile/add/"


def test_with_a_profile_its_list_opens_its_form(client, administrator, ward_profile):
    client.force_login(administrator)

    response = client.get("/quan-tri/identity/siteprofile/")

    assert response.status_code == 302
    assert response["Location"] == f"/quan-tri/identity/siteprofile/{ward_profile.pk}/change/"


def test_an_administrator_adds_the_profile_once(client, administrator):
    client.force_login(administrator)

    response = client.post("/quan-tri/identity/siteprofile/add/", profile_form(**WARD))

    assert response.status_code == 302
    assert SiteProfile.objects.get().unit_name == WARD["unit_name"]
    assert client.get("/quan-tri/identity/siteprofile/add/").status_code == 403
    client.post("/quan-tri/identity/siteprofile/add/", profile_form(**{**WARD, "unit_name": "Thứ hai"}))
    assert SiteProfile.objects.count() == 1


@pytest.mark.parametrize("role", ["administrator", "superuser"])
def test_nobody_deletes_the_profile(client, request, role, ward_profile):
    client.force_login(request.getfixturevalue(role))

    response = client.post(f"/quan-tri/identity/siteprofile/{ward_profile.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert SiteProfile.objects.exists()


def test_the_form_is_grouped_in_vietnamese(client, administrator, ward_profile):
    client.force_login(administrator)

    page = client.get(f"/quan-tri/identity/siteprofile/{ward_profile.pk}/change/").content.decode()

    for heading in ("Tên đơn vị", "Liên hệ", "Pháp lý", "Hình ảnh"):
        assert f">{heading}<" in page
