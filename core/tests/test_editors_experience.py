"""Issue 13, point 8: what editors run into in the admin.

Groups and snippet rights, the snippets overview, Dutch dates, links to site paths, link
messages that say what is missing, and a taken web address explained where it can be fixed.
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale, Page
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core import admin_dates
from core.blocks import LinkBlock, LinkListBlock, validate_link_address
from core.models import Organisation, TargetGroup
from core.setup import ensure_groups
from events.models import EventEdition
from home.models import StandardPage

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEMO_YAML = Path(__file__).resolve().parents[2] / "home" / "demo_data"


def _user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="x", **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def groups(home):
    ensure_groups()


@pytest.fixture
def editor(groups):
    return _client(_user("redacteur", "Editors"))


@pytest.fixture
def moderator(groups):
    return _client(_user("moderator", "Moderators"))


def _codenames(group_name):
    return set(
        Permission.objects.filter(group__name=group_name).values_list(
            "content_type__app_label", "codename"
        )
    )


# 1. Editors make and edit snippets of every app; moderators also remove them ----------------


def test_every_snippet_of_every_app_is_editable_by_editors_and_removable_by_moderators(groups):
    editors, moderators = _codenames("Editors"), _codenames("Moderators")
    labels = {model._meta.label for model in get_snippet_models()}
    # The snippets the issue names, from four apps, are all there.
    assert {
        "core.Organisation",
        "core.TargetGroup",
        "events.EventEdition",
        "activities.ActivityType",
        "social_map.PlaceKind",
    } <= labels
    for model in get_snippet_models():
        app, name = model._meta.app_label, model._meta.model_name
        assert (app, f"view_{name}") in editors, model
        assert {(app, f"{action}_{name}") for action in ("add", "change", "delete", "view")} <= (
            moderators
        ), model
        assert (app, f"delete_{name}") not in editors, model
        if model._meta.label != "core.Municipality":
            assert {(app, f"add_{name}"), (app, f"change_{name}")} <= editors, model
    # Municipalities (CBS reference data from ``setup``) are looked up, not changed, by editors.
    assert ("core", "change_municipality") not in editors


def test_groups_are_made_once_and_setup_can_run_again(groups):
    assert ensure_groups() == 0
    assert Group.objects.filter(name="Editors").count() == 1


def test_an_editor_adds_an_organisation_and_edits_an_edition(editor):
    nl = Locale.objects.get(language_code="nl")
    response = editor.post(
        reverse("wagtailsnippets_core_organisation:add") + "?locale=nl",
        {"name": "Buurtkamer De Linde (demo)", "slug": "buurtkamer-de-linde", "kind": "welzijn"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Organisation.objects.filter(slug="buurtkamer-de-linde", locale=nl).exists()

    edition = EventEdition.objects.create(
        name="Week tegen Eenzaamheid 2026",
        slug="week-2026",
        starts_on=dt.date(2026, 9, 24),
        ends_on=dt.date(2026, 10, 1),
        locale=nl,
    )
    url = reverse("wagtailsnippets_events_eventedition:edit", args=[edition.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(
        url,
        {
            "name": edition.name,
            "slug": edition.slug,
            "starts_on": "24-9-2026",
            "ends_on": "1-10-2026",
        },
    )
    assert response.status_code == 302
    response = editor.post(reverse("wagtailsnippets_events_eventedition:delete", args=[edition.pk]))
    assert EventEdition.objects.filter(pk=edition.pk).exists()


def test_a_moderator_removes_a_target_group(moderator):
    group = TargetGroup.objects.create(
        name="Mantelzorgers", slug="mantelzorgers", locale=Locale.objects.get(language_code="nl")
    )
    response = moderator.post(reverse("wagtailsnippets_core_targetgroup:delete", args=[group.pk]))
    assert response.status_code == 302
    assert not TargetGroup.objects.filter(pk=group.pk).exists()


# 2. The snippets overview ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_the_snippets_overview_lists_the_snippets_one_may_use(groups, who):
    if who == "superuser":
        user = _user("beheerder", is_superuser=True, is_staff=True)
    else:
        user = _user("redacteur", "Editors")
    response = _client(user).get("/admin/snippets/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "geen toegang" not in html
    assert reverse("wagtailsnippets_core_organisation:list") in html
    assert reverse("wagtailsnippets_events_eventedition:list") in html


# 3. Dates as Dutch editors type them ----------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "3-12-2026 14:00",
        "3-12-2026 14.00",
        "03-12-2026 14:00",
        "3/12/2026 14:00",
        "3/12/2026 14.00",
        "3 december 2026 14.00",
        "3 December 2026 14:00",
        "3 dec. 2026 om 14.00 uur",
        "3-12-26 14:00",
        "2026-12-03 14:00",
        "2026-12-03T14:00:00",
    ],
)
def test_dutch_date_times_are_read(typed):
    assert admin_dates.parse_dutch_datetime(typed) == dt.datetime(2026, 12, 3, 14, 0)


@pytest.mark.parametrize("typed", ["03-12-2026", "3-12-2026", "3/12/2026", "3 december 2026"])
def test_dutch_dates_are_read(typed):
    assert admin_dates.parse_dutch_date(typed) == dt.date(2026, 12, 3)
    assert admin_dates.parse_dutch_datetime(typed) == dt.datetime(2026, 12, 3, 0, 0)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("morgen", admin_dates.DATETIME_MESSAGE),
        ("3-12", admin_dates.DATETIME_MESSAGE),
        ("3-12-2026 14:00 en later", admin_dates.DATETIME_MESSAGE),
        ("31-2-2026 14:00", admin_dates.NO_SUCH_DATE),
        ("3-12-2026 25:00", admin_dates.NO_SUCH_TIME),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_message(typed, message):
    with pytest.raises(ValidationError) as error:
        admin_dates.parse_dutch_datetime(typed)
    assert error.value.messages == [str(message)]


def _page_data(title, slug, body=None, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "body": streamfield(body or []),
            "social_image": "",
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )


def _add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])


@pytest.fixture
def admin(home):
    return _client(_user("beheerder", is_superuser=True, is_staff=True))


def test_a_dutch_go_live_time_in_the_page_form_is_saved_as_typed(home, admin):
    response = admin.post(
        _add_url(home),
        _page_data("Samen is leuker", "samen-is-leuker", go_live_at="3-12-2026 14.00"),
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="samen-is-leuker")
    assert page.go_live_at == dt.datetime(2026, 12, 3, 14, 0, tzinfo=AMSTERDAM)
    # Reopened, the editor sees it in the Dutch way, and the picker will not replace it.
    html = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'value="03-12-2026 14:00"' in html


def test_an_unreadable_go_live_time_is_refused_not_replaced(home, admin):
    response = admin.post(
        _add_url(home), _page_data("Samen is leuker", "samen-is-leuker", go_live_at="volgende week")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["go_live_at"] == [str(admin_dates.DATETIME_MESSAGE)]
    assert not StandardPage.objects.filter(slug="samen-is-leuker").exists()


def test_a_dutch_date_in_a_snippet_form_is_saved_as_typed(editor):
    response = editor.post(
        reverse("wagtailsnippets_events_eventedition:add") + "?locale=nl",
        {
            "name": "Kom erbij Week",
            "slug": "kom-erbij",
            "starts_on": "3 oktober 2026",
            "ends_on": "10/10/2026",
        },
    )
    assert response.status_code == 302
    edition = EventEdition.objects.get(slug="kom-erbij")
    assert (edition.starts_on, edition.ends_on) == (dt.date(2026, 10, 3), dt.date(2026, 10, 10))


def test_the_date_pickers_keep_what_was_typed(admin, home):
    html = admin.get(_add_url(home)).content.decode()
    assert "core/js/admin-dates.js" in html
    widget = admin_dates.DutchDateTimeInput()
    assert widget.get_config()["validateOnBlur"] is False
    assert widget.format_value(dt.datetime(2026, 12, 3, 14, 0)) == "03-12-2026 14:00"


def test_wagtails_own_date_widgets_show_the_same_format():
    """The scheduling dialog builds its own widget from Wagtail's settings."""
    assert admin_dates.wagtail_settings_match()


