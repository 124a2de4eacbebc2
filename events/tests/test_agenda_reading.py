"""The agenda as residents read it: results where the eye is, each series once with its rule,
a calendar that opens where the dates are, somewhere to go when nothing is on, who organises
it, and Dutch clock times. On a fixed clock: Monday 30 November 2026, 12:00 in Amsterdam."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from core.models import Organisation
from events.models import EventSubmissionPage

from .conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 30, 12, 0)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def count_of(html, text):
    return len(re.findall(re.escape(text), html))


@pytest.fixture
def place_open_on_mondays(home):
    from social_map.models import OpeningHours, PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Huiskamer", slug="huiskamer", locale=home.locale)
    place = PlacePage(
        title="Huiskamer De Linde", slug="de-linde", kind=kind, summary="Koffie en een praatje."
    )
    place.opening_hours = [OpeningHours(weekday=0, opens=dt.time(10), closes=dt.time(16))]
    social_map.add_child(instance=place)
    place.save_revision().publish()
    closed = PlacePage(title="Dicht op maandag", slug="dicht", kind=kind, summary="Alleen dinsdag.")
    closed.opening_hours = [OpeningHours(weekday=1, opens=dt.time(10), closes=dt.time(16))]
    social_map.add_child(instance=closed)
    closed.save_revision().publish()
    return place


# --- 1. results where the eye is ---------------------------------------------------------
def test_the_form_and_page_links_go_to_the_results_heading_with_its_count(
    client, agenda, make_event
):
    agenda.per_page = 2
    agenda.save_revision().publish()
    for number in range(3):
        make_event(title=f"Bijeenkomst {number}", starts_at=local(2026, 12, 2 + number, 14, 0))
    html = client.get(agenda.url).content.decode()
    assert f'action="{agenda.url}#resultaten"' in html
    heading = re.search(r'<h2 id="resultaten" tabindex="-1">([^<]*)</h2>', html)
    assert heading and heading.group(1) == "3 activiteiten gevonden"
    assert 'href="?pagina=2#resultaten"' in html


def test_month_navigation_goes_to_the_calendar_heading(client, agenda, make_event):
    make_event(title="Soep", starts_at=local(2026, 11, 30, 18, 0))
    html = client.get(f"{agenda.url}?weergave=kalender").content.decode()
    assert '<h2 id="resultaten" tabindex="-1">November 2026</h2>' in html
    assert "weergave=kalender&amp;maand=2026-12#resultaten" in html
    assert "datum=2026-11-30#resultaten" in html


def test_an_announce_link_leads_to_the_agenda_form(client, agenda):
    form = agenda.add_child(instance=EventSubmissionPage(title="Activiteit aanmelden", slug="aan"))
    html = client.get(agenda.url).content.decode()
    assert f'href="{form.url}"' in html and "Activiteit aanmelden" in html


# --- 2. a series once, with its rule ------------------------------------------------------
def test_a_weekly_series_is_listed_once_with_its_rule_and_next_date(client, agenda, make_event):
    make_event(
        title="Koffie op dinsdag",
        starts_at=local(2026, 12, 1, 10, 0),
        ends_at=local(2026, 12, 1, 11, 30),
        recurrence="FREQ=WEEKLY;COUNT=6",
    )
    make_event(title="Eenmalig", starts_at=local(2026, 12, 3, 14, 0))
    html = client.get(agenda.url).content.decode()
    assert count_of(html, "Koffie op dinsdag</a></h3>") == 1
    assert "Elke week op dinsdag, 10:00 uur, 6 keer" in html
    assert "Eerstvolgende keer: <time" in html and "dinsdag 1 december, 10:00–11:30" in html
    assert "Bekijk alle 6 data" in html and "#data" in html
    assert "2 activiteiten gevonden" in html
    # Every date, on request; the form keeps that choice.
    all_dates = client.get(f"{agenda.url}?data=alle").content.decode()
    assert count_of(all_dates, "Koffie op dinsdag</a></h3>") == 6
    assert "7 data gevonden" in all_dates
    assert '<input type="hidden" name="data" value="alle">' in all_dates


def test_series_once_still_pages_in_the_database(client, agenda, make_event):
    agenda.per_page = 2
    agenda.save_revision().publish()
    for number in range(3):
        make_event(
            title=f"Reeks {number}",
            starts_at=local(2026, 12, 1 + number, 10, 0),
            recurrence="FREQ=DAILY;COUNT=5",
        )
    first = client.get(agenda.url).content.decode()
    second = client.get(f"{agenda.url}?pagina=2").content.decode()
    assert "Reeks 0" in first and "Reeks 1" in first and "Reeks 2" not in first
    assert "Reeks 2" in second and "Reeks 0" not in second
    assert "3 activiteiten gevonden" in first


# --- 4. the calendar opens where the dates are --------------------------------------------
def test_on_30_november_the_calendar_opens_on_december_with_the_days_around_it(
    client, agenda, make_event
):
    make_event(title="Vanochtend", starts_at=local(2026, 11, 30, 9, 0))  # until 11:00
    for day in range(1, 6):
        make_event(title=f"December {day}", starts_at=local(2026, 12, day, 14, 0))
    make_event(title="Nieuwjaarskoffie", starts_at=local(2027, 1, 2, 11, 0))
    html = client.get(f"{agenda.url}?weergave=kalender").content.decode()
    assert '<h2 id="resultaten" tabindex="-1">December 2026</h2>' in html
    assert "In november staat er niets meer in de agenda" in html
    assert "5 keer iets te doen deze maand" in html
    assert all(f"December {day}" in html for day in range(1, 6))
    # The days of the months around it: greyed, and linking where something is on.
    other_days = re.findall(r'<td class="month__day month__day--other[^"]*"', html)
    assert len(other_days) == 4  # Monday 30 November; Friday 1 to Sunday 3 January
    assert "Nieuwjaarskoffie" in html and "datum=2027-01-02#resultaten" in html
    assert "Vanochtend" in html and "datum=2026-11-30#resultaten" in html
    # November, asked for, still shows this morning.
    november = client.get(f"{agenda.url}?weergave=kalender&maand=2026-11").content.decode()
    assert "Vanochtend" in november and "month__day--other month__day--busy" in november


def test_the_calendar_stays_on_this_month_while_dates_are_left(client, agenda, make_event):
    make_event(title="Vanavond", starts_at=local(2026, 11, 30, 19, 0))
    make_event(title="Morgen", starts_at=local(2026, 12, 1, 14, 0))
    html = client.get(f"{agenda.url}?weergave=kalender").content.decode()
    assert "November 2026" in html and "niets meer" not in html
    # December 1 is in November's last week: shown greyed, with its date.
    assert "Morgen" in html and "datum=2026-12-01#resultaten" in html


# --- 5. nothing on: somewhere to go anyway ------------------------------------------------
def test_an_empty_today_suggests_places_open_today_and_the_next_dates(
    client, agenda, make_event, place_open_on_mondays
):
    make_event(title="Volgende week", starts_at=local(2026, 12, 7, 14, 0))
    html = client.get(f"{agenda.url}?wanneer=vandaag").content.decode()
    assert "0 activiteiten gevonden" in html
    assert "Vandaag open" in html and "Huiskamer De Linde" in html
    assert "10:00–16:00" in html and "Dicht op maandag" not in html
    assert place_open_on_mondays.url in html
    assert "Dit is het eerstvolgende in de agenda" in html and "Volgende week" in html


def test_a_list_with_results_makes_no_suggestions(client, agenda, make_event, home):
    make_event(title="Vanmiddag", starts_at=local(2026, 11, 30, 15, 0))
    html = client.get(f"{agenda.url}?wanneer=vandaag").content.decode()
    assert "Vanmiddag" in html and "eerstvolgende in de agenda" not in html


# --- 6. who organises it, and a phone -----------------------------------------------------
def test_the_event_page_names_the_organiser_and_a_phone_to_call(client, make_event, home):
    typed = make_event(
        title="Buurtmaaltijd",
        organiser_name="Buurtvereniging De Bloom",
        contact_phone="030 123 45 67",
    )
    html = client.get(typed.url).content.decode()
    facts = html[html.index('id="event-facts"') :]
    assert "Wie organiseert het" in facts and "Buurtvereniging De Bloom" in facts
    assert '<a href="tel:0301234567">030 123 45 67</a>' in facts

    organisation = Organisation.objects.create(
        name="Welzijn Noord",
        slug="welzijn-noord",
        locale=home.locale,
        contact_phone="038 765 43 21",
    )
    chosen = make_event(title="Wandelen", organiser=organisation)
    html = client.get(chosen.url).content.decode()
    assert "Welzijn Noord" in html and 'href="tel:0387654321"' in html

    unknown = make_event(title="Onbekend wie")
    html = client.get(unknown.url).content.decode()
    assert "Wie organiseert het" in html and "Niet bekend" in html and "tel:" not in html


# --- 7. Dutch time, and "today" without what has ended ------------------------------------
def test_today_and_this_week_leave_out_what_ended_earlier_today(client, agenda, make_event):
    make_event(title="Ochtendkoffie", starts_at=local(2026, 11, 30, 9, 0))  # until 11:00
    make_event(title="Middagsoep", starts_at=local(2026, 11, 30, 13, 0))
    make_event(title="Nu bezig", starts_at=local(2026, 11, 30, 11, 0))  # until 13:00
    make_event(title="Gisteren", starts_at=local(2026, 11, 29, 14, 0))
    for when in ("vandaag", "deze-week", ""):
        html = client.get(f"{agenda.url}?wanneer={when}").content.decode()
        assert "Middagsoep" in html and "Nu bezig" in html, when
        assert "Ochtendkoffie" not in html, when
    assert "Ochtendkoffie" not in client.get(f"{agenda.url}?datum=2026-11-30").content.decode()
    # A day in the past, chosen in the month calendar, still lists that day.
    assert "Gisteren" in client.get(f"{agenda.url}?datum=2026-11-29").content.decode()


def test_times_are_dutch_in_the_list_calendar_and_suggestions_whatever_the_zone(
    client, agenda, make_event, settings
):
    settings.TIME_ZONE = "UTC"
    timezone.activate("UTC")
    try:
        make_event(
            title="Koffie",
            starts_at=local(2026, 12, 1, 10, 0),
            recurrence="FREQ=WEEKLY;COUNT=3",
        )
        listing = client.get(agenda.url).content.decode()
        calendar = client.get(f"{agenda.url}?weergave=kalender&maand=2026-12").content.decode()
        empty = client.get(f"{agenda.url}?wanneer=vandaag").content.decode()
    finally:
        timezone.deactivate()
    assert "10:00–12:00" in listing and "10:00 uur" in listing and "09:00" not in listing
    assert "10:00 Koffie" in calendar and "09:00" not in calendar
    assert "10:00–12:00" in empty and "09:00" not in empty
