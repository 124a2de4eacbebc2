"""`manage.py setup`: the reference data a real site needs, apart from the demo content.

Municipalities, taxonomies, groups with their permissions and the agenda's moderation
workflow come from one idempotent command; the demo loader runs it first and adds only demo
content.
"""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from activities.models import ActivityType, EvidenceLevel, InterventionProfile
from activities.setup import DATA_FILE as ACTIVITY_TERMS
from core.demo import read_yaml
from core.management.commands.setup import run_setup, setup_functions
from core.models import AccessibilityFeature, ApproachPart, Municipality, PlanStep, TargetGroup
from core.reference_data import FOLDER, MUNICIPALITIES
from events.models import EventIndexPage, EventPage
from social_map.models import PlaceKind
from social_map.setup import DATA_FILE as PLACE_KINDS

pytestmark = pytest.mark.django_db

CORE_TERMS = read_yaml(FOLDER / "taxonomies.yaml")
TERMS = {
    TargetGroup: CORE_TERMS["target_groups"],
    ApproachPart: CORE_TERMS["approach_parts"],
    PlanStep: CORE_TERMS["plan_steps"],
    AccessibilityFeature: CORE_TERMS["accessibility_features"],
    ActivityType: read_yaml(ACTIVITY_TERMS)["activity_types"],
    EvidenceLevel: read_yaml(ACTIVITY_TERMS)["evidence_levels"],
    InterventionProfile: read_yaml(ACTIVITY_TERMS)["profiles"],
    PlaceKind: read_yaml(PLACE_KINDS)["kinds"],
}
with open(MUNICIPALITIES, encoding="utf-8", newline="") as handle:
    MUNICIPALITY_ROWS = list(csv.DictReader(handle))


def snapshot():
    """Everything setup may touch, as plain values."""
    rows = {
        "municipalities": list(Municipality.objects.order_by("pk").values()),
        "groups": list(Group.objects.order_by("pk").values_list("pk", "name")),
        "group permissions": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")
        ),
        "page permissions": sorted(
            GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")
        ),
        "collection permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group_id", "collection_id", "permission_id"
            )
        ),
        "workflows": list(Workflow.objects.order_by("pk").values()),
        "tasks": list(Task.objects.order_by("pk").values()),
        "workflow tasks": list(WorkflowTask.objects.order_by("pk").values()),
        "workflow pages": list(WorkflowPage.objects.order_by("page_id").values()),
    }
    for model in TERMS:
        rows[model.__name__] = list(model.objects.order_by("pk").values())
    return rows


def run():
    output = io.StringIO()
    call_command("setup", stdout=output)
    return output.getvalue()


def test_every_domain_app_with_reference_data_has_a_setup_module():
    labels = [label for label, _run in setup_functions()]
    assert labels == [
        "core",
        "activities",
        "social_map",
        "events",
        "search",
    ]  # INSTALLED_APPS order


