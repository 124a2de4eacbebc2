"""The library's cards are shared fragments (core.page_cache.render_many): kept between
page-cache misses, yet every change a card shows is on the very next request."""

import re

import pytest

import activities.filters
from activities.models import ActivityPage, ActivityType
from core.models import TargetGroup

LIBRARY = "/nl/activiteitenbank/"


@pytest.fixture
def activity(demo_site):
    return ActivityPage.objects.get(slug="activerend-huisbezoek", locale__language_code="nl")


def card(client, title, **params):
    """The card of the activity called ``title`` (None when the list does not show it)."""
    html = client.get(LIBRARY, params).content.decode()
    for found in re.findall(r'<li class="activity-card">.*?</dl>\s*</li>', html, re.S):
        if f">{title}</a>" in found:
            return found
    return None


@pytest.mark.django_db
def test_cards_are_kept_between_misses_of_the_list(fragments_on, activity, client, monkeypatch):
    """Another page-cache miss (other parameters) renders no card again."""
    assert card(client, activity.title) is not None
    renders = []
    real = activities.filters.get_template

    class Counting:
        def __init__(self, name):
            self.template = real(name)

        def render(self, context):
            renders.append(context["activity"].pk)
            return self.template.render(context)

    monkeypatch.setattr(activities.filters, "get_template", Counting)
    response = client.get(LIBRARY, {"pagina": "1"})
    assert response["X-Cache"] == "miss"
    assert activity.title in response.content.decode()
    assert renders == []


@pytest.mark.django_db
def test_a_new_title_is_on_the_next_request(fragments_on, activity, client):
    old = activity.title
    assert card(client, old) is not None
    activity.title = "Aaa activerend huisbezoek"
    activity.save_revision().publish()
    new = card(client, "Aaa activerend huisbezoek")
    assert new is not None
    assert f'href="{LIBRARY}activerend-huisbezoek/"' in new
    assert card(client, old) is None


@pytest.mark.django_db
def test_an_unpublished_activity_is_gone_on_the_next_request(fragments_on, activity, client):
    assert card(client, activity.title) is not None
    activity.unpublish()
    assert card(client, activity.title) is None


@pytest.mark.django_db
def test_a_renamed_type_or_target_group_is_on_the_next_request(fragments_on, activity, client):
    group = TargetGroup.objects.create(
        name="Mantelzorgers", slug="mantelzorgers-test", locale=activity.locale
    )
    activity.target_groups.add(group)
    activity.save_revision().publish()
    before = card(client, activity.title)
    activity_type = ActivityType.objects.get(pk=activity.activity_type_id)
    assert f"<dd>{activity_type.name}</dd>" in before
    assert "Mantelzorgers" in before

    activity_type.name = "Bezoek thuis"
    activity_type.save()
    assert "<dd>Bezoek thuis</dd>" in card(client, activity.title)

    group.name = "Naasten"
    group.save()
    after = card(client, activity.title)
    assert "Naasten" in after and "Mantelzorgers" not in after
    # the filter options (kept as data between misses) follow too
    html = client.get(LIBRARY).content.decode()
    assert "Bezoek thuis <span" in html and "Naasten <span" in html


@pytest.mark.django_db
def test_the_profile_guide_link_is_kept_yet_follows_the_guide(fragments_on, activity, client):
    """The library's link to its profile guide (another page) is a shared fragment: a guide
    moved to another slug or unpublished shows on the very next miss of the list."""
    from activities.models import ProfileGuidePage

    guide = ProfileGuidePage.objects.get(locale__language_code="nl")
    link = 'href="/nl/activiteitenbank/{}/">Weet u niet waar u moet beginnen?'
    assert link.format(guide.slug) in client.get(LIBRARY).content.decode()
    guide.slug = "wijzer"
    guide.save_revision().publish()
    html = client.get(LIBRARY, {"pagina": "1"}).content.decode()
    assert link.format("wijzer") in html
    guide.unpublish()
    html = client.get(LIBRARY, {"pagina": "2"}).content.decode()
    assert "Gebruik de profielwijzer" not in html
