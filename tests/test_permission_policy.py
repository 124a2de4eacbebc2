"""Page permissions are asked of Wagtail's permission policy, not page by page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission

from events.models import EventIndexPage
from events.spreadsheet import EventImporter

pytestmark = pytest.mark.django_db


def editor_with(username, rights):
    """A user whose group may do ``rights[page]`` (permission types) on each page."""
    group = Group.objects.create(name=f"Redactie {username}")
    for page, permission_types in rights.items():
        for permission_type in permission_types:
            GroupPagePermission.objects.create(
                group=group, page=page, permission_type=permission_type
            )
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(group)
    return user


def test_an_editor_imports_only_where_they_may_add_and_publish(home):
    agendas = [
        home.add_child(instance=EventIndexPage(title=f"Agenda {n}", slug=f"agenda-{n}"))
        for n in range(4)
    ]
    user = editor_with(
        "lokaal",
        {agendas[0]: ["add", "publish"], agendas[1]: ["add"], agendas[2]: ["publish"]},
    )
    assert EventImporter.parents_for(user) == [agendas[0]]
    # Rights on the home page reach every agenda below it.
    everywhere = editor_with("landelijk", {home: ["add", "change", "publish"]})
    assert EventImporter.parents_for(everywhere) == agendas
    superuser = get_user_model().objects.create_superuser("beheer", password="x")
    assert EventImporter.parents_for(superuser) == agendas
    user.is_active = False
    assert EventImporter.parents_for(user) == []


def test_the_number_of_agendas_does_not_change_the_number_of_queries(home):
    def queries(user):
        user = get_user_model().objects.get(pk=user.pk)  # no cached permissions
        with CaptureQueriesContext(connection) as context:
            EventImporter.parents_for(user)
        return len(context.captured_queries)

    user = editor_with("landelijk", {home: ["add", "publish"]})
    home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    before = queries(user)
    for n in range(5):
        home.add_child(instance=EventIndexPage(title=f"Agenda {n}", slug=f"agenda-{n}"))
    assert queries(user) == before
