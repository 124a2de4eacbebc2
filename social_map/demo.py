"""Demo content of the sociale kaart: places in two koploper municipalities, and two national
phone services. Places marked "(demo)" are invented examples; see the data file's header.
"""

import datetime as dt
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Locale

from activities.models import ActivityPage
from core.demo import add_child, child_by_slug, read_yaml, site_home
from core.models import AccessibilityFeature, Municipality, Organisation, TargetGroup
from core.reference_data import terms_by_slug

from .models import OpeningException, OpeningHours, PlaceKind, PlacePage, SocialMapPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "places.yaml"
MAP_SLUG = "sociale-kaart"


def _time(value):
    return dt.time.fromisoformat(value)


def load(stdout=None):
    data = read_yaml(DATA_FILE)
    nl = Locale.objects.get(language_code="nl")
    home = site_home(nl)
    # Kinds, accessibility terms and municipalities are reference data, added by
    # `manage.py setup` (social_map/setup.py, core/setup.py); the demo only uses them.
    kinds = terms_by_slug(PlaceKind, nl)
    features = terms_by_slug(AccessibilityFeature, nl)
    by_code = {item.cbs_code: item for item in Municipality.objects.exclude(cbs_code=None)}
    municipalities = {item["key"]: by_code[item["cbs_code"]] for item in data["municipalities"]}
    groups = {term.slug: term for term in TargetGroup.objects.filter(locale=nl)}
    organisations = {term.slug: term for term in Organisation.objects.filter(locale=nl)}
    activities = {page.slug: page for page in ActivityPage.objects.filter(locale=nl)}

    social_map = child_by_slug(home, MAP_SLUG)
    if social_map is None:
        social_map = add_child(
            home,
            SocialMapPage(
                title="Sociale kaart",
                slug=MAP_SLUG,
                show_in_menus=True,
                intro=(
                    "Waar kunt u andere mensen ontmoeten, bij u in de buurt? Zoek op postcode, "
                    "op dag of op wat u belangrijk vindt. De plekken met (demo) zijn voorbeelden."
                ),
                search_description="Plekken om mensen te ontmoeten, bij u in de buurt.",
            ),
        )

    existing = set(PlacePage.objects.child_of(social_map).values_list("external_id", flat=True))
    created = 0
    for item in data["places"]:
        if item["key"] in existing:
            continue
        address = item.get("address", {})
        first_time = item.get("first_time", {})
        page = PlacePage(
            title=item["name"],
            slug=item["key"],
            external_id=item["key"],
            kind=kinds[item["kind"]],
            summary=item["summary"],
            description=f"<p>{escape(item['description'])}</p>" if item.get("description") else "",
            organisation=organisations.get(item.get("organisation")),
            street=address.get("street", ""),
            house_number=str(address.get("number", "")),
            postcode=address.get("postcode", ""),
            city=address.get("city", ""),
            municipality=municipalities.get(item.get("municipality")),
            district=item.get("district", ""),
            latitude=item.get("latitude"),
            longitude=item.get("longitude"),
            email=item.get("email", ""),
            website=item.get("website", ""),
            is_free=item.get("is_free"),  # true, false, or left out: unknown
            price=item.get("price", ""),
            can_come_alone=first_time.get("can_come_alone", True),
            welcome_at_door=first_time.get("welcome_at_door", False),
            how_to_get_there=first_time.get("how_to_get_there", ""),
            first_visit_note=first_time.get("bring", ""),
            languages=", ".join(item.get("languages", [])),
            opening_note=item.get("opening_note", ""),
            reachable_always=item.get("reachable_always", False),
            is_remote=item.get("is_remote", False),
            last_checked=dt.date.fromisoformat(str(item["last_checked"])),
            search_description=item["summary"][:160],
        )
        page.target_groups = [groups[key] for key in item.get("target_groups", []) if key in groups]
        page.accessibility = [features[key] for key in item.get("accessibility", [])]
        page.activities = [
            activities[key] for key in item.get("activities", []) if key in activities
        ]
        page.opening_hours = [
            OpeningHours(
                weekday=hours["weekday"],
                opens=_time(hours["opens"]),
                closes=_time(hours["closes"]),
                closes_next_day=hours.get("closes_next_day", False),
            )
            for hours in item.get("opening_hours", [])
        ]
        page.opening_exceptions = [
            OpeningException(
                date=dt.date.fromisoformat(str(exception["date"])),
                closed=exception.get("closed", True),
                opens=_time(exception["opens"]) if exception.get("opens") else None,
                closes=_time(exception["closes"]) if exception.get("closes") else None,
                note=exception.get("note", ""),
            )
            for exception in item.get("exceptions", [])
        ]
        add_child(social_map, page)
        created += 1
    if stdout:
        stdout.write(f"Sociale kaart: {created} plekken aangemaakt, de rest bestond al.")
    return created
