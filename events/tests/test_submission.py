"""The public form to announce an event: a draft for moderation, never a live page."""

import datetime as dt
import io
import logging

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission, Site, Workflow

from core.models import AccessibilityFeature, TargetGroup
from events.duplicates import find_possible_duplicates
from events.models import (
    RESERVED_SLUGS,
    EventIndexPage,
    EventPage,
    EventSubmission,
    EventSubmissionPage,
)
from social_map.models import PlaceKind, PlacePage, SocialMapPage
from users.models import User

from .conftest import AMSTERDAM, local

pytestmark = pytest.mark.django_db


def coming(days=30):
    """A date ``days`` from today: always in the future, never too far."""
    return timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=days)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(autouse=True)
def no_geocoder(monkeypatch):
    """The form geocodes typed addresses; tests never call the real PDOK service."""
    monkeypatch.setattr("core.geocoding.geocode_address", lambda postcode, number: (52.51, 6.09))


@pytest.fixture
def form_page(agenda, home):
    return agenda.add_child(
        instance=EventSubmissionPage(
            title="Activiteit aanmelden",
            slug="aanmelden",
            thank_you_text="<p>Wij zetten het binnen drie werkdagen online.</p>",
            privacy_page=home,
        )
    )


@pytest.fixture
def terms(home):
    return {
        "group": TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=home.locale),
        "feature": AccessibilityFeature.objects.create(
            name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=home.locale
        ),
    }


@pytest.fixture
def place(home, zwolle):
    kaart = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    return kaart.add_child(
        instance=PlacePage(
            title="Buurthuis De Linde",
            slug="de-linde",
            kind=kind,
            summary="Samen koffie drinken.",
            street="Lindelaan",
            house_number="4",
            postcode="8011 AB",
            city="Zwolle",
            municipality=zwolle,
            latitude=52.5,
            longitude=6.1,
            last_checked=timezone.localdate(),
        )
    )


