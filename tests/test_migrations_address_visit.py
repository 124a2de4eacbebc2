"""The shared address and visit fields keep every value a running site has.

Migrates the agenda and the sociale kaart back to before ``core.models.Location`` and
``VisitInformation`` (events 0001, social_map 0001), stores a place and events with every
kind of cost (free, a price, none) and a full address, migrates forward and checks each value:
an event's amount in euro becomes the cost (0 free, 2.50 "€ 2,50", empty unknown), its dates
follow, a place keeps whether it is free, and its public transport note is kept under the
name events use. A revision saved before the change still opens as a page.
"""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("events", "0001_initial"), ("social_map", "0001_initial")]
ADDRESS = {
    "street": "Markt",
    "house_number": "1a",
    "postcode": "5211 AB",
    "city": "'s-Hertogenbosch",
    "latitude": 51.6978,
    "longitude": 5.3037,
}


def migrate(targets):
    """Migrate to ``targets`` and return the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_apps():
    """The state before the shared fields; the database is migrated forward again afterwards."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(latest())


class Pages:
    """Pages made with the historical models: rows only, no tree methods."""

    def __init__(self, apps):
        self.apps = apps
        self.locale, _ = apps.get_model("wagtailcore", "Locale").objects.get_or_create(
            language_code="nl"
        )
        self.number = 0

    def content_type(self, app_label, model):
        ContentType = self.apps.get_model("contenttypes", "ContentType")
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    def create(self, app_label, model, **fields):
        self.number += 1
        return self.apps.get_model(app_label, model).objects.create(
            title=fields.pop("title"),
            draft_title=fields.get("slug", ""),
            path=f"9{self.number:03d}",
            depth=1,
            locale=self.locale,
            translation_key=uuid.uuid4(),
            content_type=self.content_type(app_label, model.lower()),
            **fields,
        )


def link_accessibility(apps, app_label, model, page, feature):
    """Through the link table: a historical page's ParentalManyToManyField only saves with it."""
    through = apps.get_model(app_label, model)._meta.get_field("accessibility").remote_field.through
    through.objects.create(
        **{f"{model.lower()}_id": page.pk, "accessibilityfeature_id": feature.pk}
    )


def make_old_content(apps):
    pages = Pages(apps)
    Municipality = apps.get_model("core", "Municipality")
    Feature = apps.get_model("core", "AccessibilityFeature")
    municipality = Municipality.objects.create(
        name="'s-Hertogenbosch", slug="den-bosch", cbs_code="GM0796", province="Noord-Brabant"
    )
    wheelchair = Feature.objects.create(name="Rolstoel", slug="rolstoel", locale=pages.locale)
    kind = apps.get_model("social_map", "PlaceKind").objects.create(
        name="Buurthuis", slug="buurthuis", locale=pages.locale
    )
    common = {"municipality": municipality, **ADDRESS}
    place = pages.create(
        "social_map",
        "PlacePage",
        title="De Kroon",
        slug="de-kroon",
        kind=kind,
        summary="Koffie.",
        district="Centrum",
        is_free=False,
        price="€ 3 per keer, koffie inbegrepen",
        public_transport="Bus 5, halte Markt",
        can_come_alone=False,
        welcome_at_door=True,
        languages="Nederlands, Turks",
        **common,
    )
    free_place = pages.create(
        "social_map", "PlacePage", title="Inloop", slug="inloop", kind=kind, summary="Binnenlopen."
    )
    link_accessibility(apps, "social_map", "PlacePage", place, wheelchair)
    starts_at = timezone.now() + dt.timedelta(days=3)
    events = {}
    for key, amount in [("free", Decimal("0")), ("paid", Decimal("2.50")), ("empty", None)]:
        event = pages.create(
            "events",
            "EventPage",
            title=f"Activiteit {key}",
            slug=f"activiteit-{key}",
            summary="Samen eten.",
            starts_at=starts_at,
            price=amount,
            how_to_get_there="Bus 3",
            location_name="Wijkcentrum",
            **common,
        )
        link_accessibility(apps, "events", "EventPage", event, wheelchair)
        apps.get_model("events", "EventOccurrence").objects.create(
            event=event,
            starts_at=starts_at,
            ends_at=starts_at,
            original_start=starts_at,
            municipality=municipality,
            is_free=not amount,  # what the old code copied: an empty price counted as free
            latitude=ADDRESS["latitude"],
            longitude=ADDRESS["longitude"],
        )
        events[key] = event
    revision = apps.get_model("wagtailcore", "Revision").objects.create(
        content_type=pages.content_type("events", "eventpage"),
        base_content_type=pages.content_type("wagtailcore", "page"),
        object_id=str(events["paid"].pk),
        created_at=timezone.now(),
        content={
            "pk": events["paid"].pk,
            "title": "Activiteit paid",
            "slug": "activiteit-paid",
            "summary": "Samen eten.",
            "starts_at": starts_at.isoformat(),
            "price": "2.50",
            "accessibility": [wheelchair.pk],
            "occurrence_exceptions": [],
            **ADDRESS,
        },
    )
    return {
        "place": place.pk,
        "free_place": free_place.pk,
        "events": {key: event.pk for key, event in events.items()},
        "municipality": municipality.pk,
        "wheelchair": wheelchair.pk,
        "revision": revision.pk,
    }


def assert_address(page, ids):
    for field, value in ADDRESS.items():
        assert getattr(page, field) == value, field
    assert page.municipality_id == ids["municipality"]
    assert list(page.accessibility.values_list("pk", flat=True)) == [ids["wheelchair"]]
    assert page.coordinates == (ADDRESS["latitude"], ADDRESS["longitude"])
    assert page.address_line == "Markt 1a, 5211 AB 's-Hertogenbosch"


def test_every_value_survives_the_migration(old_apps):
    ids = make_old_content(old_apps)
    migrate(latest())

    from events.models import EventPage
    from social_map.models import PlacePage

    place = PlacePage.objects.get(pk=ids["place"])
    assert_address(place, ids)
    assert (place.is_free, place.price) == (False, "€ 3 per keer, koffie inbegrepen")
    assert place.how_to_get_there == "Bus 5, halte Markt"
    assert (place.district, place.languages) == ("Centrum", "Nederlands, Turks")
    assert (place.can_come_alone, place.welcome_at_door) == (False, True)
    assert place in place.municipality.places.all()
    assert PlacePage.objects.get(pk=ids["free_place"]).is_free is True

    expected = {"free": (True, ""), "paid": (False, "€ 2,50"), "empty": (None, "")}
    for key, cost in expected.items():
        event = EventPage.objects.get(pk=ids["events"][key])
        assert (event.is_free, event.price) == cost, key
        assert_address(event, ids)
        assert (event.location_name, event.how_to_get_there) == ("Wijkcentrum", "Bus 3")
        assert [row.is_free for row in event.occurrences.all()] == [cost[0]], key
        assert event in event.municipality.events.all()


def test_a_revision_from_before_opens_with_the_cost(old_apps):
    ids = make_old_content(old_apps)
    migrate(latest())

    from wagtail.models import Revision

    page = Revision.objects.get(pk=ids["revision"]).as_object()
    assert (page.is_free, page.price, page.street) == (False, "€ 2,50", "Markt")
    assert page.price_amount == Decimal("2.50")
