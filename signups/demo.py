"""Demo content of the signups app (loaded by `manage.py load_demo_content`).

Two sign-up forms under the home page: "Ik wil vrijwilliger worden" and the newsletter, in
Dutch and, through wagtail-localize, in English (the questions are translated with their
page: ``FormField`` is translatable). No e-mail address is filled in, so the demo mails
nobody; sign-ups only show in the admin under "Formulieren".
"""

from django.db import transaction
from django.utils import translation

from core.demo import (
    add_child,
    child_by_slug,
    get_or_create_locale,
    site_home,
    translate_with_localize,
)

from .models import FormField, FormPage

DEMO_NOTE = (
    "<p><b>Dit is een voorbeeld (demo).</b> Wat u hier invult, gaat naar niemand. Alleen de "
    "beheerders van deze demosite zien het.</p>"
)
DEMO_NOTE_EN = (
    "<p><b>This is an example (demo).</b> What you fill in here is sent to no one. Only the "
    "people who run this demo site can see it.</p>"
)

# Each form: Dutch and English texts; questions as (label, type, required, choices, help).
FORMS = [
    {
        "slug": "vrijwilliger-worden",
        "nl": {
            "title": "Ik wil vrijwilliger worden",
            "search_description": "Meld u aan als vrijwilliger. Samen zorgen we dat minder "
            "mensen zich alleen voelen.",
            "intro": "<p>Wilt u iets doen voor iemand die zich alleen voelt? Dat kan op veel "
            "manieren. U gaat op bezoek, u helpt bij een activiteit of u belt iemand op. Vul "
            "het formulier in. We nemen dan contact met u op.</p>" + DEMO_NOTE,
            "submit_label": "Aanmelden",
            "thank_you_text": "<p>Fijn dat u wilt helpen! We lezen uw aanmelding en nemen "
            "contact met u op. Samen kijken we wat bij u past.</p>",
            "fields": [
                ("Uw naam", "name", True, "", ""),
                ("Uw e-mailadres", "email", True, "", "Bijvoorbeeld naam@voorbeeld.nl."),
                ("Uw telefoonnummer", "phone", False, "", "Als u liever gebeld wordt."),
                (
                    "Uw woonplaats",
                    "singleline",
                    True,
                    "",
                    "Dan zoeken we iets bij u in de buurt.",
                ),
                (
                    "Wat wilt u doen?",
                    "checkboxes",
                    True,
                    "Op bezoek gaan bij iemand\nHelpen bij een activiteit in de buurt\n"
                    "Iemand bellen die alleen is\nIk weet het nog niet",
                    "U mag meer dan één antwoord kiezen.",
                ),
                (
                    "Wilt u nog iets vertellen?",
                    "multiline",
                    False,
                    "",
                    "Bijvoorbeeld wanneer u tijd hebt.",
                ),
            ],
        },
        "en": {
            "title": "I want to volunteer",
            "slug": "become-a-volunteer",
            "search_description": "Sign up as a volunteer. Together we help fewer people "
            "feel alone.",
            "intro": "<p>Would you like to do something for someone who feels alone? There are "
            "many ways. You visit someone, you help at an activity or you give someone a "
            "call. Fill in the form. We will then get in touch with you.</p>" + DEMO_NOTE_EN,
            "submit_label": "Sign up",
            "thank_you_text": "<p>Great that you want to help! We will read your sign-up and "
            "get in touch with you. Together we will see what suits you.</p>",
            "fields": [
                ("Your name", "", ""),
                ("Your e-mail address", "", "For example name@example.org."),
                ("Your phone number", "", "If you prefer a phone call."),
                ("Where you live", "", "Then we look for something near you."),
                (
                    "What would you like to do?",
                    "Visit someone\nHelp at an activity in the neighbourhood\n"
                    "Call someone who is alone\nI do not know yet",
                    "You may choose more than one answer.",
                ),
                ("Anything else you would like to tell us?", "", "For example when you have time."),
            ],
        },
    },
    {
        "slug": "nieuwsbrief",
        "nl": {
            "title": "Aanmelden voor de nieuwsbrief",
            "search_description": "Krijg de nieuwsbrief van de coalitie in uw mailbox.",
            "intro": "<p>In de nieuwsbrief leest u wat er in de buurt gebeurt tegen "
            "eenzaamheid.</p>" + DEMO_NOTE,
            "submit_label": "Aanmelden",
            "thank_you_text": "<p>Bedankt! U krijgt de volgende nieuwsbrief in uw mailbox.</p>",
            "fields": [
                ("Uw e-mailadres", "email", True, "", "Bijvoorbeeld naam@voorbeeld.nl."),
                ("Uw naam", "name", False, "", "Zo kunnen we u in de mail aanspreken."),
            ],
        },
        "en": {
            "title": "Sign up for the newsletter",
            "slug": "newsletter",
            "search_description": "Get the coalition's newsletter in your inbox.",
            "intro": "<p>In the newsletter you read what happens near you against "
            "loneliness.</p>" + DEMO_NOTE_EN,
            "submit_label": "Sign up",
            "thank_you_text": "<p>Thank you! The next newsletter will be in your inbox.</p>",
            "fields": [
                ("Your e-mail address", "", "For example name@example.org."),
                ("Your name", "", "So we can greet you in the e-mail."),
            ],
        },
    },
]


def _page_fields(texts):
    return {
        "title": texts["title"],
        "search_description": texts["search_description"],
        "intro": texts["intro"],
        "submit_label": texts["submit_label"],
        "thank_you_text": texts["thank_you_text"],
    }


def _create(home, spec):
    texts = spec["nl"]
    page = FormPage(slug=spec["slug"], to_address="", **_page_fields(texts))
    page.form_fields = [
        FormField(
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
            sort_order=position,
        )
        for position, (label, field_type, required, choices, help_text) in enumerate(
            texts["fields"]
        )
    ]
    return add_child(home, page)


def _translate(page, spec, en):
    """The English version through wagtail-localize, questions included."""
    texts = spec["en"]
    # In English, so the default privacy text is the English one too.
    with translation.override("en"):
        translated = FormPage(slug=texts["slug"], **_page_fields(texts))
    translated.pk = page.pk
    # Matched to the Dutch questions by their translation key, as wagtail-localize does.
    translated.form_fields = [
        FormField(
            translation_key=source.translation_key,
            label=label,
            choices=choices,
            help_text=help_text,
            default_value=source.default_value,
            field_type=source.field_type,
            required=source.required,
            sort_order=source.sort_order,
        )
        for source, (label, choices, help_text) in zip(
            page.form_fields.order_by("sort_order"), texts["fields"], strict=True
        )
    ]
    translate_with_localize(page, translated, en)
    return page.get_translation(en)


def load(stdout=None):
    """Create what is missing; never overwrite what an editor changed."""
    nl = get_or_create_locale("nl")
    en = get_or_create_locale("en")
    home = site_home(nl)
    if home is None:
        return []
    created = []
    with transaction.atomic():
        for spec in FORMS:
            page = child_by_slug(home, spec["slug"])
            if page is None:
                page = _create(home, spec)
                created.append(page)
            if isinstance(page, FormPage) and not page.has_translation(en):
                created.append(_translate(page, spec, en))
    if stdout:
        stdout.write(f"Aanmeldformulieren: {len(created)} pagina's aangemaakt.")
    return created
