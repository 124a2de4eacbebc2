"""Every page as an editor meets it: the edit view, the draft view, the preview, moderation.

A resident's announcement with a line break once made the event impossible to open in the
editor, and every event draft failed to preview. So every page of the demo, and drafts made
through the public form with the text people really type, are opened as a moderator who is
not a superuser, and every page type is opened for creation as an editor.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import querydict_from_html
from wagtail_localize.models import Translation

from core.models import Municipality
from events.models import EventPage, EventSubmissionPage
from events.recurrence import AMSTERDAM
from tests.test_page_tree import PARENTS
from users.models import User

pytestmark = pytest.mark.usefixtures("demo_site")

# What residents type: paragraphs, a line break, bullet-like lines, angle brackets, emoji.
TYPED_DESCRIPTION = (
    "Kaartavond <voor 55+> in het buurthuis.\n"
    "Koffie en thee staan klaar.\n\n"
    "- klaverjassen\n"
    "* rummikub\n"
    "• sjoelen\n\n"
    "Iedereen is welkom 😊 & neem gerust iemand mee!"
)


def member_of(group_name, username, publish=False):
    """A user in one of Wagtail's two groups, with the rights Wagtail's migration gives it.

    The groups are made here too: a browser test before this one may have flushed the
    database, and with it the groups that Wagtail's data migration created.
    """
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    codenames = ["add_page", "change_page"] + (["publish_page"] if publish else [])
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="x"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def moderator():
    return member_of("Moderators", "moderator", publish=True)


def block_form_data(block, state, prefix):
    """The POST data the editor's JavaScript would send for one block, from its form state.

    The edit view's HTML holds StreamFields as JSON for the JavaScript to build, so the data
    of a real form post is made here from ``get_form_state``, the same state the editor uses.
    """
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": len(state)}
        for i, child in enumerate(state):
            data |= {
                f"{prefix}-{i}-type": child["type"],
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": i,
                f"{prefix}-{i}-id": child.get("id") or "",
            }
            data |= block_form_data(
                block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value"
            )
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": len(state)}
        for i, child in enumerate(state):
            data |= {
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": i,
                f"{prefix}-{i}-id": child.get("id") or "",
            }
            data |= block_form_data(block.child_block, child["value"], f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= block_form_data(child, state.get(name), f"{prefix}-{name}")
        return data
    if isinstance(state, bool):
        return {prefix: "on"} if state else {}
    if isinstance(state, dict):  # a chooser: the chosen object's id
        return {prefix: state.get("id") or ""}
    return {prefix: "" if state is None else state}


def edit_form_data(page, html):
    """What pressing "preview" in the edit view posts: the form's fields and its StreamFields."""
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            state = field.stream_block.get_form_state(getattr(page, field.name))
            data.pop(field.name, None)
            for key, value in block_form_data(field.stream_block, state, field.name).items():
                values = value if isinstance(value, list) else [value]
                data.setlist(key, [str(item) for item in values])
    return data


def open_as_editor(client, page):
    """Edit view, draft view and preview (POST of the edit form, then GET) answer 200."""
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200, f"edit {page.url_path}"
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert draft.status_code == 200, f"view_draft {page.url_path}"
    html = edit.content.decode()
    if 'id="page-edit-form"' not in html:
        # A synced translation opens in wagtail-localize's editor, with its own preview.
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=page.locale_id
        )
        preview = client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
        assert preview.status_code == 200, f"translation preview {page.url_path}"
        return edit, draft, preview
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    form_data = edit_form_data(page, html)
    answer = client.post(preview_url, data=form_data)
    assert answer.status_code == 200 and answer.json()["is_valid"], f"preview {page.url_path}"
    preview = client.get(preview_url)
    assert preview.status_code == 200, f"preview render {page.url_path}"
    return edit, draft, preview


def moderation_workflow():
    """The workflow every page goes through, as Wagtail's migration sets it up on the root.

    Made here when missing: a browser test before this one may have flushed the database.
    """
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    if workflow is None:
        task = GroupApprovalTask.objects.create(name="Goedkeuren")
        task.groups.set([Group.objects.get(name="Moderators")])
        workflow = Workflow.objects.create(name="Goedkeuren door moderatoren")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=root, workflow=workflow)
    return workflow


