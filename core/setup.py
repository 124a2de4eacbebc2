"""The core's reference data for ``manage.py setup``.

Municipalities (with their CBS codes and provinces), the taxonomies several domains share,
and Wagtail's two groups of editors and moderators with what they need to work, including
the site's own image model, which Wagtail's migrations do not know about, and every
snippet (editions, organisations and the other taxonomies) of every app.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    LockableMixin,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from core.models import AccessibilityFeature, ApproachPart, Correction, PlanStep, TargetGroup
from core.reference_data import (
    FOLDER,
    ensure_municipalities,
    ensure_terms,
    read_yaml,
    source_locale,
)

# Wagtail's own groups and the page permissions its migrations give them on the root: made
# here only where a database lacks them.
GROUPS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# What Wagtail gives both groups for its own image model, given for ours.
IMAGE_GROUP_ACTIONS = ["add", "change", "delete", "choose"]
IMAGE_COLLECTION_ACTIONS = ["add", "change", "choose"]
# Visitors' "Klopt er iets niet?" notes: both groups read and handle them, moderators clean up.
FEEDBACK_ACTIONS = {"Editors": ["view", "change"], "Moderators": ["view", "change", "delete"]}
# Snippets (editions, organisations, taxonomies, of every app): editors make and edit them,
# moderators also remove them and, where a snippet has drafts or locks, publish and unlock.
SNIPPET_ACTIONS = {
    "Editors": ["add", "change", "view"],
    "Moderators": ["add", "change", "delete", "view"],
}
# Permissions of apps core may not import, named by app label and codename: the search's
# report of queries ("Zoekvragen") and the promoted search results it links to. Its
# synonyms are a snippet and get SNIPPET_ACTIONS like every other.
NAMED_PERMISSIONS = {
    group: [
        ("search", "view_dailysearchcount"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
    ]
    for group in ("Editors", "Moderators")
}
# Reference data loaded by ``setup`` itself (CBS codes): editors only look them up.
EDITORS_ONLY_VIEW = {"core.municipality"}


def _snippet_actions(model, group_name):
    if group_name == "Editors" and model._meta.label_lower in EDITORS_ONLY_VIEW:
        return ["view"]
    actions = list(SNIPPET_ACTIONS[group_name])
    if group_name == "Moderators":
        if issubclass(model, DraftStateMixin):
            actions.append("publish")
        if issubclass(model, LockableMixin):
            actions += ["lock", "unlock"]
    return actions


def _snippet_permissions(group_name):
    wanted = Permission.objects.none()
    for model in get_snippet_models():
        wanted |= _model_permissions(model, _snippet_actions(model, group_name))
    return wanted


def _named_permissions(group_name):
    wanted = Permission.objects.none()
    for app_label, codename in NAMED_PERMISSIONS[group_name]:
        wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return wanted


def _image_permissions(actions):
    return _model_permissions(get_image_model(), actions)


def _model_permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return Permission.objects.filter(content_type=content_type, codename__in=codenames)


def _new_group(name, codenames):
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root = Page.get_first_root_node()
    if root is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.create(group=group, page=root, permission=permission)
    return group


def ensure_groups():
    """Editors and moderators exist, can use the site's images and snippets and handle notes.

    Returns the number of changes made.
    """
    changed = 0
    # Wagtail's migrations make the root collection; a flushed test database has none.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for name, codenames in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            group = _new_group(name, codenames)
            changed += 1
        wanted = (
            _image_permissions(IMAGE_GROUP_ACTIONS)
            | _model_permissions(Correction, FEEDBACK_ACTIONS[name])
            | _snippet_permissions(name)
            | _named_permissions(name)
        )
        missing = list(wanted.exclude(group=group))
        changed += len(missing)
        group.permissions.add(*missing)
        for permission in _image_permissions(IMAGE_COLLECTION_ACTIONS):
            _link, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
            changed += created
    return changed


# Snippets with a workflow (editions, organisations: ``core.models.taxonomy.ModeratedSnippet``):
# what editors add or change waits for a moderator's approval.
SNIPPET_WORKFLOW_NAME = "Namen en lijsten goedkeuren"
SNIPPET_TASK_NAME = "Redactie: lijsten goedkeuren"


def ensure_snippet_workflow():
    """Attach the moderators' approval workflow to every snippet that can have one.

    A snippet model that already has a workflow (an administrator's choice) is left alone.
    Returns the number of changes made.
    """
    moderated = [model for model in get_snippet_models() if issubclass(model, WorkflowMixin)]
    if not moderated:
        return 0
    changed = 0
    workflow = Workflow.objects.filter(name=SNIPPET_WORKFLOW_NAME).first()
    if workflow is None:
        task = GroupApprovalTask.objects.filter(name=SNIPPET_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=SNIPPET_TASK_NAME)
            task.groups.set([Group.objects.get(name="Moderators")])
        workflow = Workflow.objects.create(name=SNIPPET_WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changed += 1
    for model in moderated:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        _link, created = WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        changed += created
    return changed


def _sort_order(_item, position):
    return {"sort_order": position}


def run():
    locale = source_locale()
    data = read_yaml(FOLDER / "taxonomies.yaml")
    return {
        "gemeenten": ensure_municipalities(),
        "doelgroepen": ensure_terms(TargetGroup, data["target_groups"], locale),
        "onderdelen van de aanpak": ensure_terms(
            ApproachPart, data["approach_parts"], locale, _sort_order
        ),
        "stappen van het stappenplan": ensure_terms(
            PlanStep, data["plan_steps"], locale, lambda item, _position: {"number": item["number"]}
        ),
        "toegankelijkheidskenmerken": ensure_terms(
            AccessibilityFeature, data["accessibility_features"], locale
        ),
        "groepen en rechten": ensure_groups(),
        "goedkeuring van lijsten": ensure_snippet_workflow(),
    }
