"""Occurrences follow what is live: publish (including scheduled publishing), unpublish, delete."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import occurrences
from .models import EventPage


@receiver(page_published, sender=EventPage)
def rebuild_on_publish(sender, instance, **kwargs):
    occurrences.rebuild(instance)


@receiver(page_unpublished, sender=EventPage)
def clear_on_unpublish(sender, instance, **kwargs):
    occurrences.clear(instance)


@receiver(post_page_move)
def follow_move(sender, instance, **kwargs):
    """An event moved to another agenda shows up there (and no longer in the old one)."""
    if instance.specific_class is EventPage and instance.live:
        occurrences.rebuild(instance.specific)


@receiver(post_delete, sender=EventPage)
def clear_on_delete(sender, instance, **kwargs):
    occurrences.clear(instance)


@receiver(page_published)
def follow_place(sender, instance, **kwargs):
    """When a place of the sociale kaart moves, its events' dates move on the map with it."""
    if sender.__name__ != "PlacePage":
        return
    for event in EventPage.objects.live().filter(place=instance):
        occurrences.rebuild(event)
