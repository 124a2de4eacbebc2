"""Print-outs that fit: the invitation card and the poster, printed to PDF by Chromium.

Residents saw an A6 card cut off at the right and bottom (without its "Van:" line) and an A4
poster of a weekly event on two pages. Here Chromium prints the card, the sheet of four and the
poster of the demo event with the longest title, a weekly series and an event with every text
at its longest, and each must be exactly one page of the right paper with nothing outside it.
"""

import datetime as dt
import math
import os
import re

import pytest
from django.utils import timezone

from events.choices import EventStatus
from events.models import EventIndexPage, EventPage

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

MM = 96 / 25.4  # CSS pixels per millimetre
POINTS_PER_MM = 72 / 25.4
A6 = (105, 148)
A4 = (210, 297)
A3 = (297, 420)

# Every element of the print-out lies inside the paper (less the page margin) and the document
# does not scroll: nothing runs off the page.
OVERFLOW_JS = """
([selector, width, height]) => {
  const root = document.documentElement;
  const outside = [];
  for (const element of document.querySelectorAll(selector + ", " + selector + " *")) {
    const box = element.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5) {
      outside.push(`${element.tagName}.${element.className}: ${Math.round(box.right)}x${Math.round(box.bottom)}`);
    }
  }
  if (root.scrollWidth > Math.ceil(width)) outside.push(`page is ${root.scrollWidth}px wide`);
  if (root.scrollHeight > Math.ceil(height)) outside.push(`page is ${root.scrollHeight}px high`);
  return outside;
}
"""


def page_count(pdf):
    """Page objects in the PDF (``/Type /Page``, not the ``/Pages`` tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def media_boxes_mm(pdf):
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [
        (round(float(w) / POINTS_PER_MM), round(float(h) / POINTS_PER_MM)) for _x, _y, w, h in boxes
    ]


def print_to_pdf(page, url, paper, margin_mm=0):
    """Open ``url`` as printed on ``paper`` (mm): check nothing overflows, return the PDF."""
    width = math.ceil((paper[0] - 2 * margin_mm) * MM)
    height = math.ceil((paper[1] - 2 * margin_mm) * MM)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.emulate_media(media="print")
    outside = page.evaluate(OVERFLOW_JS, [".page-content", width, height])
    assert outside == [], (url, outside)
    pdf = page.pdf(prefer_css_page_size=True)
    assert page_count(pdf) == 1, url
    assert set(media_boxes_mm(pdf)) == {paper}, url
    page.emulate_media(media="screen")
    return pdf


def card_fits_itself(page):
    """Each card's content stays inside the card, and its type comes from the card's CSS."""
    for card in page.locator("article.invite-card").all():
        assert card.evaluate("c => c.scrollHeight <= c.clientHeight + 1")
        assert card.evaluate("c => c.scrollWidth <= c.clientWidth + 1")
        texts = card.locator(".invite-card__write").all_inner_texts()
        assert [text.strip() for text in texts] == ["Aan:", "Van:"]
        # The design system's ".utrecht-html p" does not set the size of the card's lines.
        fit = int(re.search(r"invite-card--fit-(\d+)", card.get_attribute("class")).group(1))
        scan_px = card.locator(".invite-card__scan").evaluate(
            "p => parseFloat(getComputedStyle(p).fontSize)"
        )
        assert scan_px == pytest.approx(9 * fit / 100 * 4 / 3, abs=0.05)


def longest_texts_event():
    """An event with every text as long as the editor's form allows, and a weekly rule."""
    agenda = EventIndexPage.objects.get(locale__language_code="nl")
    start = timezone.now() + dt.timedelta(days=2)
    event = EventPage(
        title=("Ontmoetingsbijeenkomst voor de buren " * 8)[:255],
        slug="langste-teksten",
        summary=("Samen koffie drinken en praten met mensen uit de buurt. " * 6)[:250],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        recurrence="FREQ=WEEKLY;COUNT=40",
        location_name=("Buurthuis De Grote Gezamenlijke Ontmoetingsplek " * 4)[:150],
        street=("Burgemeester van der Hoevenlaan " * 4)[:120],
        house_number="1234567890abcdefghij",
        postcode="1234 AB",
        city=("Sint Oedenrode aan de Dommel " * 3)[:80],
        is_free=False,
        price=("€ 2,50, koffie en thee inbegrepen, " * 5)[:150],
        registration="link",
        registration_url="https://www.example.org/" + "aanmelden-voor-de-activiteit/" * 6,
        what_to_bring=("Stevige schoenen en een flesje water. " * 7)[:250],
        how_to_get_there=("Bus 12 stopt bij de halte Markt, dan twee minuten lopen. " * 5)[:250],
        welcome_at_door=True,
        languages=("Nederlands, Engels, Turks, Arabisch, Pools, " * 5)[:200],
        status=EventStatus.MOVED,
        status_note=("Nu in de bibliotheek aan de overkant van het plein. " * 4)[:200],
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    return event


def events_to_print():
    coming = [
        event
        for event in EventPage.objects.live().filter(locale__language_code="nl")
        if not event.is_over and event.status not in (EventStatus.FULL, EventStatus.CANCELLED)
    ]
    longest = max(coming, key=lambda event: len(event.title))
    series = next(event for event in coming if event.recurrence and event != longest)
    return [longest, series, longest_texts_event()]


def test_card_sheet_and_poster_each_print_on_one_sheet(live_demo, page):
    for event in events_to_print():
        base = live_demo.url + event.url
        print_to_pdf(page, base + "uitnodiging/", A6)
        card_fits_itself(page)

        print_to_pdf(page, base + "uitnodiging/?vel=4", A4)
        assert page.locator(".invite-sheet > article.invite-card").count() == 4
        card_fits_itself(page)

        print_to_pdf(page, base + "poster/", A4, margin_mm=12)
        print_to_pdf(page, base + "poster/?formaat=a3", A3, margin_mm=12)
        if event.recurrence:
            assert page.locator(".poster__dates li").count() <= 3


def test_card_and_poster_fit_a_phone_screen(live_demo, page):
    event = longest_texts_event()
    page.set_viewport_size({"width": 390, "height": 800})
    for route in ("uitnodiging/", "uitnodiging/?vel=4", "poster/"):
        page.goto(live_demo.url + event.url + route)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, route
    page.goto(live_demo.url + event.url + "uitnodiging/?vel=4")
    assert axe_violations(page) == []