def open_in_moderation(client, page, user):
    """Submit the page's current version for moderation; the moderator's review opens."""
    workflow = page.get_workflow() or moderation_workflow()
    page.save_revision(user=user)
    workflow.start(page, user)
    task = page.current_workflow_state.current_task_state.task
    review = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]))
    assert review.status_code == 200, f"moderation {page.url_path}"
    return review


# The pages are checked in parts so that the two test processes share the work.
PARTS = 6


@pytest.mark.parametrize("part", range(PARTS))
def test_every_demo_page_opens_in_the_editor_draft_view_preview_and_moderation(
    client, moderator, part, record_property
):
    client.force_login(moderator)
    moderation_workflow()
    pages = list(Page.objects.filter(depth__gt=1).specific().order_by("path"))
    assert len(pages) > 140
    mine = pages[part::PARTS]
    for page in mine:
        open_as_editor(client, page)
        open_in_moderation(client, page, moderator)
    record_property(
        "sum",
        ("editor round trip: {} demo pages edited, drafted, previewed and moderated", len(mine)),
    )


@pytest.fixture
def announce(client, monkeypatch):
    """Post the public form on the demo's announcement page, as a resident would."""
    monkeypatch.setattr("core.geocoding.geocode_address", lambda postcode, number: (52.51, 6.09))
    form_page = EventSubmissionPage.objects.live().get(locale__language_code="nl")
    municipality = Municipality.objects.order_by("name").first()

    def post(title, **changes):
        day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=changes.pop("days", 20))
        data = {
            "submitter_name": "Anna de Vries",
            "organisation_name": "Buurthuis <De Linde>",
            "email": "anna@example.org",
            "phone": "06 12345678",
            "title": title,
            "summary": "Samen spelen <en> kletsen 🃏",
            "description": TYPED_DESCRIPTION,
            "start_date": day.isoformat(),
            "start_time": "19:30",
            "end_time": "22:00",
            "location_name": "Buurthuis De Linde",
            "street": "Lindelaan",
            "house_number": "4",
            "postcode": "8011ab",
            "city": "Zwolle",
            "municipality": str(municipality.pk),
            "cost": "free",
            "registration": "none",
            "languages": "Nederlands",
            "can_come_alone": "on",
            "how_to_get_there": "Bus 1 <halte Lindelaan>",
            "what_to_bring": "Niets",
            "consent": "on",
            "website": "",
            **changes,
        }
        response = client.post(form_page.url, data)
        assert response.status_code in (200, 302), response.content.decode()[:2000]
        return EventPage.objects.get(title=title)

    return post


def test_announced_drafts_open_for_the_moderator_with_the_text_as_typed(
    client, announce, moderator, record_property
):
    drafts = [
        announce("Kaartavond <voor 55+> 😊"),
        announce("Koffie-ochtend, al geweest", days=1),
    ]
    client.force_login(moderator)
    for draft in drafts:
        assert not draft.live
        edit, view_draft, preview = open_as_editor(client, draft)
        for response in (view_draft, preview):
            html = response.content.decode()
            assert "Kaartavond &lt;voor 55+&gt; in het buurthuis." in html
            assert "rummikub" in html and "😊" in html
        # The moderation view of the task the draft is waiting in.
        state = draft.current_workflow_state
        assert state is not None, "an announcement waits in the moderation workflow"
        task = state.current_task_state.task
        review = client.get(
            reverse("wagtailadmin_pages:workflow_preview", args=[draft.pk, task.pk])
        )
        assert review.status_code == 200
        assert "Kaartavond &lt;voor 55+&gt;" in review.content.decode()
    record_property("count", f"editor round trip: {len(drafts)} announced drafts moderated")


def test_every_page_type_can_be_created_by_an_editor_where_it_belongs(client):
    editor = member_of("Editors", "editor")
    client.force_login(editor)
    for model, parents in PARENTS.items():
        for parent_model in parents:
            if parent_model is Page:
                continue  # the root: only a new site's home page goes there
            parent = parent_model.objects.first()
            assert parent is not None, f"the demo has no {parent_model.__name__}"
            url = reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, parent.pk],
            )
            response = client.get(url)
            assert response.status_code == 200, f"{model.__name__} under {parent_model.__name__}"
