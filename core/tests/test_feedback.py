"""The "Klopt er iets niet?" form under places and events, the e-mail, the admin, retention."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from core.models import Correction, Municipality, Organisation, SiteSettings
from core.setup import ensure_groups
from events.models import EventIndexPage, EventPage
from home.models import StandardPage
from social_map.models import PlaceKind, PlacePage, SocialMapPage

SLUG = "klopt-er-iets-niet/"
NOTE = "Het buurthuis is sinds maart op dinsdag dicht."


@pytest.fixture
def zwolle(db):
    return Municipality.objects.get_or_create(
        cbs_code="GM0193",
        defaults={"name": "Zwolle", "slug": "zwolle", "province": "Overijssel"},
    )[0]


@pytest.fixture
def organisation(home):
    return Organisation.objects.create(
        name="Welzijn Zwolle (demo)",
        slug="welzijn-zwolle",
        locale=home.locale,
        contact_email="info@welzijn.example.org",
    )


@pytest.fixture
def make_place(home, zwolle):
    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)

    def make(slug="de-bloom", **fields):
        page = PlacePage(
            title="Buurthuis De Bloom",
            slug=slug,
            kind=kind,
            summary="Samen koffie drinken.",
            municipality=zwolle,
            last_checked=timezone.localdate(),
            **fields,
        )
        social_map.add_child(instance=page)
        return page

    return make


@pytest.fixture
def make_event(home, zwolle):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))

    def make(**fields):
        starts_at = timezone.now() + dt.timedelta(days=7)
        page = EventPage(
            title="Koffieochtend",
            slug="koffieochtend",
            summary="Samen koffie drinken en praten.",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
            municipality=zwolle,
            is_free=True,
            **fields,
        )
        agenda.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


def send(client, page, **data):
    return client.post(page.url + SLUG, {"message": NOTE, **data})


def contact_settings(home, email):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = email
    settings.save()


# The form and the button


def test_place_page_links_to_the_form(client, make_place):
    place = make_place(email="bloom@example.org")
    html = client.get(place.url).content.decode()
    assert f'href="{place.url}{SLUG}"' in html
    assert "Klopt er iets niet? Laat het ons weten" in html


def test_event_page_links_to_the_form(client, make_event):
    event = make_event()
    html = client.get(event.url).content.decode()
    assert f'href="{event.url}{SLUG}"' in html


def test_form_for_a_place(client, make_place):
    place = make_place()
    response = client.get(place.url + SLUG)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert '<meta name="robots" content="noindex">' in html
    assert 'name="message"' in html and 'name="email"' in html and 'name="name"' in html
    assert f'href="{place.url}"' in html  # back to the page it is about
    assert "Na 90 dagen wissen we uw naam en e-mailadres" in html
    # The breadcrumb ends on the form, with the place as the step before it.
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'<a href="{place.url}">{place.title}</a>' in crumbs
    assert '<span aria-current="page">Klopt er iets niet?</span>' in crumbs


def test_note_on_a_place_is_saved_and_mailed_to_the_place(client, make_place, organisation):
    place = make_place(email="bloom@example.org", organisation=organisation)
    response = send(client, place, name="Els", email="els@example.org", website="")
    assert response.status_code == 302
    assert response["Location"] == f"{place.url}{SLUG}?verzonden=1"
    correction = Correction.objects.get()
    assert (correction.page_id, correction.message) == (place.pk, NOTE)
    assert (correction.name, correction.email, correction.handled) == (
        "Els",
        "els@example.org",
        False,
    )
    assert correction.sent_to == "bloom@example.org"
    [message] = mail.outbox
    assert message.to == ["bloom@example.org"]
    assert message.reply_to == ["els@example.org"]
    assert "Buurthuis De Bloom" in message.subject
    assert NOTE in message.body and "els@example.org" in message.body
    assert "/admin/" not in message.body  # the organisation gets no admin links
    thanks = client.get(response["Location"]).content.decode()
    assert "Bedankt voor uw bericht" in thanks
    assert 'name="message"' not in thanks


def test_place_without_email_goes_to_its_organisation(client, make_place, organisation):
    place = make_place(organisation=organisation)
    send(client, place)
    assert mail.outbox[0].to == ["info@welzijn.example.org"]
    assert mail.outbox[0].reply_to == []


def test_note_on_an_event_goes_to_the_organiser(client, make_event, organisation):
    event = make_event(organiser=organisation)
    assert client.get(event.url + SLUG).status_code == 200
    assert send(client, event).status_code == 302
    assert Correction.objects.get().page_id == event.pk
    assert mail.outbox[0].to == ["info@welzijn.example.org"]


def test_without_an_organisation_address_the_site_contact_gets_it(client, make_event, home):
    contact_settings(home, "redactie@coalitie.example.org")
    event = make_event()
    send(client, event)
    [message] = mail.outbox
    assert message.to == ["redactie@coalitie.example.org"]
    assert f"/admin/pages/{event.pk}/edit/" in message.body
    assert Correction.objects.get().sent_to == "redactie@coalitie.example.org"


def test_without_any_address_the_moderators_get_it(client, make_place):
    users = get_user_model().objects
    moderator = users.create_user("mod", "mod@example.org", "x")
    moderator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    users.create_user("lezer", "lezer@example.org", "x")  # no group: not told
    send(client, make_place())
    assert mail.outbox[0].to == ["mod@example.org"]


def test_empty_form_shows_errors_and_keeps_what_was_typed(client, make_place):
    place = make_place()
    response = client.post(
        place.url + SLUG, {"message": "", "name": "Els <b>", "email": "geen-adres"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html and 'tabindex="-1" id="fouten"' in html
    assert '<a href="#id_message">Wat klopt er niet?: Schrijf op wat er niet klopt.</a>' in html
    assert 'id="id_message_error"' in html and 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Els &lt;b&gt;"' in html and 'value="geen-adres"' in html
    assert "<title>Fout:" in html
    assert not Correction.objects.exists() and not mail.outbox


def test_too_long_note_is_refused(client, make_place):
    place = make_place()
    response = client.post(place.url + SLUG, {"message": "x" * 1001})
    assert (
        "Uw bericht is te lang. Gebruik hooguit 1000 tekens (nu 1001)." in response.content.decode()
    )
    assert not Correction.objects.exists()


def test_honeypot_is_thanked_and_dropped(client, make_place):
    place = make_place(email="bloom@example.org")
    response = send(client, place, website="http://spam.example")
    assert response.status_code == 302 and response["Location"].endswith("?verzonden=1")
    assert not Correction.objects.exists() and not mail.outbox


def test_rate_limit_per_address(client, make_place, settings):
    settings.FEEDBACK_RATE = "2/h"
    place = make_place(email="bloom@example.org")
    assert send(client, place).status_code == 302
    # A typo does not count.
    assert client.post(place.url + SLUG, {"message": ""}).status_code == 200
    assert send(client, place).status_code == 302
    response = send(client, place, name="Els")
    assert response.status_code == 429
    html = response.content.decode()
    assert "U heeft al veel berichten gestuurd" in html and 'value="Els"' in html
    assert Correction.objects.count() == 2
    # Another address may still send.
    other = client.post(place.url + SLUG, {"message": NOTE}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, make_place, method):
    assert getattr(client, method)(make_place().url + SLUG).status_code == 405


def test_page_types_without_the_form_answer_404(client, home, make_place):
    standard = home.add_child(instance=StandardPage(title="Over ons", slug="over-ons"))
    assert client.get(standard.url + SLUG).status_code == 404
    assert client.get(home.url + SLUG).status_code == 404
    place = make_place()
    assert client.get(f"{place.url}{SLUG}nog-iets/").status_code == 404
    # The place's own page and its parent's routes are unchanged.
    assert client.get(place.url).status_code == 200
    assert client.get(place.get_parent().url + "print/").status_code == 200


def test_a_draft_has_no_form(client, make_place):
    place = make_place()
    url = place.url + SLUG
    place.unpublish()
    assert client.get(url).status_code == 404


def test_a_place_hidden_as_not_checked_has_no_form(client, make_place):
    place = make_place()
    place.last_checked = timezone.localdate() - dt.timedelta(days=800)
    place.save()
    assert client.get(place.url + SLUG).status_code == 404


# The admin


@pytest.fixture
def editor(home):
    ensure_groups()
    user = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_setup_gives_both_groups_the_notes_and_is_idempotent(home):
    ensure_groups()
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    moderators = set(
        Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True)
    )
    assert {"view_correction", "change_correction"} <= editors
    assert "delete_correction" not in editors
    assert {"view_correction", "change_correction", "delete_correction"} <= moderators
    assert ensure_groups() == 0


def test_admin_lists_open_notes_and_marks_them_handled(client, editor, make_place):
    place = make_place()
    open_note = Correction.objects.create(page=place, message="Oud telefoonnummer")
    done = Correction.objects.create(page=place, message="Al gedaan", handled=True)
    client.force_login(editor)
    index = reverse("feedback:index")
    html = client.get(index).content.decode()
    assert "Oud telefoonnummer" in html and "Al gedaan" in html
    assert reverse("wagtailadmin_pages:edit", args=[place.pk]) in html
    assert "Markeer als afgehandeld" in html
    filtered = client.get(index, {"handled": "false"}).content.decode()
    assert "Oud telefoonnummer" in filtered and "Al gedaan" not in filtered

    url = reverse("feedback:mark_handled", args=[open_note.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": index + "?handled=false"})
    assert response.status_code == 302 and response["Location"] == index + "?handled=false"
    open_note.refresh_from_db()
    assert open_note.handled and open_note.handled_by == editor and open_note.handled_at
    assert done.pk in Correction.objects.filter(handled=True).values_list("pk", flat=True)


def test_the_list_button_carries_a_csrf_token(editor, make_place):
    """Table cells render outside the page's context: the button must bring its own token."""
    note = Correction.objects.create(page=make_place(), message="Oud telefoonnummer")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    html = strict.get(reverse("feedback:index")).content.decode()
    action = reverse("feedback:mark_handled", args=[note.pk])
    start = html.index(f'action="{action}"')
    form = html[start : html.index("</form>", start)]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert strict.post(action, {"csrfmiddlewaretoken": token}).status_code == 302
    note.refresh_from_db()
    assert note.handled


