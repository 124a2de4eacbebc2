"""Form fields of the announcement form that the page model does not give as they should be."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from wagtail.models import Locale

from core.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField


class PlainTextField(forms.CharField):
    """Plain text, kept as typed.

    Text between angle brackets is text ("Kaartavond <voor 55+>"), so nothing is stripped:
    templates escape it where it is shown. Line breaks are counted as one character, as the
    browser does for ``maxlength``, so a text that fits in the browser also fits here.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        return value.replace("\r\n", "\n").replace("\r", "\n")


class PlaceChoiceField(BoundedModelChoiceField):
    """A place of the sociale kaart, with its town: there may be two called "De Linde"."""

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.city})" if obj.city else obj.title


def public_formfield(db_field, **kwargs):
    """``Meta.formfield_callback``: the model's form field, read as the public types it.

    Free text is a ``PlainTextField``; a link without "https://" gets it; a choice of a
    related object refuses ids out of range with a message. Label, help text,
    maximum length, choices and required-ness still come from the model field.
    """
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", BoundedModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    elif isinstance(db_field, models.CharField) and not db_field.choices:
        kwargs.setdefault("form_class", PlainTextField)
    return db_field.formfield(**kwargs)


def model_text_field(model, name, widget=None, max_length=None):
    """A ``PlainTextField`` labelled by a model field that stores something else (rich text).

    For a field the public types as plain text while the page keeps another format.
    """
    db_field = model._meta.get_field(name)
    return PlainTextField(
        label=capfirst(db_field.verbose_name),
        help_text=db_field.help_text,
        required=not db_field.blank,
        max_length=max_length or db_field.max_length,
        widget=widget,
    )


def in_locale(queryset, locale):
    """The terms or places of the visitor's language; those of the default one if none."""
    if locale is None:
        return queryset
    for candidate in (locale, Locale.get_default()):
        localised = queryset.filter(locale=candidate)
        if localised.exists():
            return localised
    return queryset


def capitalised_choices(field):
    """Choices as sentences ("Aanmelden is niet nodig"); the model keeps them lower case."""
    field.choices = [(value, capfirst(label)) for value, label in field.choices]
