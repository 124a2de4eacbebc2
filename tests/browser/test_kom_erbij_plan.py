"""From the profile guide to a printed Kom erbij-plan: one A4 page, and axe on the way."""

import os
import re
from pathlib import Path

import pytest

from .conftest import axe_violations, follow, pdok_answering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GUIDE = "/nl/activiteitenbank/profielwijzer/"
# A page object of the PDF, not the page tree ("/Type /Pages").
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


@pytest.fixture
def pdok():
    """PDOK answers from here ('s-Hertogenbosch centre): the test never asks the real one."""
    with pdok_answering("5211 AB", 5.3037, 51.6978) as mock:
        yield mock


def answer_the_guide(page, base_url):
    page.goto(base_url + GUIDE)
    page.get_by_label("Nog niet zo lang", exact=False).check()
    page.get_by_label("Ja, hij of zij wil graag meedoen", exact=False).check()
    page.get_by_label("Ja, hij of zij komt zelf in actie", exact=False).check()
    follow(page, page.get_by_role("button", name="Toon het profiel"))
    assert "Actieven" in page.locator("#resultaat h2").first.inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_profile_guide_result_and_plan_form_pass_axe(live_demo, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    answer_the_guide(page, live_demo.url)
    assert page.get_by_role("button", name="Maak het plan").is_visible()
    assert axe_violations(page) == []


def test_kom_erbij_plan_prints_on_one_a4_page(live_demo, page, pdok, tmp_path):
    answer_the_guide(page, live_demo.url)
    page.get_by_label("Postcode").fill("5211 AB")
    follow(page, page.get_by_role("button", name="Maak het plan"))

    assert "kom-erbij-plan/" in page.url and "postcode=5211" in page.url
    plan = page.locator("article.plan")
    assert plan.get_by_role("heading", name="Kom erbij-plan").is_visible()
    assert "Wat past bij u: Actieven" in plan.inner_text()
    assert plan.locator("#plan-places ~ ul li").count() == 5
    assert plan.locator("svg[role=img]").count() == 3
    assert axe_violations(page) == []

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("[data-no-print]").first.is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    out = Path(os.environ.get("KOM_ERBIJ_PDF", tmp_path / "kom-erbij-plan.pdf"))
    out.write_bytes(pdf)
    assert len(PAGE_OBJECT.findall(pdf)) == 1
