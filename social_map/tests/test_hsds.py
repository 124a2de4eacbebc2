"""The HSDS 3.0 export: every object valid on Open Referral's own schemas, ids that stay put."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import Locale, Site

from core.models import AccessibilityFeature, Municipality, Organisation, TargetGroup
from social_map.hsds import hsds_document
from social_map.models import OpeningException, OpeningHours, PlaceKind, PlacePage, SocialMapPage

SCHEMAS = Path(__file__).resolve().parents[1] / "hsds_schemas"
COLLECTIONS = {
    "organizations": "organization.json",
    "services": "service.json",
    "locations": "location.json",
    "service_at_locations": "service_at_location.json",
}
BASE_URL = "https://kaart.example.nl"


def strict(schema):
    """The schemas allow any extra key, so a misspelt field would pass; here it may not."""
    return {**schema, "additionalProperties": False} if "properties" in schema else schema


def registry():
    """Resolve ``"$ref": "location.json"`` to the copied file of that name."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name == "openapi.json":
            continue
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        resources.append((path.name, Resource(strict(schema), DRAFT202012)))
    return Registry().with_resources(resources)


def validator(schema_file, reg=None):
    return Draft202012Validator(
        {"$ref": schema_file},
        registry=reg or registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def time(text):
    return dt.time.fromisoformat(text)


@pytest.fixture
def kaart(home):
    """A small sociale kaart: a buurthuis, a second place of the same organisation, a helpline."""
    locale = home.locale
    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    buurthuis = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=locale)
    hulplijn = PlaceKind.objects.create(name="Hulplijn", slug="hulplijn", locale=locale)
    welzijn = Organisation.objects.create(
        name="Welzijn Zwolle", slug="welzijn-zwolle", kind="welzijn", locale=locale,
        website="https://welzijn.example.nl", contact_email="info@welzijn.example.nl",
    )  # fmt: skip
    zwolle = Municipality.objects.create(
        name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel"
    )
    ringleiding = AccessibilityFeature.objects.create(
        name="Ringleiding", slug="ringleiding", description="Voor mensen met een hoortoestel.",
        locale=locale,
    )  # fmt: skip
    ouderen = TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=locale)

    def add(**fields):
        hours = fields.pop("hours", [])
        exceptions = fields.pop("exceptions", [])
        accessibility = fields.pop("accessibility", [])
        target_groups = fields.pop("target_groups", [])
        page = PlacePage(
            **{"summary": "Samen koffie drinken.", "languages": "Nederlands", **fields}
        )
        page.opening_hours = [OpeningHours(**item) for item in hours]
        page.opening_exceptions = [OpeningException(**item) for item in exceptions]
        page.accessibility = accessibility
        page.target_groups = target_groups
        social_map.add_child(instance=page)
        return page

    de_kring = add(
        title="Buurthuis De Kring",
        slug="de-kring",
        kind=buurthuis,
        description="<p>Koffie &amp; thee.</p><p>Iedereen is <b>welkom</b>.</p>",
        organisation=welzijn,
        street="Assendorperstraat",
        house_number="12a",
        postcode="8012ab",
        city="Zwolle",
        municipality=zwolle,
        latitude=52.5055,
        longitude=6.0985,
        phone="038 123 45 67",
        email="dekring@example.nl",
        is_free=False,
        price="€ 3,50 per keer, koffie inbegrepen",
        languages="Nederlands, Turks, Tamil",
        how_to_get_there="Bushalte Assendorperplein, 2 minuten lopen",
        opening_note="In de zomervakantie gesloten.",
        hours=[
            {"weekday": 0, "opens": time("10:00"), "closes": time("12:00")},
            {"weekday": 3, "opens": time("14:00"), "closes": time("16:30")},
            {
                "weekday": 2,
                "opens": time("20:00"),
                "closes": time("01:00"),
                "closes_next_day": True,
            },
        ],
        exceptions=[
            {"date": dt.date(2030, 12, 26), "closed": True, "note": "Tweede Kerstdag"},
            {
                "date": dt.date(2030, 12, 24),
                "closed": False,
                "opens": time("10:00"),
                "closes": time("14:00"),
            },
        ],
        accessibility=[ringleiding],
        target_groups=[ouderen],
    )
    tweede = add(
        title="Huiskamer Holtenbroek", slug="holtenbroek", kind=buurthuis, organisation=welzijn,
        street="Dobbe", house_number="1", postcode="8032 JA", city="Zwolle", municipality=zwolle,
    )  # fmt: skip
    hulplijn_page = add(
        title="Luisterlijn", slug="luisterlijn", kind=hulplijn, phone="088 0767 000",
        opening_note="Dag en nacht bereikbaar.", accessibility=[ringleiding],
    )  # fmt: skip
    return {"map": social_map, "de_kring": de_kring, "tweede": tweede, "hulplijn": hulplijn_page}


