"""The shared address and visit fields: one model of the cost, one address line, one registry."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from core import page_views
from core.models import Location, VisitInformation, cost_from_amount, format_euro
from core.page_views import page_view, register_page_views


class Visit(VisitInformation):
    class Meta:
        abstract = True


class Address(Location):
    class Meta:
        abstract = True


def visit(**fields):
    item = object.__new__(Visit)
    item.__dict__.update({"is_free": None, "price": "", **fields})
    return item


@pytest.mark.parametrize(
    ("amount", "text"),
    [(Decimal("2.5"), "€ 2,50"), (3, "€ 3,00"), (Decimal("1250"), "€ 1.250,00")],
)
def test_amounts_are_written_the_dutch_way(amount, text):
    assert format_euro(amount) == text


def test_an_old_amount_becomes_free_a_price_or_unknown():
    assert cost_from_amount("0.00") == (True, "")
    assert cost_from_amount("2.50") == (False, "€ 2,50")
    assert cost_from_amount(None) == (None, "")
    assert cost_from_amount("") == (None, "")


def test_the_cost_in_a_few_words():
    translation.activate("nl")
    assert visit(is_free=True).cost_text == "Gratis"
    assert visit(is_free=True, price="een gift mag").cost_text == "Gratis, een gift mag"
    assert visit(is_free=False, price="€ 2,50, koffie inbegrepen").cost_text == (
        "€ 2,50, koffie inbegrepen"
    )
    assert visit(is_free=False).cost_text == "Er zijn kosten"
    assert visit().cost_text == ""  # unknown: the template says "ask"
    assert visit(price="€ 3").cost_text == "€ 3"


def test_one_amount_in_the_price_text_is_read_for_open_data():
    assert visit(is_free=False, price="€ 2,50, koffie inbegrepen").price_amount == Decimal("2.50")
    assert visit(is_free=False, price="€3 per keer").price_amount == Decimal("3")
    assert visit(is_free=False, price="€ 3 tot € 5").price_amount is None
    assert visit(is_free=False, price="een kleine bijdrage").price_amount is None
    assert visit(is_free=True).price_amount == Decimal(0)


def test_address_line_and_coordinates():
    item = object.__new__(Address)
    item.__dict__.update(
        street="Markt", house_number="1", postcode="5211 AB", city="Den Bosch", latitude=None,
        longitude=5.3,
    )  # fmt: skip
    assert item.address_line == "Markt 1, 5211 AB Den Bosch"
    assert item.has_address and item.coordinates is None
    item.latitude = 51.7
    assert item.coordinates == (51.7, 5.3)


def test_a_page_view_nobody_registered_fails_loudly(db, monkeypatch):
    from home.models import StandardPage

    monkeypatch.setattr(page_views, "_views", dict(page_views._views))
    page = StandardPage(title="Over ons")
    with pytest.raises(ImproperlyConfigured, match="'missing'"):
        page_view(page, "missing")
    register_page_views("home.StandardPage", probe=lambda page, request: "ok")
    assert page_view(page, "probe")(page, None) == "ok"
    with pytest.raises(TypeError):
        register_page_views("core.Municipality", probe=print)