def test_setup_twice_changes_nothing_the_second_time(home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    first = run_setup()
    assert first["events"]["agenda's met die werkstroom"] == 1
    before = snapshot()
    second = run_setup()
    assert all(count == 0 for counts in second.values() for count in counts.values()), second
    assert snapshot() == before
    assert "niets te doen" in run()
    assert agenda.get_workflow().name == "Aanmeldingen voor de agenda"


def test_on_an_empty_database_setup_gives_workflow_municipalities_terms_and_groups(home):
    # As migrations leave it, and then some: no groups, no workflows at all.
    Group.objects.all().delete()
    WorkflowPage.objects.all().delete()
    Workflow.objects.all().delete()
    agendas = [
        home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda")),
        home.add_child(instance=EventIndexPage(title="Week tegen Eenzaamheid", slug="week")),
    ]
    assert "Setup klaar" in run()

    for agenda in agendas:
        workflow = agenda.get_workflow()
        assert workflow.name == "Aanmeldingen voor de agenda"
        (task,) = [task.specific for task in workflow.tasks.all()]
        assert task.name == "Agenda: goedkeuren"
        assert [group.name for group in task.groups.all()] == ["Moderators"]

    # The municipalities the project knows, with the CBS codes and provinces of the data file.
    assert sorted(Municipality.objects.values_list("cbs_code", "name", "province")) == sorted(
        (row["cbs_code"], row["name"], row["province"]) for row in MUNICIPALITY_ROWS
    )
    for model, items in TERMS.items():
        assert sorted(model.objects.values_list("slug", flat=True)) == sorted(
            item["key"] for item in items
        ), model.__name__
    assert list(PlanStep.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]

    assert set(Group.objects.values_list("name", flat=True)) == {"Editors", "Moderators"}
    moderators = GroupPagePermission.objects.filter(group__name="Moderators")
    assert set(moderators.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }


def test_setup_keeps_what_an_editor_changed(home):
    run_setup()
    zwolle = Municipality.objects.get(cbs_code="GM0193")
    zwolle.name = "Gemeente Zwolle"
    zwolle.save()
    group = TargetGroup.objects.get(slug="ouderen")
    group.name = "Senioren"
    group.save()
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    own = Workflow.objects.create(name="Eigen werkstroom")
    WorkflowPage.objects.create(page=agenda, workflow=own)

    run_setup()
    assert Municipality.objects.get(cbs_code="GM0193").name == "Gemeente Zwolle"
    assert not Municipality.objects.filter(name="Zwolle").exists()
    assert TargetGroup.objects.get(slug="ouderen").name == "Senioren"
    assert agenda.get_workflow() == own


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_after_setup_without_demo_an_editor_announces_and_a_moderator_approves(client, home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    run_setup()
    editor, moderator = member_of("Editors", "redacteur"), member_of("Moderators", "moderator")

    # The editor works in the admin: adds an event under the agenda and uploads images.
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    add_event = reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    assert client.get(add_event).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    images = policy_registry.get_by_type(get_image_model())
    assert images.user_has_permission(editor, "add")
    assert images.user_has_permission(editor, "choose")
    assert not agenda.permissions_for_user(editor).can_publish()

    # The editor's draft waits in the agenda's workflow, for the moderators.
    event = agenda.add_child(
        instance=EventPage(
            title="Koffie in de bieb",
            slug="koffie",
            summary="Samen koffie drinken.",
            starts_at="2031-01-07T10:00+01:00",
            municipality=Municipality.objects.get(cbs_code="GM0193"),
            live=False,
        )
    )
    event.save_revision(user=editor)
    agenda.get_workflow().start(event, editor)
    state = event.current_workflow_state
    assert state.current_task_state.task.name == "Agenda: goedkeuren"
    task = state.current_task_state.task.specific
    assert not task.user_can_access_editor(event, editor)
    assert "approve" in [action for action, *_rest in task.get_actions(event, moderator)]
    task.on_action(state.current_task_state, moderator, "approve")
    event.refresh_from_db()
    assert event.live


def test_the_demo_adds_no_reference_data(demo_site):
    """After the demo, setup finds everything there: the demo made no municipality or term."""
    report = run_setup()
    added = {
        (app, what): count
        for app, counts in report.items()
        for what, count in counts.items()
        if count
    }
    assert added == {}
    assert Municipality.objects.count() == len(MUNICIPALITY_ROWS)
    for model, items in TERMS.items():
        assert model.objects.filter(locale__language_code="nl").count() == len(items)
    for agenda in EventIndexPage.objects.all():
        assert agenda.get_workflow().name == "Aanmeldingen voor de agenda"


def test_the_demo_data_names_the_reference_data_as_it_is():
    """The demo files still list terms and municipalities by key; they must agree."""
    from activities.demo import DATA_FILE as ACTIVITIES
    from koplopers.demo import DATA_FILE as KOPLOPERS
    from social_map.demo import DATA_FILE as PLACES

    codes = {row["slug"]: (row["cbs_code"], row["province"]) for row in MUNICIPALITY_ROWS}
    for path in (KOPLOPERS, PLACES):
        for item in read_yaml(path).get("municipalities", []):
            assert codes[item["key"]] == (item["cbs_code"], item["province"]), item["key"]
    activities, places = read_yaml(ACTIVITIES), read_yaml(PLACES)
    for section, model in [
        (activities.get("activity_types"), ActivityType),
        (activities.get("evidence_levels"), EvidenceLevel),
        (activities.get("profiles"), InterventionProfile),
        (activities.get("parts"), ApproachPart),
        (activities.get("target_groups"), TargetGroup),
        (places.get("kinds"), PlaceKind),
        (places.get("accessibility_features"), AccessibilityFeature),
    ]:
        assert section is None or section == TERMS[model], model.__name__


def test_the_setup_makes_the_agenda_and_the_snippet_workflows_only(home):
    before = set(Workflow.objects.values_list("name", flat=True))
    run_setup()
    assert set(Workflow.objects.values_list("name", flat=True)) - before == {
        "Aanmeldingen voor de agenda",
        "Namen en lijsten goedkeuren",  # editions and organisations (core/setup.py)
    }
    assert Permission.objects.filter(group__name="Editors", codename="access_admin").exists()
