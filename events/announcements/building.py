"""A valid announcement becomes a draft event in the moderation workflow, and a submission.

The form already put the page's own fields on its ``instance`` (it is a ModelForm on
``EventPage``); what is left is what the form does not type in: the slug, the rich text, the
dates, the coordinates, the organisation and the links to terms. Nothing here publishes.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from core import geocoding
from core.models import Organisation
from core.richtext import plain_text_to_rich_text

from ..duplicates import find_possible_duplicates
from ..models import RESERVED_SLUGS, EventSubmission
from .moderation import start_workflow

logger = logging.getLogger(__name__)


def event_slug(parent, title):
    """A free slug that is not one of the agenda's own routes (archief, ical, ...)."""
    slug = slugify(title)[:70].strip("-") or "activiteit"
    if slug in RESERVED_SLUGS:
        slug = f"activiteit-{slug}"
    return find_available_slug(parent, slug)


def build_event(parent, form):
    """The unsaved draft ``EventPage`` of a valid form, for the agenda ``parent``."""
    data = form.cleaned_data
    event = form.instance
    event.locale = parent.locale
    event.slug = event_slug(parent, event.title)
    event.description = plain_text_to_rich_text(data["description"])
    event.starts_at, event.ends_at = form.event_times()
    event.recurrence = data.get("recurrence", "")
    event.last_checked = timezone.localdate()
    event.live = False
    event.has_unpublished_changes = True
    event.latitude, event.longitude = coordinates(event)
    if data["organisation_name"]:
        event.organiser = Organisation.objects.filter(
            locale=parent.locale_id, name__iexact=data["organisation_name"], live=True
        ).first()
        # An organisation the site does not know yet is still named on the event page.
        if event.organiser is None:
            event.organiser_name = data["organisation_name"]
    # Links to terms are not set by the ModelForm until it saves, which it does not here.
    for field in event._meta.many_to_many:
        if field.name in data:
            field.save_form_data(event, list(data[field.name]))
    return event


def coordinates(event):
    """The chosen place's point, or the typed address's if the geocoder knows it."""
    if event.place is not None:
        return event.place.latitude, event.place.longitude
    if not (event.postcode and event.house_number):
        return None, None
    try:
        return geocoding.geocode_address(event.postcode, event.house_number)
    except geocoding.GeocodingError:
        return None, None  # the map can do without; the moderator can add it


@transaction.atomic
def create_submission(page, form):
    """Save the draft event, put it in the moderation workflow and keep who sent it."""
    parent = page.get_parent().specific
    event = build_event(parent, form)
    parent.add_child(instance=event)
    event.save_revision(log_action=True)
    if not start_workflow(event):
        # The draft is saved and the moderators are mailed, but no task asks anyone to review.
        logger.warning(
            "No moderation workflow for %s: event %s was saved as a draft without a review task",
            parent,
            event.pk,
        )
    data = form.cleaned_data
    submission = EventSubmission.objects.create(
        event=event,
        submitter_name=data["submitter_name"],
        organisation_name=data["organisation_name"],
        email=data["email"],
        phone=data["phone"],
        consented_at=timezone.now(),
    )
    submission.possible_duplicates.set(find_possible_duplicates(event))
    return submission
