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
from core.reference_data import terms_by_slug

from .models import KoploperIndexPage, KoploperLink, KoploperPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "koplopers.yaml"
INDEX_SLUG = "koplopers"


def paragraphs(items):
    return "".join(f"<p>{escape(item)}</p>" for item in items or [])


def load(stdout=None):
    data = read_yaml(DATA_FILE)
    nl = Locale.objects.get(language_code="nl")
    home = site_home(nl)
    # Steps, parts and municipalities are reference data, added by `manage.py setup`
    # (core/setup.py); the demo links the steps and parts to the demo pages that explain them.
    parts = terms_by_slug(ApproachPart, nl)
    steps = terms_by_slug(PlanStep, nl)
    # The pages that explain each step and part have the step's or part's slug.
    slugs = set(steps) | set(parts)
    pages = {page.slug: page for page in home.get_descendants().filter(slug__in=slugs)}
    for slug, term in [*steps.items(), *parts.items()]:
        if term.page_id is None and slug in pages:
            term.page = pages[slug]
            term.save(update_fields=["page"])

    by_code = {item.cbs_code: item for item in Municipality.objects.exclude(cbs_code=None)}
    municipalities = {item["key"]: by_code[item["cbs_code"]] for item in data["municipalities"]}
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
