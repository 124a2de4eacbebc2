"""Bereik per profiel: which profiles a coalition's places reach, per municipality."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from social_map.models import PlacePage, SocialMapPage
from users.models import User

URL = reverse("social_map_profiles")


def row(html, slug):
    return html.split(f'id="profiel-{slug}"')[1].split("</tr>")[0]


@pytest.mark.django_db
def test_reach_per_profile_per_municipality(demo_site, admin_client):
    html = admin_client.get(URL).content.decode()
    assert "Bereik per profiel" in html
    # The demo places offer group activities (huiskamer, beweegtuin, Resto VanHarte, ...):
    # they reach the actieven, and nothing on the map reaches the profiles Bijlage 1 says
    # have little on offer.
    assert "Ja, " in row(html, "actieven")
    assert "Huiskamer van de buurt Graafsewijk (demo)" in row(html, "actieven")
    for slug in ("overlevers", "afhankelijken", "geborgenen"):
        assert "<strong>Nee</strong>" in row(html, slug)
    # National phone lines (no municipality) reach the achterblijvers in the whole country.
    assert "Sensoor" in row(html, "achterblijvers")
    summary = html.split('id="reach-summary"')[1].split("</section>")[0]
    assert "Niet bereikt:" in summary and "Overlevers" in summary and "Actieven" not in summary

    # Per municipality: only that municipality's places count.
    zoetermeer = admin_client.get(URL, {"gemeente": "zoetermeer"}).content.decode()
    assert "Aanbod in Zoetermeer" in zoetermeer
    assert "Graafsewijk" not in zoetermeer
    assert "Palenstein" in row(zoetermeer, "actieven")
    assert 'value="zoetermeer" selected' in zoetermeer
    assert "Sensoor" not in zoetermeer and "<strong>Nee</strong>" in row(
        zoetermeer, "achterblijvers"
    )
    # An unknown municipality shows everything rather than an error.
    assert (
        "Aanbod in alle gemeenten"
        in admin_client.get(URL, {"gemeente": "x" * 500}).content.decode()
    )


@pytest.mark.django_db
def test_linking_a_fitting_activity_to_a_place_makes_the_profile_reached(demo_site, admin_client):
    from activities.models import ActivityPage

    place = PlacePage.objects.get(slug="demo-zoetermeer-inloophuis-meerzicht")
    visit = ActivityPage.objects.get(slug="vriendschappelijk-huisbezoek")  # een-op-een
    before = admin_client.get(URL, {"gemeente": "zoetermeer"}).content.decode()
    assert "<strong>Nee</strong>" in row(before, "hoopvollen")
    place.activities.add(visit)
    place.save_revision().publish()
    html = admin_client.get(URL, {"gemeente": "zoetermeer"}).content.decode()
    assert "Vriendschappelijk huisbezoek" in row(html, "hoopvollen")
    assert "<strong>Nee</strong>" not in row(html, "hoopvollen")


@pytest.mark.django_db
def test_an_editor_sees_only_the_places_of_his_own_tree(demo_site, client):
    social_map = SocialMapPage.objects.first()
    group = Group.objects.create(name="Redactie elders")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    home = social_map.get_parent()
    other = home.add_child(instance=SocialMapPage(title="Andere kaart", slug="andere-kaart"))
    GroupPagePermission.objects.create(
        group=group, page=other, permission=Permission.objects.get(codename="change_page")
    )
    user = User.objects.create_user(username="elders", password="x-pass-123")
    user.groups.add(group)
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Graafsewijk" not in html and "Palenstein" not in html
    assert "0 plekken bereiken 0 van de 8 profielen" in html

    nobody = User.objects.create_user(username="niemand", password="x-pass-123")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    response = client.get(URL)  # Wagtail turns "no permission" into a message on the dashboard
    assert response.status_code == 302 and response["Location"] == "/admin/"