def places(social_map):
    """The places as the view hands them over: relations prefetched."""
    return list(
        PlacePage.objects.child_of(social_map)
        .select_related("kind", "organisation", "municipality")
        .prefetch_related("opening_hours", "opening_exceptions", "target_groups", "accessibility")
        .order_by("path")
    )


def export(social_map):
    return hsds_document(places(social_map), BASE_URL)


def by_name(objects, name):
    return next(item for item in objects if item.get("name") == name)


@pytest.mark.django_db
def test_every_object_validates_against_its_hsds_schema(kaart):
    document = export(kaart["map"])
    reg = registry()
    assert set(document) == set(COLLECTIONS)
    for collection, schema_file in COLLECTIONS.items():
        check = validator(schema_file, reg)
        assert document[collection], f"{collection} is empty"
        for item in document[collection]:
            errors = [error.message for error in check.iter_errors(item)]
            assert not errors, f"{collection} {item.get('name', item['id'])}: {errors}"


@pytest.mark.django_db
def test_strict_validation_catches_a_misspelt_field(kaart):
    """Guard the guard: without additionalProperties=False the test above would prove little."""
    service = export(kaart["map"])["services"][0]
    assert not validator("service.json").is_valid({**service, "organisation_id": service["id"]})


@pytest.mark.django_db
def test_ids_are_stable_across_exports_and_languages(kaart):
    first, second = export(kaart["map"]), export(kaart["map"])
    assert first == second
    ids = [item["id"] for collection in first.values() for item in collection]
    assert len(ids) == len(set(ids))

    english = kaart["de_kring"].copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.title = "Community centre De Kring"
    english.save_revision().publish()
    translated = hsds_document(places(english.get_parent()), BASE_URL)
    assert translated["services"][0]["id"] == by_name(first["services"], "Buurthuis De Kring")["id"]
    assert translated["services"][0]["name"] == "Community centre De Kring"
    assert dt.datetime.fromisoformat(translated["services"][0]["last_modified"]).tzinfo


@pytest.mark.django_db
def test_service_location_and_organisation_of_a_place(kaart):
    document = export(kaart["map"])
    service = by_name(document["services"], "Buurthuis De Kring")
    organization = by_name(document["organizations"], "Welzijn Zwolle")
    assert len(document["organizations"]) == 1  # two places, one organisation
    assert service["organization_id"] == organization["id"]
    assert organization["description"] == "Welzijnsorganisatie"  # required, so the kind
    assert service["url"] == f"{BASE_URL}{kaart['de_kring'].url}"
    assert service["url"].startswith("https://")  # jsonschema skips "uri" without rfc3987
    assert service["description"] == "Samen koffie drinken.\n\nKoffie & thee.\nIedereen is welkom."
    assert service["status"] == "active"
    assert service["phones"][0]["number"] == "038 123 45 67"
    assert service["eligibility_description"] == "Ouderen"
    assert [(lang["name"], lang.get("code")) for lang in service["languages"]] == [
        ("Nederlands", "nl"),
        ("Turks", "tr"),
        ("Tamil", None),
    ]
    [cost] = service["cost_options"]
    assert cost["amount"] == 3.5 and cost["currency"] == "EUR"
    assert cost["amount_description"] == "€ 3,50 per keer, koffie inbegrepen"

    location = by_name(document["locations"], "Buurthuis De Kring")
    [address] = location["addresses"]
    assert address["address_1"] == "Assendorperstraat 12a"
    assert address["postal_code"] == "8012 AB"
    assert address["state_province"] == "Overijssel"
    assert (address["country"], address["address_type"]) == ("NL", "physical")
    assert (location["latitude"], location["longitude"]) == (52.5055, 6.0985)
    assert [item["description"] for item in location["accessibility"]] == ["Ringleiding"]
    assert {"service_id": service["id"], "location_id": location["id"]}.items() <= next(
        link for link in document["service_at_locations"] if link["service_id"] == service["id"]
    ).items()

    free = by_name(document["services"], "Huiskamer Holtenbroek")
    assert "cost_options" not in free


