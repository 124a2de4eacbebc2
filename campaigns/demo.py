"""Demo content of the campaigns app: the example campaign "Samen is leuker".

Reads ``demo_data/samen-is-leuker.yaml`` (facts from the handreiking, sentences written anew,
marked as demo) and uses every block type of ``CampaignBodyBlock`` once or more. The pages it
links to (agenda, announcement form, volunteer form, activities, koplopers) come from the
other apps' demos; whatever is missing is left out. Runs again without changing anything.
"""

from pathlib import Path

from django.db import transaction

from activities.models import ActivityPage
from core.demo import (
    SegmentMismatch,
    add_child,
    block_id,
    child_by_slug,
    get_or_create_locale,
    read_yaml,
    site_home,
    translate_with_localize,
)
from core.models import Municipality, Organisation
from koplopers.models import KoploperPage

from . import demo_assets
from .models import CampaignPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "samen-is-leuker.yaml"
AGENDA_SLUG = "agenda"
SUBMISSION_SLUG = "aanmelden"
DEMO_THEME = "blauwgroen"


def _pk(page):
    return page.pk if page is not None else None


def _link(label, page):
    return {"label": label, "page": _pk(page), "url": ""}


def _items(values, key, path):
    """A ListBlock's raw value with stable item ids (the same in both languages)."""
    return [
        {"type": "item", "value": value, "id": block_id(key, path, index)}
        for index, value in enumerate(values)
    ]


