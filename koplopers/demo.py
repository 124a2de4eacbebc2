"""Demo content of the koplopers: the 20 municipalities of Bijlage 2 plus Den Helder.

Reads ``koplopers/demo_data/koplopers.yaml``. Utrecht and Weert have no story in the
handreiking, so they get none here either.
"""

from pathlib import Path

from django.utils.html import escape
from wagtail.models import Locale

from activities.models import ActivityPage
from core.demo import add_child, child_by_slug, read_yaml, site_home
from core.models import ApproachPart, Municipality, Organisation, PlanStep

from .models import KoploperIndexPage, KoploperLink, KoploperPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "koplopers.yaml"
INDEX_SLUG = "koplopers"
STEPS = [
    (1, "initiatief-nemen", "Initiatief nemen"),
    (2, "feiten-en-cijfers-verzamelen", "Feiten en cijfers verzamelen"),
    (3, "beginnen-met-organiseren", "Beginnen met organiseren"),
    (4, "plan-maken", "Plan maken"),
    (5, "plan-uitvoeren", "Plan uitvoeren"),
    (6, "zorgen-voor-permanente-aandacht", "Zorgen voor permanente aandacht"),
]


def paragraphs(items):
    return "".join(f"<p>{escape(item)}</p>" for item in items or [])


def load(stdout=None):
    data = read_yaml(DATA_FILE)
    nl = Locale.objects.get(language_code="nl")
    home = site_home(nl)
    parts = {part.slug: part for part in ApproachPart.objects.filter(locale=nl)}
    # The pages that explain each step and part have the step's or part's slug.
    slugs = {slug for _number, slug, _name in STEPS} | set(parts)
    pages = {page.slug: page for page in home.get_descendants().filter(slug__in=slugs)}

    steps = {}
    for number, slug, name in STEPS:
        steps[slug], _created = PlanStep.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name, "number": number, "page": pages.get(slug)}
        )
    for slug, part in parts.items():
        if part.page_id is None and slug in pages:
            part.page = pages[slug]
            part.save(update_fields=["page"])

    municipalities = {}
    for item in data["municipalities"]:
        municipality = Municipality.objects.filter(name=item["name"]).first()
        if municipality is None:
            municipality = Municipality.objects.create(
                name=item["name"],
                slug=item["key"],
                cbs_code=item.get("cbs_code"),
                province=item["province"],
                latitude=item.get("latitude"),
                longitude=item.get("longitude"),
            )
        municipalities[item["key"]] = municipality
    organisations = {term.slug: term for term in Organisation.objects.filter(locale=nl)}
    for item in data.get("organisations", []):
        if item["key"] not in organisations:
            organisations[item["key"]] = Organisation.objects.create(
                slug=item["key"],
                locale=nl,
                name=item["name"],
                kind=item.get("kind", "overig"),
                description=item.get("description", ""),
            )
    activities = {page.slug: page for page in ActivityPage.objects.filter(locale=nl)}

    index = child_by_slug(home, INDEX_SLUG)
    if index is None:
        index = add_child(
            home,
            KoploperIndexPage(
                title="Koplopers",
                slug=INDEX_SLUG,
                show_in_menus=True,
                intro=(
                    "Deze gemeenten gingen voorop in de aanpak van eenzaamheid (2014-2016). "
                    "Lees hoe zij het deden en wat u ervan kunt leren."
                ),
                search_description="Gemeenten die voorop gingen in de aanpak van eenzaamheid.",
            ),
        )
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for item in data["koplopers"]:
        if item["key"] in existing:
            continue
        municipality = municipalities[item["municipality"]]
        page = KoploperPage(
            title=municipality.name,
            slug=item["key"],
            municipality=municipality,
            lead_organisation=organisations.get(item.get("lead_organisation")),
            period=str(item.get("period", "")),
            headline=item.get("headline", ""),
            summary=item.get("summary", ""),
            story=paragraphs(item.get("story")),
            lessons=paragraphs(item.get("lessons")),
            search_description=(item.get("summary") or f"Koploper {municipality.name}")[:160],
        )
        page.steps = [steps[key] for key in item.get("steps", [])]
        page.approach_parts = [parts[key] for key in item.get("parts", []) if key in parts]
        page.activities = [
            activities[key] for key in item.get("activities", []) if key in activities
        ]
        page.links = [
            KoploperLink(label=link["label"], url=link["url"]) for link in item.get("links", [])
        ]
        add_child(index, page)
        created += 1
    if stdout:
        stdout.write(f"Koplopers: {created} aangemaakt, de rest bestond al.")
    return created
