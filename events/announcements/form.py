"""The announcement form: a ModelForm on ``EventPage`` plus what the page does not hold.

The page's own fields come from the model, with their labels, help texts, maximum lengths and
choices: a field added to ``EventPage`` reaches the public form by naming it in
``Meta.fields`` and in a fieldset. Declared here are only the fields the page does not have,
or keeps in another shape: the sender's details (kept apart, in ``EventSubmission``), the
consent, the honeypot, the date and times as separate inputs (the page has ``starts_at`` and
``ends_at``), the description as plain text (the page keeps rich text) and the title
(``Page.title`` is Wagtail's general one).
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.models import AccessibilityFeature, TargetGroup
from core.postcode import normalise_postcode
from social_map.models import PlacePage

from ..models import AMSTERDAM, EventPage, EventSubmission, Registration
from .fields import (
    PlaceChoiceField,
    PlainTextField,
    capitalised_choices,
    in_locale,
    model_text_field,
    public_formfield,
)
from .layout import FIELD_ORDER, FIELDSETS, FieldsetsMixin
from .limits import YEARS_AHEAD, retention_days
from .repeat import RepeatFields

HONEYPOT = "website"


def sender_field(name, label, help_text="", **attrs):
    """A detail of the sender, as long as ``EventSubmission`` keeps it."""
    db_field = EventSubmission._meta.get_field(name)
    return PlainTextField(
        label=label,
        max_length=db_field.max_length,
        required=not db_field.blank,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class AnnouncementForm(FieldsetsMixin, RepeatFields, forms.ModelForm):
    """The event as residents will see it, and who sent it (which they will not see)."""

    submitter_name = sender_field("submitter_name", gettext_lazy("Uw naam"), autocomplete="name")
    organisation_name = sender_field(
        "organisation_name",
        gettext_lazy("Naam van uw organisatie"),
        gettext_lazy(
            "Laat leeg als u het als bewoner organiseert. De naam van een organisatie zetten we "
            "bij de activiteit."
        ),
        autocomplete="organization",
    )
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=EventSubmission._meta.get_field("email").max_length,
        help_text=gettext_lazy("Hier sturen we een bevestiging naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = sender_field(
        "phone",
        gettext_lazy("Uw telefoonnummer"),
        gettext_lazy("Handig als we een vraag hebben over de activiteit."),
        type="tel",
        autocomplete="tel",
    )

    title = PlainTextField(
        label=gettext_lazy("Naam van de activiteit"),
        max_length=150,
        help_text=gettext_lazy("Kort en duidelijk, bijvoorbeeld 'Koffieochtend in De Linde'."),
    )
    description = model_text_field(
        EventPage, "description", widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )
    start_date = forms.DateField(
        label=gettext_lazy("Datum"),
        help_text=gettext_lazy("Bijvoorbeeld 20-10-2026."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Begintijd"),
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld 10:00."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=gettext_lazy("Eindtijd"),
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld 12:00. Niet verplicht."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    consent = forms.BooleanField(
        label=gettext_lazy("Ik geef toestemming"),
        error_messages={
            "required": gettext_lazy(
                "Vink aan dat u toestemming geeft. Anders kunnen we uw aanmelding niet behandelen."
            )
        },
    )
    # The honeypot: hidden from people (CSS, aria-hidden, no tab stop); bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    FIELDSETS = FIELDSETS
    field_order = FIELD_ORDER

    class Meta:
        model = EventPage
        # The page's fields residents fill in; the rest is for editors.
        fields = [
            "title",
            "summary",
            "all_day",
            "place",
            "location_name",
            "street",
            "house_number",
            "postcode",
            "city",
            "municipality",
            "online_url",
            "target_groups",
            "is_free",
            "price",
            "registration",
            "registration_url",
            "registration_phone",
            "languages",
            "accessibility",
            "can_come_alone",
            "welcome_at_door",
            "may_bring_someone",
            "how_to_get_there",
            "what_to_bring",
        ]
        formfield_callback = public_formfield
        field_classes = {"place": PlaceChoiceField}
        # The public is asked a question where editors see a name for the field.
        labels = {"summary": gettext_lazy("Wat gaat er gebeuren?")}
        widgets = {
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "online_url": forms.URLInput(attrs={"inputmode": "url"}),
            "target_groups": forms.CheckboxSelectMultiple,
            "accessibility": forms.CheckboxSelectMultiple,
            "is_free": forms.RadioSelect,
            "registration": forms.RadioSelect,
            "registration_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].empty_label = _("Staat er niet bij: ik vul het adres in")
        self.limit_choices(locale)
        self.fields["municipality"].empty_label = _("Kies de gemeente")
        capitalised_choices(self.fields["registration"])
        self.name_month_choices()
        today = timezone.localdate()
        self.fields["start_date"].widget.attrs.update(
            min=today.isoformat(), max=dt.date(today.year + YEARS_AHEAD, 12, 31).isoformat()
        )
        if not self.is_bound:
            self.initial["languages"] = _("Nederlands")
        days = retention_days()
        self.fields["consent"].help_text = ngettext(
            "We bewaren uw naam, e-mailadres en telefoonnummer alleen om contact met u te hebben "
            "over deze aanmelding. Na %(days)s dag verwijderen we ze.",
            "We bewaren uw naam, e-mailadres en telefoonnummer alleen om contact met u te hebben "
            "over deze aanmelding. Na %(days)s dagen verwijderen we ze.",
            days,
        ) % {"days": days}

    def limit_choices(self, locale):
        """Live places and the terms of the visitor's language; no empty list on the form."""
        choices = {
            "place": PlacePage.objects.live().public().order_by("title"),
            "target_groups": TargetGroup.objects.all(),
            "accessibility": AccessibilityFeature.objects.all(),
        }
        for name, queryset in choices.items():
            queryset = in_locale(queryset, locale)
            self.fields[name].queryset = queryset
            if not queryset.exists():
                del self.fields[name]

    # --- validation -----------------------------------------------------------
    def clean_start_date(self):
        value = self.cleaned_data["start_date"]
        today = timezone.localdate()
        if value < today:
            raise ValidationError(_("Deze datum is al voorbij. Kies een datum vanaf vandaag."))
        if value.year > today.year + YEARS_AHEAD:
            raise ValidationError(
                _("Kies een datum in de komende %(years)s jaar.") % {"years": YEARS_AHEAD}
            )
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not value:
            return ""
        postcode = normalise_postcode(value)
        if postcode is None:
            raise ValidationError(_("Vul een postcode in zoals 5211 AB."))
        return postcode

    def clean(self):
        cleaned = super().clean()
        self.check_times(cleaned)
        self.check_repeat(cleaned)
        self.check_location(cleaned)
        self.check_cost(cleaned)
        self.check_registration(cleaned)
        return cleaned

    def check_times(self, cleaned):
        day, start, end = (
            cleaned.get("start_date"),
            cleaned.get("start_time"),
            cleaned.get("end_time"),
        )
        if cleaned.get("all_day"):
            cleaned["start_time"] = cleaned["end_time"] = None
            return
        if "start_time" in cleaned and start is None:
            self.add_error(
                "start_time", _("Vul de begintijd in, of vink aan dat het de hele dag duurt.")
            )
            return
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        if day and start and day == timezone.localdate():
            now = timezone.localtime(timezone.now(), AMSTERDAM).time()
            if start < now.replace(second=0, microsecond=0):
                self.add_error("start_time", _("Deze tijd is vandaag al voorbij."))

    def check_location(self, cleaned):
        place = cleaned.get("place")
        if place is not None:
            # The place has an address; a typed one would contradict it.
            for name in ("location_name", "street", "house_number", "postcode", "city"):
                cleaned[name] = ""
            cleaned["municipality"] = cleaned.get("municipality") or place.municipality
            return
        address = [cleaned.get(name) for name in ("location_name", "street", "postcode", "city")]
        has_address = any(address)
        if not has_address and not cleaned.get("online_url"):
            if self.has_error("online_url"):
                return
            self.add_error(
                "place" if "place" in self.fields else "location_name",
                _("Kies een plek of vul het adres in. Alleen online? Vul dan de link in."),
            )
            return
        if has_address:
            if not (cleaned.get("street") or cleaned.get("location_name")):
                self.add_error("street", _("Vul de straat in, of de naam van de locatie."))
            if not cleaned.get("municipality") and not self.has_error("municipality"):
                self.add_error("municipality", _("Kies de gemeente waar de activiteit is."))

    def check_cost(self, cleaned):
        """The one rule about the cost (``is_free``, ``price``) the model does not enforce.

        Free: no price. There are costs: say what they are, visitors will ask.
        """
        is_free, price = cleaned.get("is_free"), cleaned.get("price")
        if is_free is True:
            cleaned["price"] = ""
        elif is_free is False and not price and not self.has_error("price"):
            self.add_error("price", _("Vul in wat het kost, bijvoorbeeld € 3,50."))

    def check_registration(self, cleaned):
        kind = cleaned.get("registration")
        missing_url = not cleaned.get("registration_url") and not self.has_error("registration_url")
        if kind == Registration.LINK and missing_url:
            self.add_error("registration_url", _("Vul de website in waar mensen zich aanmelden."))
        if kind == Registration.PHONE and not cleaned.get("registration_phone"):
            self.add_error("registration_phone", _("Vul het nummer in dat mensen kunnen bellen."))
        if kind != Registration.LINK:
            cleaned["registration_url"] = ""
        if kind != Registration.PHONE:
            cleaned["registration_phone"] = ""

    # --- results --------------------------------------------------------------
    def event_times(self):
        """(starts_at, ends_at) in Dutch time; a whole day starts at midnight and has no end."""
        data = self.cleaned_data
        day = data["start_date"]
        if data["all_day"]:
            return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM), None
        starts_at = dt.datetime.combine(day, data["start_time"], tzinfo=AMSTERDAM)
        ends_at = None
        if data.get("end_time"):
            ends_at = dt.datetime.combine(day, data["end_time"], tzinfo=AMSTERDAM)
        return starts_at, ends_at