def _paragraphs(texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def find_references(data, nl):
    """The demo pages, snippets and files the campaign points to (None where missing)."""
    home = site_home(nl)
    agenda = child_by_slug(home, AGENDA_SLUG)
    slugs = {"activities": data["activities"], "koplopers": data["koplopers"]}
    activities = ActivityPage.objects.live().filter(locale=nl, slug__in=slugs["activities"])
    koplopers = KoploperPage.objects.live().filter(locale=nl, slug__in=slugs["koplopers"])
    organisations = Organisation.objects.filter(locale=nl, slug__in=data["partners"])
    by_slug = {o.slug: o for o in organisations}
    return {
        "agenda": agenda,
        "submission": child_by_slug(agenda, SUBMISSION_SLUG) if agenda is not None else None,
        "volunteer": child_by_slug(home, data["volunteer_form_slug"]),
        "municipality": Municipality.objects.filter(slug=data["municipality"]).first(),
        "activities": sorted(activities, key=lambda p: slugs["activities"].index(p.slug)),
        "koplopers": sorted(koplopers, key=lambda p: slugs["koplopers"].index(p.slug)),
        "partners": [by_slug[slug] for slug in data["partners"] if slug in by_slug],
    }


def load_assets(data):
    images = {
        key: demo_assets.get_or_create_image(key, spec) for key, spec in data["images"].items()
    }
    poster = demo_assets.get_or_create_poster(data["poster_title"])
    demo_assets.ensure_video_embed(data["video_url"], data["nl"]["video"]["title"])
    return {**images, "poster": poster}


def build_body(text, data, refs, assets):
    """The campaign's StreamField as raw data: one block of every type, stable ids."""
    key = data["slug"]
    buttons = [
        _link(label, refs[target])
        for label, target in (
            (text["cta"]["announce_label"], "submission"),
            (text["cta"]["volunteer_label"], "volunteer"),
        )
        if refs[target] is not None
    ] or [_link(text["hero"]["cta_label"], refs["agenda"])]
    # No agenda (a partial demo): an empty button, which the hero leaves out.
    hero_cta = (
        _link(text["hero"]["cta_label"], refs["agenda"])
        if refs["agenda"]
        else {"label": "", "page": None, "url": ""}
    )
    materials = text["materials"]
    blocks = [
        ("hero", {**text["hero"], "image": assets["hero"].pk, "cta": hero_cta}),
        ("heading", {"text": text["why_heading"], "level": "h2"}),
        ("text", _paragraphs(text["why_text"])),
        ("story", {**text["story"], "photo": assets["story"].pk}),
        (
            "cta_band",
            {
                "title": text["cta"]["title"],
                "text": text["cta"]["text"],
                "buttons": _items(buttons, key, "cta_band/buttons"),
            },
        ),
        (
            "events",
            {
                "heading": text["events_title"],
                "edition": None,
                "municipality": _pk(refs["municipality"]),
                "target_group": None,
                "organiser": None,
                "limit": 6,
            },
        ),
        (
            "activities",
            {
                "heading": text["activities_title"],
                "activities": _items([p.pk for p in refs["activities"]], key, "activities"),
            },
        ),
        (
            "koplopers",
            {
                "heading": text["koplopers_title"],
                "koplopers": _items([p.pk for p in refs["koplopers"]], key, "koplopers"),
            },
        ),
        (
            "materials",
            {
                "heading": materials["title"],
                "intro": materials["intro"],
                "items": _items(
                    [
                        {
                            "title": materials["poster_label"],
                            "format": "poster-a4",
                            "document": assets["poster"].pk,
                            "image": None,
                            "description": "",
                        },
                        {
                            "title": materials["social_label"],
                            "format": "social",
                            "document": None,
                            "image": assets["social"].pk,
                            "description": "",
                        },
                    ],
                    key,
                    "materials",
                ),
            },
        ),
        (
            "partners",
            {
                "heading": text["partners_title"],
                "partners": _items(
                    [{"organisation": o.pk, "logo": None, "url": ""} for o in refs["partners"]],
                    key,
                    "partners",
                ),
            },
        ),
        (
            "video",
            {
                "title": text["video"]["title"],
                "embed": data["video_url"],
                "transcript": _paragraphs([text["video"]["transcript"]]),
            },
        ),
        (
            "faq",
            {
                "title": text["faq"]["title"],
                "items": _items(
                    [
                        {"question": item["question"], "answer": _paragraphs([item["answer"]])}
                        for item in text["faq"]["items"]
                    ],
                    key,
                    "faq",
                ),
            },
        ),
    ]
    # Teasers with nothing to show (a partial demo) are left out rather than left empty.
    empty = {
        "activities": not refs["activities"],
        "koplopers": not refs["koplopers"],
        "partners": not refs["partners"],
    }
    return [
        {"type": kind, "value": value, "id": block_id(key, "body", index)}
        for index, (kind, value) in enumerate(blocks)
        if not empty.get(kind)
    ]


def page_fields(text, data, refs, assets):
    return {
        "title": text["title"],
        "intro": text["intro"],
        "search_description": text["search_description"],
        "body": build_body(text, data, refs, assets),
    }


@transaction.atomic
def load(stdout=None):
    """Create what is missing; never overwrite what an editor changed."""
    data = read_yaml(DATA_FILE)
    nl = get_or_create_locale("nl")
    en = get_or_create_locale("en")
    home = site_home(nl)
    if home is None:
        return []
    created = []
    campaign = child_by_slug(home, data["slug"])
    if campaign is not None and not isinstance(campaign, CampaignPage):
        if stdout:
            stdout.write(f"/{data['slug']}/ is al een andere soort pagina; niets aangemaakt.")
        return []
    refs = assets = None
    if campaign is None:
        refs, assets = find_references(data, nl), load_assets(data)
        campaign = CampaignPage(
            slug=data["slug"],
            theme=data.get("theme") or DEMO_THEME,
            logo=assets["logo"],
            social_image=assets["social"],
            news_tag=data["news_tag"],
            **page_fields(data["nl"], data, refs, assets),
        )
        add_child(home, campaign)
        created.append(campaign)

    if "en" in data and home.has_translation(en) and not campaign.has_translation(en):
        refs = refs or find_references(data, nl)
        assets = assets or load_assets(data)
        translated = CampaignPage(
            slug=data["en"]["slug"],
            theme=campaign.theme,
            logo=campaign.logo,
            social_image=campaign.social_image,
            news_tag=campaign.news_tag,
            **page_fields(data["en"], data, refs, assets),
        )
        translated.pk = campaign.pk
        try:
            translate_with_localize(campaign, translated, en)
            created.append(campaign.get_translation(en))
        except SegmentMismatch:  # an editor changed the Dutch page: translate it in Wagtail
            if stdout:
                stdout.write("De Nederlandse campagne is veranderd; vertaal hem in Wagtail.")
    if stdout:
        stdout.write(f"Campagnes: {len(created)} pagina's aangemaakt, de rest bestond al.")
    return created