@pytest.fixture
def moderators():
    """A moderator and a superuser with an address, and one without: who gets the e-mail."""
    moderator = User.objects.create_user("mod", email="moderator@example.org", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    User.objects.create_superuser("boss", email="boss@example.org", password="x")
    User.objects.create_superuser("silent", email="", password="x")
    return moderator


def valid_data(zwolle, terms=None, **changes):
    data = {
        "submitter_name": "Anna de Vries",
        "organisation_name": "Welzijn Zwolle",
        "email": "anna@example.org",
        "phone": "06 12345678",
        "title": "Koffieochtend in De Linde",
        "summary": "Samen koffie drinken en kennismaken.",
        "description": "Iedereen is welkom.\n\nEr is ook thee.",
        "start_date": coming().isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "location_name": "Buurthuis De Linde",
        "street": "Lindelaan",
        "house_number": "4",
        "postcode": "8011ab",
        "city": "Zwolle",
        "municipality": str(zwolle.pk),
        "is_free": "False",
        "price": "€ 3,50",
        "registration": "phone",
        "registration_phone": "038 123 45 67",
        "languages": "Nederlands, Engels",
        "can_come_alone": "on",
        "welcome_at_door": "on",
        "how_to_get_there": "Bus 1, halte Lindelaan",
        "what_to_bring": "Niets",
        "consent": "on",
        "website": "",
    }
    if terms:
        data["target_groups"] = [str(terms["group"].pk)]
        data["accessibility"] = [str(terms["feature"].pk)]
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- the form -------------------------------------------------------------------


def test_the_form_renders_with_every_field_limited_and_a_hidden_honeypot(
    client, form_page, terms, place
):
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    page = soup(response)
    form = page.select_one("form.submission-form")
    assert form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    for name in ("submitter_name", "email", "phone", "title", "summary", "street", "postcode"):
        field = form.select_one(f"[name={name}]")
        assert field is not None, name
        assert int(field["maxlength"]) <= 254, name
    assert form.select_one("textarea[name=description]")["maxlength"] == "4000"
    assert form.select_one("input[name=start_date]")["type"] == "date"
    assert form.select_one(f"select[name=place] option[value='{place.pk}']")
    assert form.select_one(f"input[name=target_groups][value='{terms['group'].pk}']")
    assert form.select_one(f"input[name=accessibility][value='{terms['feature'].pk}']")
    assert form.select_one("input[name=can_come_alone]").has_attr("checked")
    trap = form.select_one("input[name=website]")
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap.find_parent(class_="form-trap")["aria-hidden"] == "true"
    consent = form.select_one("#deel-toestemming")
    box = consent.select_one("input[name=consent][type=checkbox]")
    assert box["aria-describedby"] == "id_consent_helptext"
    assert "90 dagen" in consent.select_one("#id_consent_helptext").get_text()
    assert consent.select_one("a")["href"] == form_page.privacy_page.url


def test_a_submission_creates_a_draft_in_the_workflow_and_no_live_page(
    client, form_page, zwolle, terms
):
    assert Workflow.objects.filter(active=True).exists(), "Wagtail's default workflow is missing"

    response = client.post(form_page.url, valid_data(zwolle, terms))

    assert response.status_code == 302
    assert response["Location"] == f"{form_page.url}?verzonden=1"
    event = EventPage.objects.get()
    assert event.get_parent().specific == form_page.get_parent().specific
    assert not event.live and event.has_unpublished_changes
    assert not EventPage.objects.live().exists()
    state = event.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert event.workflow_states.count() == 1
    assert client.get(event.url or f"{form_page.get_parent().url}{event.slug}/").status_code == 404

    assert timezone.localtime(event.starts_at, AMSTERDAM) == local(*coming().timetuple()[:3], 10, 0)
    assert timezone.localtime(event.ends_at, AMSTERDAM).time() == dt.time(12, 0)
    assert event.municipality == zwolle and event.postcode == "8011 AB"
    assert event.is_free is False and event.price == "€ 3,50"
    assert event.registration_phone == "038 123 45 67"
    # An organisation the site does not know is named on the event (the sender is not).
    assert event.organiser is None and event.organiser_name == "Welzijn Zwolle"
    assert event.welcome_at_door and not event.may_bring_someone
    assert list(event.target_groups.all()) == [terms["group"]]
    assert list(event.accessibility.all()) == [terms["feature"]]
    assert event.description == "<p>Iedereen is welkom.</p>\n<p>Er is ook thee.</p>"
    assert (event.latitude, event.longitude) == (52.51, 6.09)

    submission = EventSubmission.objects.get()
    assert submission.event == event
    assert (submission.submitter_name, submission.email, submission.phone) == (
        "Anna de Vries",
        "anna@example.org",
        "06 12345678",
    )
    assert submission.consented_at is not None
    revision = str(event.latest_revision.content)
    for private in ("anna@example.org", "06 12345678", "Anna de Vries"):
        assert private not in revision

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Wij zetten het binnen drie werkdagen online." in thanks.content.decode()
    assert "anna@example.org" not in thanks.content.decode()
    assert not soup(thanks).select_one("form.submission-form")


def test_the_submitter_and_the_moderators_get_an_email(client, form_page, zwolle, moderators):
    client.post(form_page.url, valid_data(zwolle))

    to_submitter = [message for message in mail.outbox if message.to == ["anna@example.org"]]
    assert len(to_submitter) == 1
    assert to_submitter[0].subject == "Uw aanmelding voor de agenda is ontvangen"
    body = to_submitter[0].body
    site = Site.objects.get(is_default_site=True)
    assert f"Via het formulier op {site.site_name or site.hostname} " in body
    assert coming().strftime("%Y") in body  # the date, to know which announcement it was
    assert "Koffieochtend" not in body  # the title is the sender's text: not repeated
    assert "Wat gebeurt er nu?" in body and "90 dagen" in body
    ours = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    assert len(ours) == 1
    assert sorted(ours[0].to) == ["boss@example.org", "moderator@example.org"]
    event = EventPage.objects.get()
    assert f"/admin/pages/{event.pk}/edit/" in ours[0].body
    assert "een aanmelding via het formulier" in ours[0].body
    assert "Koffieochtend in De Linde" in ours[0].body


def test_the_moderator_email_leaves_out_who_sent_it(client, form_page, zwolle, moderators):
    client.post(form_page.url, valid_data(zwolle))
    (ours,) = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    for private in ("Anna de Vries", "Welzijn Zwolle", "anna@example.org", "06 12345678"):
        assert private not in ours.body, private
        assert private not in ours.subject, private


def test_the_confirmation_cannot_carry_a_message_of_the_sender(client, form_page, zwolle):
    """Anyone can type any address: the e-mail must not relay text chosen by the sender."""
    title = "Gratis prijs ophalen " + "x" * 60 + " op spam-title.example nu meteen"
    assert len(title) <= 150
    sender_text = {
        "submitter_name": "Win een auto op spam-name.example",
        "organisation_name": "Bel 0900-SPAM",
        "summary": "Klik op spam-summary.example",
        "description": "Uw wachtwoord is verlopen: spam-description.example",
        "location_name": "spam-location.example",
        "street": "Klikhierstraat",
        "online_url": "https://spam-url.example/login",
        "how_to_get_there": "spam-route.example",
    }
    response = client.post(
        form_page.url, valid_data(zwolle, title=title, **sender_text), REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 302

    (confirmation,) = [message for message in mail.outbox if message.to == ["anna@example.org"]]
    assert confirmation.subject == "Uw aanmelding voor de agenda is ontvangen"
    body = confirmation.body
    for name, value in sender_text.items():
        assert value not in body, name
    assert "Gratis prijs ophalen" not in body and "spam-title.example" not in body
    assert "Wat gebeurt er nu?" in body
    assert "We gebruiken ze alleen voor vragen over deze aanmelding" in body
    assert "90 dagen" in body


def test_each_moderator_gets_one_email_per_announcement(client, form_page, zwolle, moderators):
    """Not Wagtail's "submitted for moderation" (for the workflow and its task) as well."""
    assert Workflow.objects.filter(active=True).exists()
    client.post(form_page.url, valid_data(zwolle))

    assert EventPage.objects.get().current_workflow_state.status == "in_progress"
    received = [address for message in mail.outbox for address in message.to]
    assert sorted(received) == ["anna@example.org", "boss@example.org", "moderator@example.org"]


def test_an_editor_submitting_for_moderation_still_gets_wagtails_emails(
    form_page, zwolle, moderators, make_event
):
    """Only the public form's start of a workflow is quiet."""
    event = make_event(publish=False)
    event.save_revision()
    editor = User.objects.create_user("editor", email="editor@example.org", password="x")
    event.get_workflow().start(event, user=editor)
    received = sorted(address for message in mail.outbox for address in message.to)
    assert received.count("boss@example.org") == 2  # the workflow and its task
    assert "moderator@example.org" in received


def test_moderator_addresses_can_be_configured(client, form_page, zwolle, moderators, settings):
    settings.EVENTS_MODERATOR_EMAILS = ["agenda@example.org"]
    client.post(form_page.url, valid_data(zwolle))
    ours = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    assert [message.to for message in ours] == [["agenda@example.org"]]


def test_a_failed_submission_keeps_every_value_and_explains_each_error(
    client, form_page, zwolle, terms
):
    data = valid_data(
        zwolle,
        terms,
        email="anna-at-example",
        end_time="09:00",
        consent=None,
        registration="link",
        registration_phone=None,
    )
    response = client.post(form_page.url, data)

    assert response.status_code == 200
    assert not EventPage.objects.exists() and not EventSubmission.objects.exists()
    page = soup(response)
    assert page.title.get_text().startswith("Fout:")
    for name in ("submitter_name", "title", "summary", "street", "house_number", "phone"):
        assert page.select_one(f"input[name={name}]")["value"] == data[name], name
    assert page.select_one("input[name=email]")["value"] == "anna-at-example"
    assert page.select_one("input[name=price]")["value"] == "€ 3,50"
    assert page.select_one("input[name=start_time]")["value"] == "10:00"
    assert (
        page.select_one("textarea[name=description]")
        .get_text()
        .strip()
        .startswith("Iedereen is welkom.")
    )
    assert page.select_one(f"select[name=municipality] option[value='{zwolle.pk}']").has_attr(
        "selected"
    )
    assert page.select_one(f"input[name=target_groups][value='{terms['group'].pk}']").has_attr(
        "checked"
    )
    assert page.select_one("input[name=registration][value=link]").has_attr("checked")
    assert page.select_one("input[name=is_free][value=False]").has_attr("checked")
    assert page.select_one("input[name=welcome_at_door]").has_attr("checked")
    assert not page.select_one("input[name=may_bring_someone]").has_attr("checked")

    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert"
    links = {a["href"] for a in summary.select("a")}
    assert {"#id_email", "#id_end_time", "#id_consent", "#id_registration_url"} <= links
    email = page.select_one("input[name=email]")
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"].split()
    assert page.select_one("#id_email_error").get_text(strip=True)
    assert "eindtijd" in page.select_one("#id_end_time_error").get_text()
    assert "toestemming" in page.select_one("#id_consent_error").get_text()


def test_every_link_in_the_error_summary_points_at_an_element(client, form_page, zwolle, terms):
    data = valid_data(
        zwolle,
        terms,
        email="fout",
        is_free="bogus",
        registration="bogus",
        target_groups=["999999"],
        consent=None,
    )
    page = soup(client.post(form_page.url, data))

    links = [a["href"] for a in page.select(".error-summary a")]
    assert len(links) == 5
    for href in links:
        assert href.startswith("#") and len(href) > 1, href
        assert page.find(id=href[1:]) is not None, href
    # A group of radio buttons or checkboxes: the link goes to its first option.
    assert {"#id_is_free_0", "#id_registration_0", "#id_target_groups_0"} <= set(links)
    assert page.select_one("#id_registration_0")["name"] == "registration"


def test_typed_markup_is_kept_as_text_and_never_runs(client, form_page, zwolle, admin_client):
    title = "<b>Koffie</b> <script>alert(1)</script>ochtend"
    client.post(
        form_page.url,
        valid_data(
            zwolle,
            title=title,
            summary='<a href="https://spam.example">Klik</a> hier',
            description="<p>Welkom</p>\n\n<img src=x onerror=alert(1)>Thee & koek",
            submitter_name="<i>Anna</i>",
            what_to_bring="<u>Niets</u>",
        ),
    )
    event = EventPage.objects.get()
    assert event.title == title
    assert event.summary == '<a href="https://spam.example">Klik</a> hier'
    assert event.what_to_bring == "<u>Niets</u>"
    assert event.description == (
        "<p>&lt;p&gt;Welkom&lt;/p&gt;</p>\n<p>&lt;img src=x onerror=alert(1)&gt;Thee &amp; koek</p>"
    )
    assert EventSubmission.objects.get().submitter_name == "<i>Anna</i>"

    draft = admin_client.get(f"/admin/pages/{event.pk}/view_draft/")
    assert draft.status_code == 200
    main = soup(draft).select_one("main")
    assert title in main.get_text()
    assert not main.select("img[onerror], a[href='https://spam.example']")
    assert "<script>alert(1)" not in draft.content.decode()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"start_date": "2001-01-01"}, "start_date"),
        ({"start_date": f"{timezone.localdate().year + 6}-01-01"}, "start_date"),
        ({"start_date": "99999-01-01"}, "start_date"),
        ({"start_date": "morgen"}, "start_date"),
        ({"start_time": ""}, "start_time"),
        ({"end_time": "10:00"}, "end_time"),
        ({"price": ""}, "price"),
        ({"price": "x" * 151}, "price"),
        ({"postcode": "ABCD"}, "postcode"),
        ({"location_name": "", "street": "", "postcode": "", "city": ""}, "location_name"),
        ({"municipality": ""}, "municipality"),
        ({"municipality": "999999"}, "municipality"),
        ({"municipality": str(2**70)}, "municipality"),  # beyond any id: no 500
        ({"title": "x" * 151}, "title"),
        ({"title": "  \n "}, "title"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
    ],
)
def test_bad_input_is_refused_with_a_message_on_that_field(
    client, form_page, zwolle, changes, field
):
    response = client.post(form_page.url, valid_data(zwolle, **changes))
    assert response.status_code == 200
    assert soup(response).select_one(f"#id_{field}_error").get_text(strip=True)
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [("place", str(2**64)), ("target_groups", [str(2**64)]), ("accessibility", [str(-(2**70))])],
)
def test_an_id_beyond_any_database_is_an_invalid_choice_not_a_500(
    client, form_page, zwolle, terms, place, field, value
):
    response = client.post(form_page.url, valid_data(zwolle, terms, **{field: value}))
    assert response.status_code == 200
    assert soup(response).select_one(f"#id_{field}_error").get_text(strip=True)
    assert not EventPage.objects.exists()


