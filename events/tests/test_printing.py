"""Invite someone, and print: the A6 card, the poster and the weekly programme, as rendered."""

import base64
import datetime as dt
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image, ImageDraw

from core.models import AccessibilityFeature, Municipality, Organisation
from events.recurrence import AMSTERDAM
from events.tests.conftest import local
from tests.querycount import assert_same_query_count

pytestmark = pytest.mark.django_db

ADDRESS = {
    "location_name": "Buurthuis De Linde",
    "street": "Lindelaan",
    "house_number": "12a",
    "postcode": "8011 AB",
    "city": "Zwolle",
}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def decode(image):
    results = zxingcpp.read_barcodes(image)
    assert results, "no QR code found in the image"
    return results[0].text


def decode_data_uri(uri):
    prefix = "data:image/png;base64,"
    assert uri.startswith(prefix)
    return decode(Image.open(io.BytesIO(base64.b64decode(uri[len(prefix) :]))))


def decode_svg(svg, pixels=10):
    """Draw segno's one-path SVG (``M``/``m`` moves, ``h`` runs one module high) and decode it."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg, re.IGNORECASE).group(1))
    path = re.search(r' d="([^"]+)"', svg).group(1)
    assert set(re.sub(r"[\d.\s-]", "", path)) <= {"M", "m", "h"}, "unexpected SVG path commands"
    image = Image.new("L", (size * pixels, size * pixels), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, arguments in re.findall(r"([Mmh])([^Mmh]*)", path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", arguments)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            row = int(y)
            draw.rectangle(
                [x * pixels, row * pixels, (x + numbers[0]) * pixels - 1, (row + 1) * pixels - 1],
                fill=0,
            )
            x += numbers[0]
    return decode(image)


def next_tuesday(hour):
    """A Tuesday one to eight days from now in Dutch time: inside the occurrence window."""
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=1)
    day += dt.timedelta(days=(1 - day.weekday()) % 7)
    return local(day.year, day.month, day.day, hour, 0)


def day_label(moment):
    return date_format(moment.astimezone(AMSTERDAM), "l j F").capitalize()


def get(client, page, route, **params):
    response = client.get(f"{page.url}{route}", params)
    assert response.status_code == 200, response.status_code
    return response


# --- invitation card -----------------------------------------------------------------------
def test_invitation_card_shows_next_date_place_and_a_qr_code_to_the_event(client, make_event):
    event = make_event(title="Samen eten", starts_at=local(2030, 3, 5, 17, 30), **ADDRESS)

    response = get(client, event, "uitnodiging/")
    card = soup(response).select_one("article.invite-card")

    text = " ".join(card.get_text(" ").split())
    assert "Ik nodig u uit voor" in text
    assert "Samen eten" in text
    assert "Dinsdag 5 maart" in text
    assert "17:30 tot 19:30 uur" in text
    assert "Buurthuis De Linde" in text
    assert "Lindelaan 12a, 8011 AB Zwolle" in text
    assert text.startswith("Aan:") and text.endswith("Van:")  # lines to write on by hand
    assert "events/css/print-invitation-card.css" in response.content.decode()  # A6

    full_url = event.get_full_url(response.wsgi_request)
    assert decode_data_uri(card.select_one("img")["src"]) == full_url


def test_invitation_for_a_chosen_date_and_fallback_for_bad_values(client, make_event):
    first = next_tuesday(10)
    event = make_event(
        title="Koffieochtend",
        starts_at=first,
        recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        exceptions=[{"original_start": first, "change": "cancelled"}],
        **ADDRESS,
    )
    week = [day_label(first + dt.timedelta(weeks=n)) for n in range(4)]

    def card_text(**params):
        card = soup(get(client, event, "uitnodiging/", **params)).select_one("article.invite-card")
        return " ".join(card.get_text(" ").split())

    # The first date is cancelled: the card invites to the next one that goes ahead.
    assert week[1] in card_text()
    assert week[3] in card_text(datum=(first + dt.timedelta(weeks=3)).date().isoformat())
    chosen_cancelled = card_text(datum=first.date().isoformat())
    assert week[0] in chosen_cancelled and "Afgelast" in chosen_cancelled
    not_a_date_of_it = (first + dt.timedelta(days=1)).date().isoformat()
    for bad in ("gisteren", not_a_date_of_it, "99999-01-01", "2030-02-30", "9999-12-31", "x" * 500):
        assert week[1] in card_text(datum=bad), bad


def test_invitation_offers_a_message_and_share_links_without_third_party_scripts(
    client, make_event
):
    event = make_event(title="Wandelen & praten", starts_at=local(2030, 3, 5, 10, 0), **ADDRESS)

    response = get(client, event, "uitnodiging/")
    html = soup(response)
    full_url = event.get_full_url(response.wsgi_request)

    message = html.select_one("textarea#share-message[readonly]").get_text()
    assert message.startswith("Ik nodig u uit voor Wandelen & praten.")
    assert "Dinsdag 5 maart, 10:00 tot 12:00 uur" in message
    assert "Buurthuis De Linde, Lindelaan 12a, 8011 AB Zwolle" in message
    assert message.endswith(full_url)

    mailto = html.find("a", href=re.compile("^mailto:"))["href"]
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == ["Uitnodiging: Wandelen & praten"]
    assert query["body"] == [message]
    whatsapp = html.find("a", href=re.compile(r"^https://wa\.me/\?text="))["href"]
    assert unquote(whatsapp.split("text=", 1)[1]) == message

    # Nothing from another site is loaded before a click: no remote scripts, frames or images.
    loaded = [
        *(element.get("src", "") for element in html.find_all(["script", "iframe", "img"])),
        *(element["href"] for element in html.select("link[rel~=stylesheet], link[rel~=preload]")),
    ]
    assert loaded and not [url for url in loaded if url.startswith(("http:", "https:", "//"))]

    # Print button only with JavaScript; without it the page explains what to do.
    button = html.find("button", attrs={"data-print": True})
    assert button.has_attr("hidden")
    assert "gebruik Afdrukken in uw browser" in html.get_text()


def test_invitation_in_the_je_form(client, make_event):
    event = make_event(title="Spelletjesmiddag", **ADDRESS)
    html = soup(get(client, event, "uitnodiging/", vorm="je"))
    assert "Ik nodig je uit voor" in html.select_one("article.invite-card").get_text()
    assert html.select_one("textarea#share-message").get_text().startswith("Ik nodig je uit")


def test_invite_card_on_the_event_page_links_to_card_poster_and_messages(client, make_event, rf):
    from django.template.loader import render_to_string

    event = make_event(title="Samen eten", starts_at=local(2030, 3, 5, 17, 30), **ADDRESS)
    request = rf.get(event.url)
    html = BeautifulSoup(
        render_to_string(
            "events/tags/invite_card.html",
            {"page": event, "occurrences": event.upcoming_occurrences, "request": request},
        ),
        "html.parser",
    )
    hrefs = [a["href"] for a in html.find_all("a")]
    assert f"{event.url}uitnodiging/" in hrefs and f"{event.url}poster/" in hrefs
    message = html.select_one("textarea[readonly]").get_text()
    assert "Dinsdag 5 maart, 17:30 tot 19:30 uur" in message
    assert message.endswith(event.get_full_url(request))
    whatsapp = next(href for href in hrefs if href.startswith("https://wa.me/?text="))
    assert unquote(whatsapp.split("text=", 1)[1]) == message
    mailto = parse_qs(urlsplit(next(h for h in hrefs if h.startswith("mailto:"))).query)
    assert mailto["body"] == [message]


# --- poster --------------------------------------------------------------------------------
def test_poster_has_the_facts_and_a_qr_code_to_the_event(client, make_event, zwolle):
    from wagtail.models import Locale

    nl = Locale.objects.get(language_code="nl")
    wheelchair = AccessibilityFeature.objects.create(
        name="Rolstoeltoegankelijk", slug="rolstoel", locale=nl
    )
    organiser = Organisation.objects.create(name="Welzijn Zwolle", slug="welzijn-zwolle", locale=nl)
    first = next_tuesday(10)
    event = make_event(
        title="Koffieochtend",
        starts_at=first,
        recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=3",
        price="€ 3,50",
        registration="phone",
        registration_phone="038 123 45 67",
        organiser=organiser,
        welcome_at_door=True,
        what_to_bring="Niets",
        **ADDRESS,
    )
    event.accessibility.add(wheelchair)
    event.save_revision().publish()

    response = get(client, event, "poster/")
    html = soup(response)
    poster = html.select_one("article.poster")
    text = " ".join(poster.get_text(" ").split())
    for expected in (
        "Koffieochtend",
        "Samen koffie drinken en praten.",
        "Elke week op dinsdag",
        f"{day_label(first)}, 10:00 tot 12:00 uur",
        day_label(first + dt.timedelta(weeks=1)),
        day_label(first + dt.timedelta(weeks=2)),
        "Buurthuis De Linde",
        "Lindelaan 12a, 8011 AB Zwolle",
        "€ 3,50",
        "bel 038 123 45 67",
        "Rolstoeltoegankelijk",
        "De eerste keer?",
        "Er staat iemand bij de deur",
        "Neem mee: Niets",
        "Welzijn Zwolle",
    ):
        assert expected in text, expected
    assert "events/css/print-poster-a4.css" in response.content.decode()
    assert poster.select_one(".poster__status") is None

    full_url = event.get_full_url(response.wsgi_request)
    # The short URL under the code, with places to break it (``<wbr>``) but nothing to type.
    short_url = poster.select_one(".poster__qr .poster__url")
    assert short_url.get_text("") == full_url.split("://", 1)[1].rstrip("/")
    assert decode_svg(str(poster.select_one(".poster__qr svg"))) == full_url
    download = html.find("a", attrs={"download": True})
    assert decode_data_uri(download["href"]) == full_url


def test_poster_is_free_and_a3_on_request(client, make_event):
    event = make_event(title="Kom erbij Festival", **ADDRESS)

    a3 = get(client, event, "poster/", formaat="a3").content.decode()
    assert "print-poster-a3.css" in a3 and "print-poster-a4.css" not in a3
    assert "poster--a3" in a3
    for bad in ("a5", "A3'; }", ""):
        page = get(client, event, "poster/", formaat=bad).content.decode()
        assert "print-poster-a4.css" in page and "print-poster-a3.css" not in page
    assert "Gratis" in soup(get(client, event, "poster/")).select_one(".poster").get_text()


def test_cancelled_status_is_prominent_on_poster_and_card(client, make_event):
    event = make_event(
        title="Langste Eettafel",
        status="cancelled",
        status_note="Wegens ziekte van de kok",
        **ADDRESS,
    )
    poster = soup(get(client, event, "poster/")).select_one("article.poster")
    status = poster.select_one(".poster__status")
    assert "afgelast" in status.get_text().lower()
    assert "Wegens ziekte van de kok" in status.get_text()
    assert "poster--cancelled" in poster["class"]

    # Nothing to go to together: no card, no QR code, but where to look instead.
    html = soup(get(client, event, "uitnodiging/"))
    assert html.select_one("article.invite-card") is None
    assert "Deze activiteit is afgelast." in html.get_text()


# --- fitting the paper ---------------------------------------------------------------------
LONG_TITLE = ("Ontmoetingsbijeenkomst voor buren " * 8)[:250]


def card_classes(client, event, **params):
    card = soup(get(client, event, "uitnodiging/", **params)).select_one("article.invite-card")
    return card, card["class"], card.h2["class"]


def fit_of(classes, prefix):
    return int(next(name for name in classes if name.startswith(prefix))[len(prefix) :])


def test_long_texts_make_the_card_type_smaller_never_longer(client, make_event):
    short = make_event(title="Breicafé", **ADDRESS)
    long = make_event(
        title=LONG_TITLE,
        status="moved",
        status_note="Nu in de bibliotheek aan de overkant van het plein, " * 3,
        **{**ADDRESS, "location_name": "Buurthuis De Grote Ontmoetingsplek " * 4},
    )

    _card, classes, title_classes = card_classes(client, short)
    assert "invite-card--fit-100" in classes and "invite-card__title--22" in title_classes
    card, classes, title_classes = card_classes(client, long)
    assert fit_of(classes, "invite-card--fit-") < 100
    assert "invite-card__title--13" in title_classes
    # Shortened in size only: every word of the title and the note is still on the card.
    text = " ".join(card.get_text(" ").split())
    assert " ".join(LONG_TITLE.split()) in text
    assert "Nu in de bibliotheek aan de overkant" in text


def test_fit_steps_follow_the_amount_of_text():
    from events import print_fit

    def texts(title, note="", venue="De Linde"):
        return {
            "opening": "Ik nodig u uit voor",
            "title": title,
            "status": note,
            "when": "Dinsdag 5 maart",
            "time": "10:00 tot 12:00 uur",
            "venue": venue,
            "address": "Lindelaan 12a, 8011 AB Zwolle",
            "question": "Gaat u met mij mee?",
            "scan": "Scan de code",
            "url": "example.org/nl/a/b",
        }

    steps = [
        print_fit.card_fit(texts(title, note, venue))
        for title, note, venue in (
            ("Breicafé", "", "De Linde"),
            (LONG_TITLE, "", "De Linde"),
            (LONG_TITLE, "x " * 100, "Buurthuis " * 15),
        )
    ]
    assert steps[0] == 100 and steps[0] > steps[1] > steps[2] >= print_fit.FIT_STEPS[-1]


def test_urls_break_at_slashes_and_hyphens_and_stay_escaped():
    from events.printing import breakable_url

    html = breakable_url("example.org/nl/agenda/samen-eten/?a=<b>")
    assert html == (
        "example<wbr>.org/<wbr>nl/<wbr>agenda/<wbr>samen<wbr>-eten/<wbr><wbr>?a<wbr>=&lt;b&gt;"
    )
    assert (
        BeautifulSoup(html, "html.parser").get_text() == "example.org/nl/agenda/samen-eten/?a=<b>"
    )


def test_sheet_of_four_cards_on_a4(client, make_event):
    first = next_tuesday(10)
    event = make_event(
        title="Koffieochtend", starts_at=first, recurrence="FREQ=WEEKLY;COUNT=3", **ADDRESS
    )

    response = get(client, event, "uitnodiging/", vel="4", vorm="je")
    html = soup(response)
    cards = html.select(".invite-sheet > article.invite-card")
    assert len(cards) == 4
    assert "events/css/print-invitation-sheet.css" in response.content.decode()
    # One card for screen readers; the three copies are hidden and repeat no id.
    assert [card.get("aria-hidden") for card in cards] == [None, "true", "true", "true"]
    assert len(html.select("#card-title")) == 1
    assert all("Ik nodig je uit voor" in card.get_text() for card in cards)
    # The other links keep the sheet (and the "je"), the switch goes back to one card.
    date_links = [a["href"] for a in html.select(".print-view__dates a")]
    assert date_links and all("vel=4" in href and "vorm=je" in href for href in date_links)
    switch = html.find("a", string=re.compile("Eén kaart"))["href"]
    assert "vel" not in switch and "vorm=je" in switch
    single = soup(get(client, event, "uitnodiging/"))
    assert len(single.select("article.invite-card")) == 1
    assert "vel=4" in single.find("a", string=re.compile("4 kaarten"))["href"]


def test_a_full_event_invites_nobody(client, make_event, rf):
    from django.template.loader import render_to_string

    event = make_event(title="Lekker opscheppen", status="full", **ADDRESS)

    response = get(client, event, "uitnodiging/")
    html = soup(response)
    assert html.select_one("article.invite-card") is None
    assert "data:image/png" not in response.content.decode()
    assert "Deze activiteit is vol." in html.get_text()
    # Nor does the block on the event page offer a card or a message to send.
    teaser = render_to_string(
        "events/tags/invite_card.html",
        {"page": event, "occurrences": event.upcoming_occurrences, "request": rf.get(event.url)},
    )
    assert "uitnodiging/" not in teaser and "wa.me" not in teaser and "mailto:" not in teaser
    assert "vol" in teaser
    # The poster still tells passers-by, in large type.
    poster = soup(get(client, event, "poster/")).select_one(".poster__status")
    assert "vol" in poster.get_text().lower()


def test_english_card_is_marked_english_and_a_dutch_place_name_dutch(client, home, make_event):
    from wagtail.models import Locale

    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = social_map.add_child(
        instance=PlacePage(
            title="Buurthuis De Linde", slug="de-linde", kind=kind, summary="Buurthuis."
        )
    )
    event = make_event(title="Samen eten", place=place)
    english = event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Dinner together"
    english.save_revision().publish()
    assert english.place_id == place.pk  # the place has no English translation

    response = client.get(f"{english.url}uitnodiging/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "en"
    card = html.select_one("article.invite-card")
    assert card["lang"] == "en"
    assert card.find("span", lang="nl").get_text() == "Buurthuis De Linde"
    dutch_card = soup(client.get(f"{event.url}uitnodiging/")).select_one("article.invite-card")
    assert dutch_card["lang"] == "nl" and dutch_card.find("span", lang=True) is None


def test_poster_of_a_long_series_shows_the_rule_and_the_next_few_dates(client, make_event):
    first = next_tuesday(10)
    event = make_event(
        title="Koffieochtend", starts_at=first, recurrence="FREQ=WEEKLY;COUNT=30", **ADDRESS
    )

    poster = soup(get(client, event, "poster/")).select_one("article.poster")
    text = " ".join(poster.get_text(" ").split())
    assert "Elke week op dinsdag" in text
    dates = poster.select(".poster__dates li")
    assert len(dates) == 3
    assert day_label(first) in dates[0].get_text()
    assert day_label(first + dt.timedelta(weeks=3)) not in text
    assert "Alle data staan op de website." in text


# --- programme -----------------------------------------------------------------------------
@pytest.fixture
def deventer(db):
    return Municipality.objects.create(name="Deventer", slug="deventer", province="Overijssel")


def soon(days, hour):
    """A time ``days`` from today in Dutch time, so the event is inside the coming week."""
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=days)
    return local(day.year, day.month, day.day, hour, 0)


def programme_days(response):
    """[(day heading, [titles])] from the rendered programme."""
    return [
        (
            section.h2.get_text(strip=True),
            [item.h3.get_text(strip=True) for item in section.select(".programme__item")],
        )
        for section in soup(response).select("section.programme__day")
    ]


def test_programme_groups_the_week_by_day_for_one_municipality(
    client, agenda, make_event, deventer
):
    make_event(title="Ochtendwandeling", starts_at=soon(2, 9), **ADDRESS)
    make_event(title="Middagsoos", starts_at=soon(2, 14), price="€ 2,00", **ADDRESS)
    make_event(title="Breicafé", starts_at=soon(1, 10), **ADDRESS)
    make_event(title="Afgelaste bingo", starts_at=soon(3, 19), status="cancelled", **ADDRESS)
    make_event(title="In Deventer", starts_at=soon(1, 11), municipality=deventer)
    make_event(title="Volgende maand", starts_at=soon(30, 10), **ADDRESS)

    response = client.get(f"{agenda.url}programma/", {"gemeente": "zwolle"})
    assert response.status_code == 200
    days = programme_days(response)
    day_one, day_two, day_three = (soon(n, 0).date() for n in (1, 2, 3))
    assert days == [
        (date_format(day_one, "l j F").capitalize(), ["Breicafé"]),
        (date_format(day_two, "l j F").capitalize(), ["Ochtendwandeling", "Middagsoos"]),
        (date_format(day_three, "l j F").capitalize(), ["Afgelaste bingo"]),
    ]
    html = soup(response)
    items = html.select(".programme__item")
    middagsoos = " ".join(items[2].get_text(" ").split())
    assert "14:00 tot 16:00 uur" in middagsoos
    assert "Buurthuis De Linde, Lindelaan 12a, 8011 AB Zwolle" in middagsoos
    assert "€ 2,00" in middagsoos
    assert "Gratis" in items[0].get_text()
    assert "Afgelast" in items[3].get_text()
    assert "events/css/programme.css" in response.content.decode()
    css = Path(finders.find("events/css/programme.css")).read_text()
    assert re.search(r"\.programme \{[^}]*font-size: 1[4-9]pt", css)

    # Next week starts a day later: the first day drops off.
    later = client.get(
        f"{agenda.url}programma/", {"gemeente": "zwolle", "van": soon(2, 0).date().isoformat()}
    )
    assert [titles for _day, titles in programme_days(later)][0] == [
        "Ochtendwandeling",
        "Middagsoos",
    ]


def test_programme_without_or_with_unknown_municipality_lists_the_choices(
    client, agenda, make_event, deventer
):
    make_event(title="Breicafé", starts_at=soon(1, 10), **ADDRESS)
    make_event(title="Zangkoor", starts_at=soon(2, 10), **ADDRESS)
    make_event(title="In Deventer", starts_at=soon(1, 11), municipality=deventer)

    response = client.get(f"{agenda.url}programma/")
    assert response.status_code == 200
    links = {
        a.get_text(strip=True): a["href"]
        for a in soup(response).select("#choose-municipality ~ ul a")
    }
    assert links == {"Deventer": "?gemeente=deventer", "Zwolle": "?gemeente=zwolle"}
    assert "2 activiteiten" in soup(response).get_text()

    unknown = client.get(f"{agenda.url}programma/", {"gemeente": "atlantis"})
    assert unknown.status_code == 404
    assert "Die gemeente kennen we niet" in unknown.content.decode()
    assert "?gemeente=zwolle" in unknown.content.decode()

    bad_day = client.get(f"{agenda.url}programma/", {"gemeente": "zwolle", "van": "99999-01-01"})
    assert bad_day.status_code == 200
    assert [titles for _day, titles in programme_days(bad_day)] == [["Breicafé"], ["Zangkoor"]]


def test_programme_makes_a_fixed_number_of_queries(client, agenda, make_event):
    for number in range(3):
        make_event(
            title=f"Activiteit {number}", starts_at=soon(1 + number % 5, 9 + number % 8), **ADDRESS
        )

    def grow():
        for number in range(3, 30):
            make_event(starts_at=soon(1 + number % 5, 9 + number % 8), **ADDRESS)

    response, _count = assert_same_query_count(
        client, f"{agenda.url}programma/?gemeente=zwolle", grow
    )
    assert len(soup(response).select(".programme__item")) == 30
