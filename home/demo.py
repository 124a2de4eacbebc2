"""Demo content of the foundation: home, knowledge pages, footer pages, helplines.

Reads ``home/demo_data/site.yaml`` and ``helplines.yaml``. Facts come from the
handreiking; the sentences were written anew in B1 Dutch (see the files' headers).
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from core.demo import (
    add_child,
    block_id,
    child_by_slug,
    get_or_create_locale,
    read_yaml,
    translate_with_localize,
)
from core.models import Helpline, SiteHelpline, SiteSettings

from .models import HomePage, StandardPage

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
HOME_SLUG = "home"


# Shown when someone shares a page that has no description of its own (core social_tags).
SITE_DESCRIPTION = (
    "Samen tegen eenzaamheid: wat werkt, wie u voorging, wat er in de buurt te doen is en "
    "waar u terecht kunt. Een voorbeeldsite (demo)."
)


def _list_value(items, key, path, build):
    return [
        {"type": "item", "value": build(item, f"{path}/{index}"), "id": block_id(key, path, index)}
        for index, item in enumerate(items)
    ]


def build_body(blocks, key, pages_by_key):
    """Turn the YAML body of a page into StreamField raw data with stable ids."""
    stream = []
    for index, block in enumerate(blocks or []):
        kind, value = block["type"], block["value"]
        path = f"body/{index}"
        if kind == "table":
            value = {
                "caption": value["caption"],
                "header": _list_value(value["header"], key, f"{path}/header", lambda v, p: v),
                "rows": _list_value(
                    value["rows"],
                    key,
                    f"{path}/rows",
                    lambda row, p: {"cells": _list_value(row, key, f"{p}/cells", lambda v, q: v)},
                ),
                "source": value.get("source", ""),
            }
        elif kind == "faq":
            value = {
                "title": value["title"],
                "items": _list_value(value["items"], key, f"{path}/items", lambda v, p: v),
            }
        elif kind == "link_list":
            value = {
                "title": value.get("title", ""),
                "links": _list_value(
                    value["links"],
                    key,
                    f"{path}/links",
                    lambda link, p: {
                        "label": link["label"],
                        "page": getattr(pages_by_key.get(link.get("page")), "pk", None),
                        "url": link.get("url", ""),
                        "description": link.get("description", ""),
                    },
                ),
            }
        elif kind == "callout":
            value = {"tone": value.get("tone", "info"), **value}
        stream.append({"type": kind, "value": value, "id": block_id(key, path)})
    return stream


def home_fields(data, pages_by_key):
    figures = [
        {
            "type": "key_figure",
            "value": {
                "figure": item["figure"],
                "label": item["label"],
                "source": item.get("source", ""),
            },
            "id": block_id("home", "key_figures", index),
        }
        for index, item in enumerate(data.get("key_figures", []))
    ]
    featured = [
        {
            "type": "featured_page",
            "value": {"page": pages_by_key[item["page"]].pk, "text": item.get("text", "")},
            "id": block_id("home", "featured", index),
        }
        for index, item in enumerate(data.get("featured", []))
        if item.get("page") in pages_by_key
    ]
    return {
        "title": data["title"],
        "search_description": data.get("search_description", ""),
        "hero_heading": data.get("hero_heading", ""),
        "hero_intro": data.get("hero_intro", ""),
        "hero_cta_label": data.get("hero_cta_label", ""),
        "key_figures_heading": data.get("key_figures_heading", ""),
        "key_figures": figures,
        "featured_heading": data.get("featured_heading", ""),
        "featured": featured,
    }


def merge_translation(source_data, translated_data, keep=("page", "source")):
    """Lists in the English data leave out untranslated keys (page links): take them from Dutch."""
    if isinstance(source_data, dict) and isinstance(translated_data, dict):
        merged = {}
        for name, value in source_data.items():
            if name in keep or name not in translated_data:
                merged[name] = value
            else:
                merged[name] = merge_translation(value, translated_data[name], keep)
        return merged
    if isinstance(source_data, list) and isinstance(translated_data, list):
        return [
            merge_translation(a, b, keep)
            for a, b in zip(source_data, translated_data, strict=False)
        ]
    return translated_data


# Site addresses nobody would give a real site: Wagtail's untouched default (localhost:80)
# and whatever SITE_URL on a developer's machine made of it.
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1"}


def site_address(url):
    """Hostname and port of a URL, the port from the scheme when the URL has none."""
    parts = urlsplit(url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def point_site_at_site_url(site):
    """Give the default site the hostname and port of SITE_URL, so its absolute links work.

    Only a site still at a local address (Wagtail's localhost:80, or what an earlier run of
    the demo set) is changed: a real hostname an editor entered is left as it is.
    """
    hostname, port = site_address(settings.SITE_URL)
    if site.hostname not in LOCAL_HOSTNAMES or (site.hostname, site.port) == (hostname, port):
        return
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return  # another site already answers there
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])


def get_or_create_site_home(nl):
    """The default site's home page, replacing Wagtail's "Welcome" placeholder once."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (e.g. after a test flush): rebuild the tree's root
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=nl, live=True))
    if Collection.get_first_root_node() is None:  # images and documents need one
        Collection.add_root(name="Root")
    if site is not None:
        point_site_at_site_url(site)
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site, site.root_page.specific, False

    home = HomePage.objects.filter(depth=2, locale=nl).first()
    created = False
    if home is None:
        placeholder = root.get_children().filter(slug=HOME_SLUG).first()
        if placeholder is not None and not isinstance(placeholder.specific, HomePage):
            placeholder.slug = f"{HOME_SLUG}-placeholder"
            placeholder.save(update_fields=["slug"])
        home = HomePage(title="Home", slug=HOME_SLUG, locale=nl)
        add_child(root, home)
        created = True
    if site is None:
        hostname, port = site_address(settings.SITE_URL)
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Samen tegen eenzaamheid",
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()
        is_placeholder = old_root.pk != home.pk and not isinstance(old_root.specific, HomePage)
        if is_placeholder and not old_root.get_children().exists():
            old_root.delete()
    return site, home, created