def test_a_title_like_an_agenda_route_gets_another_slug(client, form_page, zwolle):
    assert "ical" in RESERVED_SLUGS
    assert client.post(form_page.url, valid_data(zwolle, title="iCal")).status_code == 302
    event = EventPage.objects.get()
    assert event.slug not in RESERVED_SLUGS
    assert event.slug == "activiteit-ical"


def test_without_a_workflow_the_draft_is_kept_and_a_warning_logged(
    client, form_page, zwolle, moderators, caplog
):
    Workflow.objects.update(active=False)
    with caplog.at_level(logging.WARNING, logger="events.announcements.building"):
        response = client.post(form_page.url, valid_data(zwolle))

    assert response.status_code == 302
    event = EventPage.objects.get()
    assert not event.live and event.has_unpublished_changes
    assert event.current_workflow_state is None
    assert EventSubmission.objects.get().event == event
    warnings = [
        record
        for record in caplog.records
        if record.name == "events.announcements.building" and record.levelno == logging.WARNING
    ]
    assert len(warnings) == 1
    assert "workflow" in warnings[0].getMessage()
    assert str(event.pk) in warnings[0].getMessage()
    ours = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    assert len(ours) == 1  # the moderators still hear about it


def test_all_day_events_need_no_time_and_online_events_no_address(client, form_page, zwolle):
    data = valid_data(
        zwolle,
        start_time="",
        end_time="",
        all_day="on",
        location_name="",
        street="",
        house_number="",
        postcode="",
        city="",
        municipality="",
        online_url="https://meet.example.org/koffie",
        is_free="True",
        price="€ 2, voor de koffie",
    )
    assert client.post(form_page.url, data).status_code == 302
    event = EventPage.objects.get()
    assert event.all_day and event.ends_at is None
    assert event.is_free is True and event.price == ""  # free: no price
    assert timezone.localtime(event.starts_at, AMSTERDAM).time() == dt.time(0, 0)
    assert event.online_url == "https://meet.example.org/koffie"


