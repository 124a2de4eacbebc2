"""Sign-up forms editors build themselves: "Ik wil vrijwilliger worden", the newsletter.

Wagtail's form builder (``wagtail.contrib.forms``) on our ``BasePage``. The page is served by
``signups.views.serve_form_page`` (registered in ``SignupsConfig.ready``): a honeypot, a rate
limit per address, and the thank-you page after a redirect. Submissions are Wagtail's own
``FormSubmission``s, shown in the admin's "Formulieren" menu to everyone who may edit the
page, and deleted after ``SIGNUP_RETENTION_DAYS`` by ``manage.py delete_old_signups``.
"""

from django import forms
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import BasePage, SiteSettings
from core.page_views import page_view

from .forms import FormPageAdminForm, SignupFormBuilder
from .limits import retention_days

# The field types an editor can choose. Wagtail's own list, less a hidden field (an error on it
# cannot be seen), a multiple select (hard to use without a mouse) and date-and-time, plus a
# name and a phone number, so the browser can fill them in (``autocomplete``).
FIELD_TYPES = (
    ("singleline", _("Eén regel tekst")),
    ("multiline", _("Meerdere regels tekst")),
    ("name", _("Naam")),
    ("email", _("E-mailadres")),
    ("phone", _("Telefoonnummer")),
    ("number", _("Getal")),
    ("url", _("Webadres")),
    ("date", _("Datum")),
    ("checkbox", _("Eén vinkje (bijvoorbeeld toestemming)")),
    ("checkboxes", _("Vinkjes (meer antwoorden mogelijk)")),
    ("radio", _("Keuzerondjes (één antwoord)")),
    ("dropdown", _("Keuzelijst (één antwoord)")),
)


def default_privacy_notice():
    """The privacy text a new form starts with: who gets the data, what for, nothing more."""
    return "<p>{}</p>".format(
        gettext(
            "Uw gegevens gaan alleen naar de mensen van de coalitie die uw aanmelding "
            "behandelen. Zij gebruiken ze om contact met u op te nemen over deze aanmelding. "
            "We geven uw gegevens niet aan anderen."
        )
    )