@pytest.mark.django_db
def test_a_helpline_is_a_service_without_location_or_organisation(kaart):
    document = export(kaart["map"])
    helpline = by_name(document["services"], "Luisterlijn")
    assert "organization_id" not in helpline
    assert helpline["phones"][0]["number"] == "088 0767 000"
    assert "Luisterlijn" not in [location.get("name") for location in document["locations"]]
    assert helpline["id"] not in [link["service_id"] for link in document["service_at_locations"]]
    assert len(document["locations"]) == len(document["service_at_locations"]) == 2
    # No location to hang accessibility on, so it stays with the service.
    [access] = [a for a in helpline["attributes"] if a["link_type"] == "accessibility"]
    assert access["taxonomy_term"]["name"] == "Ringleiding"
    assert helpline["schedules"] == [
        {"id": helpline["schedules"][0]["id"], "service_id": helpline["id"],
         "description": "Dag en nacht bereikbaar."}
    ]  # fmt: skip


@pytest.mark.django_db
def test_schedules_are_weekly_rules_with_exceptions(kaart):
    service = by_name(export(kaart["map"])["services"], "Buurthuis De Kring")
    weekly = {s["byday"]: s for s in service["schedules"] if "valid_from" not in s}
    assert {day: (s["freq"], s["opens_at"], s["closes_at"]) for day, s in weekly.items()} == {
        "MO": ("WEEKLY", "10:00", "12:00"),
        "TH": ("WEEKLY", "14:00", "16:30"),
        "WE": ("WEEKLY", "20:00", "01:00"),
    }
    assert weekly["MO"]["notes"] == "In de zomervakantie gesloten."

    exceptions = {s["valid_from"]: s for s in service["schedules"] if "valid_from" in s}
    closed = exceptions["2030-12-26"]
    assert closed["valid_to"] == "2030-12-26"
    assert "opens_at" not in closed and "freq" not in closed
    assert "Gesloten" in closed["description"] and "Tweede Kerstdag" in closed["description"]
    other_hours = exceptions["2030-12-24"]
    assert (other_hours["dtstart"], other_hours["count"], other_hours["byday"]) == (
        "2030-12-24", 1, "TU"
    )  # fmt: skip
    assert (other_hours["opens_at"], other_hours["closes_at"]) == ("10:00", "14:00")


@pytest.mark.django_db
def test_a_range_past_midnight_stays_one_wednesday_rule(kaart):
    """20:00–01:00 on Wednesday: one WE rule closing at 01:00, not a Thursday 00:00 opening."""
    service = by_name(export(kaart["map"])["services"], "Buurthuis De Kring")
    late = [s for s in service["schedules"] if s.get("opens_at") == "20:00"]
    assert len(late) == 1
    assert (late[0]["byday"], late[0]["closes_at"]) == ("WE", "01:00")
    assert "middernacht" in late[0]["description"]
    assert not [s for s in service["schedules"] if s.get("opens_at") == "00:00"]


@pytest.mark.django_db
def test_export_makes_no_queries_per_place(kaart):
    prefetched = places(kaart["map"])
    Site.get_site_root_paths()  # warm Wagtail's cache, as any earlier request would have
    with CaptureQueriesContext(connection) as queries:
        hsds_document(prefetched, BASE_URL)
    assert not queries.captured_queries, [query["sql"] for query in queries.captured_queries]