def test_admin_edit_records_who_handled_it(client, editor, make_place):
    note = Correction.objects.create(page=make_place(), message="Oud telefoonnummer")
    client.force_login(editor)
    url = reverse("feedback:edit", args=[note.pk])
    assert "Oud telefoonnummer" in client.get(url).content.decode()
    response = client.post(url, {"handled": "on", "internal_note": "Gebeld, aangepast."})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.handled and note.handled_by == editor and note.internal_note
    assert note.message == "Oud telefoonnummer"  # read-only in the form


def test_notes_cannot_be_added_in_the_admin(client, editor):
    client.force_login(editor)
    html = client.get(reverse("feedback:index")).content.decode()
    assert "/admin/feedback/new/" not in html
    assert client.get("/admin/feedback/new/", follow=True).status_code == 404


def test_users_without_permission_see_no_notes(client, home, make_place):
    note = Correction.objects.create(page=make_place(), message="x")
    user = get_user_model().objects.create_user("bezoeker", "b@example.org", "x")
    client.force_login(user)
    assert client.get(reverse("feedback:index")).status_code in (302, 403)
    client.post(reverse("feedback:mark_handled", args=[note.pk]))
    note.refresh_from_db()
    assert not note.handled


# Retention


def test_retention_command_wipes_and_deletes_after_the_period(make_place, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    place = make_place()
    with time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        old_open = Correction.objects.create(
            page=place, message="Open", name="Els", email="els@example.org"
        )
        old_done = Correction.objects.create(page=place, message="Klaar", handled=True)
    with time_machine.travel(dt.datetime(2026, 1, 25, 12, tzinfo=dt.UTC), tick=False):
        recent = Correction.objects.create(
            page=place, message="Nieuw", name="Piet", email="piet@example.org", handled=True
        )
    with time_machine.travel(dt.datetime(2026, 1, 31, 13, tzinfo=dt.UTC), tick=False):
        out = io.StringIO()
        call_command("delete_old_feedback", stdout=out)
    assert "1 afgehandelde meldingen verwijderd" in out.getvalue()
    assert not Correction.objects.filter(pk=old_done.pk).exists()
    old_open.refresh_from_db()
    assert (old_open.message, old_open.name, old_open.email) == ("Open", "", "")
    recent.refresh_from_db()
    assert (recent.name, recent.email) == ("Piet", "piet@example.org")
