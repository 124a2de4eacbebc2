"""Factories for sign-up pages and their questions (tests and demo data)."""

import factory
import wagtail_factories

from .models import FormField, FormPage


class FormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Aanmelden {n}")
    intro = "<p>Meld u aan. We nemen daarna contact met u op.</p>"
    submit_label = "Aanmelden"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(FormPageFactory)
    label = factory.Sequence(lambda n: f"Vraag {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


# The questions of a volunteer sign-up: (label, type, required, choices, help text).
VOLUNTEER_FIELDS = [
    ("Uw naam", "name", True, "", ""),
    ("Uw e-mailadres", "email", True, "", "Bijvoorbeeld naam@voorbeeld.nl."),
    ("Uw telefoonnummer", "phone", False, "", "Als u liever gebeld wordt."),
    ("Uw woonplaats", "singleline", True, "", "Dan zoeken we iets bij u in de buurt."),
    (
        "Wat wilt u doen?",
        "checkboxes",
        True,
        "Op bezoek gaan bij iemand\nHelpen bij een activiteit\nIets anders",
        "Kies alles wat u leuk lijkt.",
    ),
    ("Wilt u nog iets vertellen?", "multiline", False, "", ""),
]


def volunteer_form(parent, fields=VOLUNTEER_FIELDS, **kwargs):
    """A published sign-up page under ``parent`` with the volunteer questions."""
    page = FormPageFactory(parent=parent, **kwargs)
    for position, (label, field_type, required, choices, help_text) in enumerate(fields):
        FormFieldFactory(
            page=page,
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
            sort_order=position,
        )
    return page