@transaction.atomic
def load(stdout=None):
    data = read_yaml(DATA_DIR / "site.yaml")
    nl = get_or_create_locale("nl")
    en = get_or_create_locale("en")
    site, home, home_created = get_or_create_site_home(nl)
    created = []

    pages_by_key = {"home": home}
    for spec in data["pages"]:
        parent = pages_by_key[spec["parent"]]
        page = child_by_slug(parent, spec["key"])
        if page is None:
            fields = spec["nl"]
            page = StandardPage(
                title=fields["title"],
                slug=spec["key"],
                intro=fields.get("intro", ""),
                search_description=fields.get("search_description", ""),
                show_in_menus=spec.get("show_in_menus", False),
                body=build_body(fields.get("body"), spec["key"], pages_by_key),
            )
            add_child(parent, page)
            created.append(page)
        pages_by_key[spec["key"]] = page
    # Link lists may point to pages further down the file: fill them now that all exist.
    for spec in data["pages"]:
        page = pages_by_key[spec["key"]]
        if page in created and any(b["type"] == "link_list" for b in spec["nl"].get("body") or []):
            page.body = build_body(spec["nl"]["body"], spec["key"], pages_by_key)
            page.save_revision().publish()

    if home_created or not home.hero_heading:
        for name, value in home_fields(data["home"]["nl"], pages_by_key).items():
            setattr(home, name, value)
        cta = data["home"]["nl"].get("hero_cta_page")
        home.hero_cta_page = pages_by_key.get(cta)
        home.approach_page = pages_by_key.get(data["home"]["nl"].get("approach_page"))
        home.save_revision().publish()
        created.append(home)

    # English through wagtail-localize, where the data has a translation.
    if not home.has_translation(en) and "en" in data["home"]:
        translated = HomePage(
            slug=home.slug,
            **home_fields(merge_translation(data["home"]["nl"], data["home"]["en"]), pages_by_key),
        )
        translated.pk = home.pk
        translate_with_localize(home, translated, en)
        created.append(home.get_translation(en))
    for spec in data["pages"]:
        page = pages_by_key[spec["key"]]
        if "en" not in spec or page.has_translation(en):
            continue
        fields = merge_translation(spec["nl"], spec["en"])
        translated = StandardPage(
            title=fields["title"],
            slug=spec["en"].get("slug") or slugify(fields["title"]),
            intro=fields.get("intro", ""),
            search_description=fields.get("search_description", ""),
            body=build_body(fields.get("body"), spec["key"], pages_by_key),
        )
        translated.pk = page.pk
        translate_with_localize(page, translated, en)
        created.append(page.get_translation(en))

    load_site_settings(site, pages_by_key, nl, en)
    if stdout:
        stdout.write(f"Pagina's: {len(created)} aangemaakt, de rest bestond al.")
    return created


def load_site_settings(site, pages_by_key, nl, en):
    settings_obj = SiteSettings.for_site(site)
    changed = False
    if settings_obj.privacy_page_id is None and "privacy" in pages_by_key:
        settings_obj.privacy_page = pages_by_key["privacy"]
        changed = True
    if settings_obj.accessibility_page_id is None and "toegankelijkheid" in pages_by_key:
        settings_obj.accessibility_page = pages_by_key["toegankelijkheid"]
        changed = True
    if not settings_obj.description:
        settings_obj.description = SITE_DESCRIPTION
        changed = True
    if changed:
        settings_obj.save()

    data = read_yaml(DATA_DIR / "helplines.yaml")
    existing = set(settings_obj.helplines.values_list("helpline__name", flat=True))
    for order, spec in enumerate(data["helplines"]):
        helpline = Helpline.objects.filter(locale=nl, name=spec["nl"]["name"]).first()
        if helpline is None:
            helpline = Helpline.objects.create(locale=nl, website=spec["website"], **spec["nl"])
        if not Helpline.objects.filter(
            translation_key=helpline.translation_key, locale=en
        ).exists():
            translation = helpline.copy_for_translation(en)
            for name, value in spec["en"].items():
                setattr(translation, name, value)
            translation.save()
        if helpline.name not in existing:
            SiteHelpline.objects.create(settings=settings_obj, helpline=helpline, sort_order=order)


def load_menu(stdout=None):
    """The main menu's order and short names, once every section of the demo exists.

    Runs after the other apps' loaders (``load_demo_content``); an editor's menu is kept.
    """
    spec = read_yaml(DATA_DIR / "site.yaml")["home"]["nl"].get("menu", [])
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site is not None else None
    if not isinstance(home, HomePage) or home.menu or not spec:
        return
    stream = []
    for index, item in enumerate(spec):
        page = child_by_slug(home, item["page"])
        if page is not None:
            value = {"page": page.pk, "label": item.get("label", "")}
            stream.append(
                {"type": "menu_item", "value": value, "id": block_id("home", "menu", index)}
            )
    home.menu = stream
    home.save_revision().publish()
    if stdout:
        stdout.write(f"Hoofdmenu: {len(stream)} pagina's met korte namen.")