# 4. Links to a path on this site --------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "/nl/agenda/aanmelden/",
        "/nl/agenda/?gemeente=gouda#lijst",
        "https://www.eenzaam.nl",
        "http://www.coalitieerbijrotterdam.nl/",
        "mailto:info@example.org",
        "tel:+31 20 123 4567",
    ],
)
def test_a_link_takes_a_site_path_a_web_address_mail_and_phone(address):
    value = LinkBlock().clean(LinkBlock().to_python({"label": "Meld u aan", "url": address}))
    assert value["url"] == address


def test_a_bare_domain_becomes_a_web_address():
    value = LinkBlock().clean(LinkBlock().to_python({"label": "Eenzaam", "url": "www.eenzaam.nl"}))
    assert value["url"] == "https://www.eenzaam.nl"


@pytest.mark.parametrize(
    "address", ["agenda/aanmelden", "javascript:alert(1)", "//elders.example", "ftp://x.nl/a"]
)
def test_anything_else_is_refused_with_a_dutch_message(address):
    with pytest.raises(StructBlockValidationError) as error:
        LinkBlock().clean(LinkBlock().to_python({"label": "Hier", "url": address}))
    assert error.value.block_errors["url"].messages[0].startswith("Dit webadres klopt niet.")


def test_every_link_in_the_demo_content_stays_valid():
    def urls(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str) and value:
                    yield value
                else:
                    yield from urls(value)
        elif isinstance(node, list):
            for item in node:
                yield from urls(item)

    found = [url for path in DEMO_YAML.glob("*.yaml") for url in urls(yaml.safe_load(path.open()))]
    assert found
    for url in found:
        validate_link_address(url)


