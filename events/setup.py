"""The agenda's reference data for ``manage.py setup``: announcements wait for a moderator.

The workflow "Aanmeldingen voor de agenda" has one task, "Agenda: goedkeuren", for Wagtail's
Moderators group. Setup makes it once and attaches it to every agenda page that has no
workflow of its own; an agenda made later gets it from the next ``setup`` run (or the demo
loader), and a workflow an administrator chose for an agenda is left alone.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from .models import EventIndexPage

WORKFLOW_NAME = "Aanmeldingen voor de agenda"
TASK_NAME = "Agenda: goedkeuren"
MODERATORS = "Moderators"


def agenda_workflow():
    """The agenda's workflow with its task, made on first use: (workflow, created)."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow, False
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([Group.objects.get_or_create(name=MODERATORS)[0]])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow, True


def moderate(agenda):
    """Attach the agenda's workflow to ``agenda`` unless it has its own; None if it had."""
    if WorkflowPage.objects.filter(page=agenda).exists():
        return None
    workflow, _created = agenda_workflow()
    WorkflowPage.objects.create(page=agenda, workflow=workflow)
    return workflow


def run():
    _workflow, created = agenda_workflow()
    attached = [agenda for agenda in EventIndexPage.objects.all() if moderate(agenda)]
    return {
        "werkstroom voor aanmeldingen": int(created),
        "agenda's met die werkstroom": len(attached),
    }
