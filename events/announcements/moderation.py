"""The moderation workflow of an announcement, started without Wagtail's own e-mails.

When a workflow starts, Wagtail mails "submitted for moderation" twice: to the superusers
for the workflow, and to the reviewers of its first task (superusers again) for the task.
With our own e-mail, which says the event came from the public form and lists possible
duplicates, a moderator got three e-mails for one announcement. So while an announcement
starts its workflow, those two notifiers stay quiet and ours is the one e-mail
(``notify.py``). An editor submitting a page, the next task of a workflow, an approval or a
rejection are mailed by Wagtail as always.

``install_notifiers()`` (called in ``EventsConfig.ready``) connects subclasses of Wagtail's two
notifiers under Wagtail's own ``dispatch_uid`` (``wagtail/admin/signal_handlers.py``): a
receiver is connected once per ``dispatch_uid``, so whichever app is ready first, exactly one
of each is connected, and it is ours.
"""

import contextvars

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_submitted

_announcing = contextvars.ContextVar("events_announcing", default=False)


class QuietWhileAnnouncing:
    """A Wagtail notifier that sends nothing while an announcement starts its workflow."""

    def can_handle(self, instance, **kwargs):
        return not _announcing.get() and super().can_handle(instance, **kwargs)


class TaskSubmittedNotifier(QuietWhileAnnouncing, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmittedNotifier(QuietWhileAnnouncing, WorkflowStateSubmissionEmailNotifier):
    pass


# (signal, sender, Wagtail's dispatch_uid, our notifier): module-level, so the signals'
# weak references keep them.
RECEIVERS = (
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        TaskSubmittedNotifier(),
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmittedNotifier(),
    ),
)


def install_notifiers():
    """Put our notifiers in the place of Wagtail's two "submitted" ones (idempotent)."""
    for signal, sender, dispatch_uid, notifier in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)


def start_workflow(event):
    """Put the draft in its moderation workflow, quietly; False if it has no workflow."""
    workflow = event.get_workflow()
    if workflow is None:
        return False
    token = _announcing.set(True)
    try:
        workflow.start(event, user=None)
    finally:
        _announcing.reset(token)
    return True