def test_a_site_path_renders_as_a_link(rf, home):
    block = LinkListBlock()
    value = block.to_python(
        {"title": "", "links": [{"label": "Aanmelden", "url": "/nl/agenda/aanmelden/"}]}
    )
    html = block.render(value, context={"request": rf.get("/")})
    assert 'href="/nl/agenda/aanmelden/"' in html


# 5. Link messages say what is missing, on the field where it is missing -----------------------


def _link_errors(raw, deferred=False):
    block = LinkListBlock()
    value = block.to_python({"title": "", "links": [raw]})
    clean = block.clean_deferred if deferred else block.clean
    with pytest.raises(StructBlockValidationError) as error:
        clean(value)
    item = error.value.block_errors["links"].block_errors[0].block_errors
    return {name: list(errors.messages) for name, errors in item.items()}


def test_an_empty_link_names_the_text_and_the_target_it_lacks():
    errors = _link_errors({"label": "", "page": None, "url": ""})
    assert errors == {
        "label": ["Vul een linktekst in."],
        "page": ["Kies een pagina of vul een webadres in: de link gaat nu nergens heen."],
    }


def test_a_link_without_a_target_says_so_on_the_page_field():
    assert _link_errors({"label": "Meer weten", "page": None, "url": ""}) == {
        "page": ["Kies een pagina of vul een webadres in: de link gaat nu nergens heen."]
    }


def test_a_link_with_both_a_page_and_an_address_says_which_two(home):
    errors = _link_errors({"label": "Meer", "page": home.pk, "url": "/nl/"})
    assert list(errors) == ["url"]
    assert "pagina én" in errors["url"][0]


def test_a_draft_may_keep_a_half_filled_link():
    """As Wagtail does for required fields: saving a draft (or autosave) is not blocked."""
    block = LinkListBlock()
    value = block.to_python({"title": "", "links": [{"label": "", "page": None, "url": ""}]})
    assert block.clean_deferred(value)["links"][0]["url"] == ""


def _list_block(items):
    data = {"count": str(len(items))}
    for index, item in enumerate(items):
        data[str(index)] = {"deleted": "", "order": str(index), "id": "", "value": item}
    return data


def test_the_admin_shows_the_link_messages_on_publish_not_on_saving_a_draft(home, admin):
    empty_link = {"label": "", "page": "", "url": "", "description": ""}
    body = [("link_list", {"title": "", "links": _list_block([empty_link])})]
    data = _page_data("Meer weten", "meer-weten", body=body)
    response = admin.post(_add_url(home), data)
    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(slug="meer-weten")
    response = admin.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["body"][0]
    item = errors.block_errors[0].block_errors["links"].block_errors[0].block_errors
    assert item["label"].messages == ["Vul een linktekst in."]
    assert "nergens heen" in item["page"].messages[0]


# 6. A taken web address is explained where the editor looks -----------------------------------


def test_a_second_page_with_the_same_title_gets_a_free_address_and_a_clear_message(home, admin):
    first = admin.post(_add_url(home), _page_data("Samen is leuker", "samen-is-leuker"))
    assert first.status_code == 302
    second = admin.post(_add_url(home), _page_data("Samen is leuker", "samen-is-leuker"))
    assert second.status_code == 200
    form = second.context["form"]
    top = form.non_field_errors()[0]
    assert "'samen-is-leuker' bestaat al" in top
    assert "tabblad 'Eigenschappen', onder 'Vindbaarheid'" in top
    assert "samen-is-leuker-2" in top
    # The message is at the top of the page, and the field shows the free address.
    html = second.content.decode()
    assert "Sla opnieuw op" in html
    assert 'value="samen-is-leuker-2"' in html
    # Saving again, as the message says, makes the page.
    third = admin.post(_add_url(home), _page_data("Samen is leuker", form.data["slug"]))
    assert third.status_code == 302
    assert Page.objects.filter(slug="samen-is-leuker-2").exists()


def test_an_existing_page_keeps_its_address_and_is_told_where_to_change_it(home, admin):
    admin.post(_add_url(home), _page_data("Agenda", "agenda"))
    admin.post(_add_url(home), _page_data("Activiteiten", "activiteiten"))
    page = StandardPage.objects.get(slug="activiteiten")
    response = admin.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), _page_data("Activiteiten", "agenda")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "de pagina 'Agenda' heeft het" in form.non_field_errors()[0]
    assert "bijvoorbeeld 'agenda-2'" in form.errors["slug"][0]
    assert form.data["slug"] == "agenda"