class FormField(TranslatableMixin, AbstractFormField):
    """One question of a sign-up form, translated with its page (wagtail-localize)."""

    page = ParentalKey("signups.FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(verbose_name=_("soort veld"), max_length=16, choices=FIELD_TYPES)
    # Previews build the form from unsaved fields: Wagtail needs the type on every save.
    field_type.required_on_save = True

    # The field's name in stored submissions never changes with a translation; the texts do.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("sort_order"),
    ]

    panels = [
        FieldPanel(
            "label",
            heading=_("Vraag"),
            help_text=_("Wat ziet de bezoeker boven het veld? Bijvoorbeeld 'Uw naam'."),
        ),
        FieldPanel(
            "help_text",
            heading=_("Uitleg"),
            help_text=_(
                "Optioneel: een korte uitleg onder de vraag, bijvoorbeeld 'Zo kunnen we u bellen'."
            ),
        ),
        FieldPanel(
            "required",
            heading=_("Verplicht"),
            help_text=_("Vink aan als de bezoeker dit moet invullen. Vraag alleen wat nodig is."),
        ),
        FieldPanel(
            "field_type",
            classname="formbuilder-type",
            required_on_save=True,
            help_text=_(
                "Kies 'Naam', 'E-mailadres' of 'Telefoonnummer' voor die gegevens: dan kan de "
                "browser ze invullen."
            ),
        ),
        FieldPanel(
            "choices",
            classname="formbuilder-choices",
            heading=_("Antwoorden"),
            help_text=_(
                "Alleen bij vinkjes, keuzerondjes en een keuzelijst: elk antwoord op een "
                "eigen regel."
            ),
        ),
        FieldPanel(
            "default_value",
            classname="formbuilder-default",
            heading=_("Al ingevuld"),
            help_text=_(
                "Optioneel: wat er al in het veld staat. Bij vinkjes: de antwoorden die al "
                "aangevinkt zijn, elk op een eigen regel."
            ),
        ),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("formulierveld")
        verbose_name_plural = _("formuliervelden")


class FormPage(AbstractEmailForm, BasePage):
    """A sign-up form residents fill in, built by editors from fields."""

    intro = RichTextField(
        _("inleiding"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Staat boven het formulier: waarvoor meldt iemand zich aan, en wat gebeurt er daarna?"
        ),
    )
    submit_label = models.CharField(
        _("tekst op de knop"),
        max_length=40,
        blank=True,
        help_text=_("Bijvoorbeeld 'Aanmelden' of 'Inschrijven'. Leeg? Dan staat er 'Versturen'."),
    )
    privacy_notice = RichTextField(
        _("privacytekst"),
        features=RICH_TEXT_FEATURES,
        default=default_privacy_notice,
        help_text=_(
            "Staat naast de knop: wie krijgt de gegevens, en waarvoor gebruiken ze die? Hoe "
            "lang we de gegevens bewaren, zet de site er zelf onder."
        ),
    )
    thank_you_text = RichTextField(
        _("tekst na het versturen"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Wat ziet iemand na het versturen? Bijvoorbeeld: wie neemt contact op, en "
            "wanneer. Leeg? Dan staat er een korte bedankt."
        ),
    )

    base_form_class = FormPageAdminForm
    form_builder = SignupFormBuilder

    parent_page_types = ["home.HomePage", "home.StandardPage", "campaigns.CampaignPage"]
    subpage_types = []

    # The addresses mails go to are the same in every language, not text to translate.
    override_translatable_fields = [SynchronizedField("to_address")]

    content_panels = [
        FormSubmissionsPanel(heading=_("Aanmeldingen")),
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "form_fields",
            heading=_("Vragen"),
            label=_("Vraag"),
            help_text=_(
                "De vragen van het formulier, in deze volgorde. Vraag alleen wat u echt nodig hebt."
            ),
        ),
        FieldPanel("submit_label"),
        FieldPanel("privacy_notice"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    heading=_("Mail elke aanmelding naar"),
                    help_text=_(
                        "Optioneel: een of meer e-mailadressen, gescheiden door een komma. "
                        "Leeg? Dan staan aanmeldingen alleen onder 'Formulieren' in het beheer."
                    ),
                ),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "from_address",
                            heading=_("Afzender"),
                            help_text=_(
                                "Optioneel: het adres waarvan de e-mail komt. Leeg? Dan het "
                                "adres van de site."
                            ),
                        ),
                        FieldPanel(
                            "subject",
                            heading=_("Onderwerp"),
                            help_text=_(
                                "Optioneel: het onderwerp van de e-mail. Leeg? Dan 'Nieuwe "
                                "aanmelding' met de titel van deze pagina."
                            ),
                        ),
                    ]
                ),
            ],
            heading=_("E-mail bij elke aanmelding"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("aanmeldformulier")
        verbose_name_plural = _("aanmeldformulieren")

    def serve(self, request, *args, **kwargs):
        return page_view(self, "serve")(self, request)

    def get_context(self, request, *args, **kwargs):
        """What the form, its preview and the thank-you page share: the privacy facts."""
        context = super().get_context(request, *args, **kwargs)
        privacy_page = SiteSettings.for_request(request).privacy_page
        # In the visitor's language, without a query when the page already is (``.localized``
        # always asks); None when it is not live.
        found = localize_all([privacy_page], active_locale(request)) if privacy_page else []
        context["privacy_page"] = found[0] if found else None
        context["retention_days"] = retention_days()
        return context

    def send_mail(self, form):
        """The answers to ``to_address``, with a reply going straight to the sender."""
        reply_to = [
            value
            for name, value in form.cleaned_data.items()
            if value and name in form.fields and isinstance(form.fields[name], forms.EmailField)
        ]
        send_mail(
            self.subject or gettext("Nieuwe aanmelding: %(title)s") % {"title": self.title},
            self.render_email(form),
            [address.strip() for address in self.to_address.split(",") if address.strip()],
            self.from_address,
            reply_to=reply_to[:1] or None,
        )

    def render_email(self, form):
        lines = [
            gettext("Iemand heeft zich aangemeld via het formulier '%(title)s'.")
            % {"title": self.title},
            self.full_url or "",
            "",
        ]
        for field in form.visible_fields():
            if field.name not in form.cleaned_data:
                continue
            lines.append(f"{field.label}: {_plain(form.cleaned_data[field.name])}")
        lines += [
            "",
            gettext(
                "Alle aanmeldingen staan in het beheer onder 'Formulieren'. We bewaren ze "
                "%(days)s dagen; daarna worden ze gewist."
            )
            % {"days": retention_days()},
        ]
        return "\n".join(lines)


def _plain(value):
    """A submitted value as one line of an e-mail."""
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "year"):
        return date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)
