"""Issue 13, point 8: editors add editions and organisations, moderators approve them.

Wagtail's snippet workflow: what an editor adds waits, out of visitors' lists, until a member
of "Moderators" approves it in the workflow ``manage.py setup`` attaches.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, WorkflowContentType

from core.models import Organisation
from core.setup import SNIPPET_WORKFLOW_NAME, ensure_groups, ensure_snippet_workflow
from events.models import EventEdition, EventIndexPage


def _member(username, group):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderated(home):
    ensure_groups()
    ensure_snippet_workflow()


def test_setup_attaches_the_moderators_workflow_to_editions_and_organisations(moderated):
    for model in (Organisation, EventEdition):
        link = WorkflowContentType.objects.get(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False)
        )
        assert link.workflow.name == SNIPPET_WORKFLOW_NAME
        task = link.workflow.tasks.get().specific
        assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert ensure_snippet_workflow() == 0  # safe to run again


def test_an_editors_new_organisation_waits_for_a_moderator(moderated):
    editor = Client()
    editor.force_login(_member("redacteur", "Editors"))
    response = editor.post(
        reverse("wagtailsnippets_core_organisation:add") + "?locale=nl",
        {
            "name": "Buurtkamer De Linde (demo)",
            "slug": "buurtkamer-de-linde",
            "kind": "welzijn",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="buurtkamer-de-linde")
    assert not organisation.live
    state = organisation.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS

    moderator = _member("moderator", "Moderators")
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    organisation.refresh_from_db()
    assert organisation.live


def test_an_edition_waiting_for_approval_is_not_offered_in_the_agenda(moderated, client, home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    nl = Locale.objects.get(language_code="nl")
    week = {"starts_on": dt.date(2026, 9, 24), "ends_on": dt.date(2026, 10, 1), "locale": nl}
    EventEdition.objects.create(name="Goedgekeurde week", slug="goedgekeurd", **week)
    EventEdition.objects.create(name="Nog niet goedgekeurd", slug="wacht", live=False, **week)

    html = client.get(agenda.url).content.decode()
    assert "Goedgekeurde week" in html
    assert "Nog niet goedgekeurd" not in html