def test_a_chosen_place_replaces_the_typed_address(client, form_page, zwolle, place):
    data = valid_data(zwolle, place=str(place.pk), municipality="", street="Verkeerd 1")
    assert client.post(form_page.url, data).status_code == 302
    event = EventPage.objects.get()
    assert event.place == place and event.street == "" and event.municipality == zwolle
    assert (event.latitude, event.longitude) == (52.5, 6.1)


# --- protection -----------------------------------------------------------------


def test_a_filled_honeypot_looks_sent_but_creates_nothing(client, form_page, zwolle, moderators):
    response = client.post(form_page.url, valid_data(zwolle, website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == f"{form_page.url}?verzonden=1"
    assert not EventPage.objects.exists()
    assert not EventSubmission.objects.exists()
    assert mail.outbox == []


def test_the_sixth_submission_in_an_hour_gets_429_with_the_values_kept(client, form_page, zwolle):
    for number in range(5):
        data = valid_data(zwolle, title=f"Koffieochtend {number}")
        assert client.post(form_page.url, data).status_code == 302
    response = client.post(form_page.url, valid_data(zwolle, title="De zesde"))
    assert response.status_code == 429
    page = soup(response)
    assert "veel activiteiten aangemeld" in page.select_one("[role=alert]").get_text()
    assert page.select_one("input[name=title]")["value"] == "De zesde"
    assert EventPage.objects.count() == 5

    other_address = client.post(
        form_page.url, valid_data(zwolle, title="Van een ander"), REMOTE_ADDR="192.0.2.7"
    )
    assert other_address.status_code == 302


def test_typos_do_not_use_up_the_rate_limit(client, form_page, zwolle, settings):
    settings.EVENTS_SUBMISSION_RATE = "1/h"
    for _attempt in range(3):
        assert client.post(form_page.url, valid_data(zwolle, email="fout")).status_code == 200
    assert client.post(form_page.url, valid_data(zwolle)).status_code == 302
    assert client.post(form_page.url, valid_data(zwolle)).status_code == 429


def test_csrf_protection_stays_on(form_page, zwolle):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(form_page.url, valid_data(zwolle)).status_code == 403
    assert not EventPage.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(client, form_page, method):
    assert client.head(form_page.url).status_code == 200
    response = getattr(client, method)(form_page.url)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}


def test_a_huge_post_is_refused_without_a_server_error(client, form_page, zwolle):
    response = client.post(form_page.url, valid_data(zwolle, description="x" * 3_000_000))
    assert response.status_code == 400
    assert not EventPage.objects.exists()


# --- retention ------------------------------------------------------------------


def test_expired_submissions_are_deleted_and_recent_ones_kept(client, form_page, zwolle, settings):
    settings.EVENTS_SUBMISSION_RETENTION_DAYS = 30
    client.post(form_page.url, valid_data(zwolle, title="Oud"))
    client.post(form_page.url, valid_data(zwolle, title="Nieuw"))
    old = EventSubmission.objects.get(event__title="Oud")
    old.submitted_at = timezone.now() - dt.timedelta(days=31)
    old.save()
    recent = EventSubmission.objects.get(event__title="Nieuw")
    recent.submitted_at = timezone.now() - dt.timedelta(days=29)
    recent.save()

    out = io.StringIO()
    call_command("delete_expired_submissions", stdout=out)

    assert list(EventSubmission.objects.all()) == [recent]
    assert "1 aanmelding" in out.getvalue()
    assert EventPage.objects.filter(title="Oud").exists()  # the event itself stays


def test_retention_defaults_to_90_days(client, form_page, zwolle):
    client.post(form_page.url, valid_data(zwolle))
    EventSubmission.objects.update(submitted_at=timezone.now() - dt.timedelta(days=89))
    call_command("delete_expired_submissions", stdout=io.StringIO())
    assert EventSubmission.objects.count() == 1
    EventSubmission.objects.update(submitted_at=timezone.now() - dt.timedelta(days=91))
    call_command("delete_expired_submissions", "--dry-run", stdout=io.StringIO())
    assert EventSubmission.objects.count() == 1
    call_command("delete_expired_submissions", stdout=io.StringIO())
    assert EventSubmission.objects.count() == 0


# --- duplicates -----------------------------------------------------------------


def test_a_submission_like_an_existing_event_lists_it_as_possible_duplicate(
    client, form_page, zwolle, place, make_event
):
    day = coming()
    existing = make_event(
        title="Koffie-ochtend De Linde",
        starts_at=local(day.year, day.month, day.day, 10, 0),
        place=place,
    )
    make_event(
        title="Koffieochtend in De Linde", starts_at=local(day.year, day.month, day.day, 10, 0)
    )  # same title and time, but another address

    client.post(
        form_page.url,
        valid_data(zwolle, place=str(place.pk), start_time="10:30", end_time="12:00"),
    )
    client.post(
        form_page.url,
        valid_data(zwolle, place=str(place.pk), title="Yoga op de stoel", start_time="10:00"),
    )

    like, unlike = EventSubmission.objects.order_by("pk")
    assert list(like.possible_duplicates.all()) == [existing]
    assert list(unlike.possible_duplicates.all()) == []


def test_duplicates_by_address_and_by_a_recurring_date(make_event, zwolle):
    address = {"street": "Markt", "house_number": "1", "postcode": "8011 XX", "city": "Zwolle"}
    first = coming(7)
    weekly = make_event(
        title="Samen eten op dinsdag",
        starts_at=local(first.year, first.month, first.day, 18, 0),
        recurrence="FREQ=WEEKLY",
        **address,
    )
    later = first + dt.timedelta(weeks=3)  # only in the occurrence table
    three_weeks_later = {
        "title": "Samen eten (dinsdag)",
        "starts_at": local(later.year, later.month, later.day, 18, 30),
        "municipality": zwolle,
        "street": "markt",
        "house_number": "1",
        "postcode": "8011xx",
    }
    assert find_possible_duplicates(three_weeks_later) == [weekly]
    assert find_possible_duplicates({**three_weeks_later, "house_number": "3"}) == []
    two_hours_later = three_weeks_later["starts_at"] + dt.timedelta(hours=2)
    assert find_possible_duplicates({**three_weeks_later, "starts_at": two_hours_later}) == []
    assert find_possible_duplicates({**three_weeks_later, "title": "Bingo"}) == []
    assert find_possible_duplicates(weekly) == []  # never itself


# --- the admin ------------------------------------------------------------------


def test_moderators_see_submissions_and_the_duplicate_warning_in_the_admin(
    client, form_page, zwolle, place, make_event, moderators
):
    day = coming()
    existing = make_event(
        title="Koffieochtend De Linde",
        starts_at=local(day.year, day.month, day.day, 10, 0),
        place=place,
    )
    client.post(form_page.url, valid_data(zwolle, place=str(place.pk)))
    submission = EventSubmission.objects.get()

    client.force_login(moderators)
    listing = client.get("/admin/event_submissions/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Anna de Vries" in html and "Koffieochtend De Linde" in html
    assert client.get(f"/admin/event_submissions/inspect/{submission.pk}/").status_code == 200
    assert client.get("/admin/event_submissions/new/").status_code in (302, 403)
    assert client.get(f"/admin/event_submissions/edit/{submission.pk}/").status_code in (302, 403)

    edit = client.get(f"/admin/pages/{submission.event.pk}/edit/")
    assert edit.status_code == 200
    messages = soup(edit).select_one(".messages").get_text(" ", strip=True)
    assert "aangemeld via het formulier" in messages
    assert existing.title in messages


def test_editors_without_publish_permission_do_not_see_contact_details(client, form_page, zwolle):
    client.post(form_page.url, valid_data(zwolle))
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/event_submissions/").status_code in (302, 403)


@pytest.fixture
def deventer(home):
    """A second agenda, with its own editors."""
    return home.add_child(instance=EventIndexPage(title="Agenda Deventer", slug="deventer"))


def admin_user(username, page, permission_types=("add", "change", "publish")):
    """A user whose only group may do ``permission_types`` on ``page`` and below."""
    group = Group.objects.create(name=f"Redactie {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in permission_types:
        GroupPagePermission.objects.create(group=group, page=page, permission_type=permission_type)
    user = User.objects.create_user(username, email=f"{username}@example.org", password="x")
    user.groups.add(group)
    return user


def submission_for(event, name):
    return EventSubmission.objects.create(
        event=event,
        submitter_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        phone="06 11111111",
        consented_at=timezone.now(),
    )


@pytest.fixture
def two_agendas(agenda, deventer, make_event):
    """A submission in each agenda, and one whose event has been deleted."""
    zwolle_event = make_event(title="Koffie in Zwolle", publish=False)
    deventer_event = make_event(title="Koffie in Deventer", parent=deventer, publish=False)
    return {
        "zwolle": submission_for(zwolle_event, "Anna Zwolle"),
        "deventer": submission_for(deventer_event, "Bert Deventer"),
        "orphan": submission_for(None, "Carla Weg"),
    }


def listed_names(client, query=""):
    response = client.get(f"/admin/event_submissions/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    return {name for name in ("Anna Zwolle", "Bert Deventer", "Carla Weg") if name in html}


def test_moderators_only_see_submissions_of_events_they_may_publish(
    client, agenda, deventer, two_agendas, moderators
):
    client.force_login(admin_user("local", agenda))
    assert listed_names(client) == {"Anna Zwolle"}
    assert listed_names(client, "?q=Bert") == set()
    own, other, orphan = (two_agendas[key] for key in ("zwolle", "deventer", "orphan"))
    inspect = client.get(f"/admin/event_submissions/inspect/{own.pk}/")
    assert inspect.status_code == 200 and "anna@example.org" in inspect.content.decode()
    for submission in (other, orphan):
        for url in (
            f"/admin/event_submissions/inspect/{submission.pk}/",
            f"/admin/event_submissions/delete/{submission.pk}/",
            f"/admin/event_submissions/history/{submission.pk}/",
        ):
            assert client.get(url, follow=True).status_code == 404, url
        client.post(f"/admin/event_submissions/delete/{submission.pk}/")
    assert EventSubmission.objects.count() == 3  # the delete view could not find them
    deleted = client.post(f"/admin/event_submissions/delete/{own.pk}/", follow=True)
    assert deleted.redirect_chain and deleted.status_code == 200
    assert not EventSubmission.objects.filter(pk=own.pk).exists()

    # Publishing at the root: every agenda, but not the submissions of deleted events.
    client.force_login(moderators)
    assert listed_names(client) == {"Bert Deventer"}
    assert (
        client.get(f"/admin/event_submissions/inspect/{orphan.pk}/", follow=True).status_code == 404
    )

    client.force_login(User.objects.get(username="boss"))
    assert listed_names(client) == {"Bert Deventer", "Carla Weg"}
    assert client.get(f"/admin/event_submissions/inspect/{orphan.pk}/").status_code == 200


def test_editing_an_event_one_may_not_publish_does_not_name_the_submitter(
    client, agenda, deventer, two_agendas
):
    user = admin_user("mixed", agenda)
    GroupPagePermission.objects.create(
        group=user.groups.get(), page=deventer, permission_type="change"
    )
    client.force_login(user)
    event = two_agendas["deventer"].event
    edit = client.get(f"/admin/pages/{event.pk}/edit/")
    assert edit.status_code == 200
    messages = soup(edit).select_one(".messages").get_text(" ", strip=True)
    assert "aangemeld via het formulier" in messages and "een bezoeker" in messages
    assert "Bert Deventer" not in messages

    own = two_agendas["zwolle"].event
    edit = client.get(f"/admin/pages/{own.pk}/edit/")
    assert "Anna Zwolle" in soup(edit).select_one(".messages").get_text(" ", strip=True)


def test_the_submissions_listing_takes_a_fixed_number_of_queries(
    client, agenda, deventer, make_event
):
    client.force_login(admin_user("local", agenda))
    other = make_event(title="Bestaande koffie")

    def add(count):
        for number in range(count):
            event = make_event(title=f"Aanmelding {number}", publish=False)
            submission_for(event, f"Iemand {number}").possible_duplicates.set([other])
        submission_for(make_event(parent=deventer, publish=False), "Niet zichtbaar")

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/admin/event_submissions/").status_code == 200
        return len(context.captured_queries)

    add(1)
    queries()  # warm up caches that are filled once per process
    few = queries()
    add(6)
    assert queries() == few
