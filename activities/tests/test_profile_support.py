"""What helps each profile: reference data from Bijlage 1, set up once, and the guide's form
that leads to a printable Kom erbij-plan."""

import pytest

from activities.models import ActivityPage, ActivityType, InterventionProfile
from activities.profile_guide import ProfileFit
from activities.setup import DATA_FILE, ensure_profile_support
from core.demo import read_yaml
from core.reference_data import source_locale

REFERENCE = read_yaml(DATA_FILE)
GUIDE_URL = "/nl/activiteitenbank/profielwijzer/"


def test_every_profile_says_what_helps_and_where_the_handreiking_says_so():
    profiles = {p["key"]: p for p in REFERENCE["profiles"]}
    assert len(profiles) == 8
    for profile in profiles.values():
        assert profile["support"] and profile["source"].startswith("Bijlage 1")
    # Bijlage 1: most activities serve the actieven; the handreiking ties a kind of activity to
    # only three profiles. The other five get the honest answer, not made-up tags.
    with_types = {key for key, p in profiles.items() if p["fitting_types"]}
    assert with_types == {"actieven", "achterblijvers", "hoopvollen"}
    assert profiles["actieven"]["fitting_types"] == ["groepsverband"]


@pytest.mark.django_db
def test_setup_fills_what_helps_once_and_keeps_what_an_editor_wrote(demo_site):
    locale = source_locale()
    actieven = InterventionProfile.objects.get(slug="actieven", locale=locale)
    assert actieven.support and [t.slug for t in actieven.fitting_types.all()] == ["groepsverband"]
    assert ensure_profile_support(REFERENCE["profiles"], locale) == 0  # already there

    # A site set up before these fields existed: empty profiles are filled in.
    InterventionProfile.objects.filter(slug="geborgenen").update(support="", source_note="")
    geborgenen = InterventionProfile.objects.get(slug="geborgenen", locale=locale)
    geborgenen.fitting_parts.clear()
    actieven.support = "Eigen tekst van de redactie."
    actieven.save()
    assert ensure_profile_support(REFERENCE["profiles"], locale) == 1
    geborgenen.refresh_from_db()
    assert geborgenen.support.startswith("Ze zoeken geen drukte")
    assert [p.slug for p in geborgenen.fitting_parts.all()] == ["herkennen-en-vinden"]
    actieven.refresh_from_db()
    assert actieven.support == "Eigen tekst van de redactie."


@pytest.mark.django_db
def test_fit_has_no_duplicates_and_marks_activities_named_for_the_profile(demo_site):
    profile = InterventionProfile.objects.get(slug="achterblijvers")
    fit = ProfileFit.of([profile])
    found = list(fit.activities(ActivityPage.objects.live()))
    assert len(found) == len({a.pk for a in found})
    assert {a.activity_type.slug for a in found} == {"een-op-een"}
    named = [a.slug for a in found if a.named_for_profile]
    assert named == ["bezoekdienst-weduwen-en-weduwnaars"]


@pytest.mark.django_db
def test_an_editor_who_adds_a_fitting_kind_ends_the_honest_answer(demo_site, client):
    query = {"duur": "kort", "contact": "nee", "aanpak": "zelf"}  # geborgenen
    html = client.get(GUIDE_URL, query).content.decode()
    assert "Voor dit profiel is er weinig aanbod" in html

    geborgenen = InterventionProfile.objects.get(slug="geborgenen")
    geborgenen.fitting_types.add(*ActivityType.objects.filter(slug="cursussen"))
    html = client.get(GUIDE_URL, query).content.decode()
    assert "Voor dit profiel is er weinig aanbod" not in html
    assert ">Vriendschapscursus voor vrouwen</a>" in html


@pytest.mark.django_db
def test_the_result_offers_a_kom_erbij_plan_form_that_keeps_the_answers(demo_site, client):
    html = client.get(
        GUIDE_URL, {"duur": "lang", "contact": "ja", "aanpak": "zelf"}
    ).content.decode()
    form = (
        html.split('class="guide-plan-form"')[0].rsplit("<form", 1)[1]
        + html.split('class="guide-plan-form"')[1].split("</form>")[0]
    )
    assert 'method="get"' in form
    assert f'action="{GUIDE_URL}kom-erbij-plan/"' in form
    for name, value in (("duur", "lang"), ("contact", "ja"), ("aanpak", "zelf")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in form
    assert 'name="postcode"' in form and 'for="plan-postcode"' in form
