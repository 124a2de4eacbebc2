"""A campaign scheduled to go live is hidden until its time, then live; its preview renders."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from campaigns.models import CampaignPage

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BEFORE = dt.datetime(2026, 9, 20, 9, 0, tzinfo=AMSTERDAM)
GO_LIVE = dt.datetime(2026, 9, 24, 9, 0, tzinfo=AMSTERDAM)  # the first day of the campaign week


@pytest.fixture
def scheduled_campaign(home, time_machine):
    """A new campaign an editor published with a go-live date four days ahead."""
    time_machine.move_to(BEFORE, tick=False)
    campaign = CampaignPage(
        title="Samen is leuker 2026",
        slug="samen-is-leuker-2026",
        intro="Kom erbij in de Week tegen Eenzaamheid.",
        live=False,
    )
    home.add_child(instance=campaign)
    campaign.go_live_at = GO_LIVE
    revision = campaign.save_revision()
    revision.publish()  # what "Publiceren" does when a go-live date is set: schedule
    return Page.objects.get(pk=campaign.pk).specific


@pytest.mark.django_db
def test_campaign_with_a_go_live_time_is_not_public_before_it(scheduled_campaign, home, client):
    campaign = scheduled_campaign

    assert campaign.live is False
    assert campaign.get_latest_revision().approved_go_live_at == GO_LIVE
    assert client.get("/nl/samen-is-leuker-2026/").status_code == 404
    assert campaign.pk not in home.get_children().live().values_list("pk", flat=True)

    # Running the scheduler early publishes nothing.
    call_command("publish_scheduled", stdout=io.StringIO())
    assert client.get("/nl/samen-is-leuker-2026/").status_code == 404


@pytest.mark.django_db
def test_campaign_is_live_after_its_go_live_time(scheduled_campaign, home, client, time_machine):
    time_machine.move_to(GO_LIVE + dt.timedelta(minutes=1), tick=False)

    call_command("publish_scheduled", stdout=io.StringIO())

    campaign = CampaignPage.objects.get(pk=scheduled_campaign.pk)
    assert campaign.live is True
    assert campaign.pk in home.get_children().live().values_list("pk", flat=True)
    response = client.get("/nl/samen-is-leuker-2026/")
    assert response.status_code == 200
    assert "Samen is leuker 2026" in response.content.decode()


@pytest.mark.django_db
def test_preview_of_a_scheduled_campaign_renders(scheduled_campaign):
    response = scheduled_campaign.make_preview_request()

    assert response.status_code == 200
    if hasattr(response, "render"):
        response.render()
    html = response.content.decode()
    assert "<h1>Samen is leuker 2026</h1>" in html
    assert "Kom erbij in de Week tegen Eenzaamheid." in html


@pytest.mark.django_db
def test_admin_preview_of_a_campaign_renders(scheduled_campaign, client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    editor = get_user_model().objects.create_superuser("redactie", "r@example.org", "x")
    client.force_login(editor)
    url = f"/admin/pages/{scheduled_campaign.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Samen is leuker, voorvertoning",
            "slug": "samen-is-leuker-2026",
            "intro": "Zo ziet de campagne eruit.",
            "theme": "groen",
            "body": streamfield([]),
            "news_tag": "",
            "comments": inline_formset([]),
        }
    )

    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True, posted.content.decode()[:2000]
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Samen is leuker, voorvertoning" in html
    assert "campaign-theme--groen" in html
