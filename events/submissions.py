"""The public form where organisations announce an event.

A valid announcement becomes a draft ``EventPage`` in the moderation workflow; nothing is
published until an editor approves it. Who sent it (name, e-mail, phone) is stored apart, in
``EventSubmission``, so it never reaches the page, its revisions or the search index, and it is
deleted after ``EVENTS_SUBMISSION_RETENTION_DAYS`` by ``delete_expired_submissions``.

Protection: Django's CSRF check, a honeypot field, a per-IP rate limit on accepted
submissions and a length limit on every field. Texts are kept as typed ("Kaartavond <voor 55+>"
is a title, not markup): templates escape them where they are shown, and the description is
escaped when it becomes rich text.
"""

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import Truncator, capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_ratelimit.core import get_usage
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from core.i18n import active_locale
from core.models import AccessibilityFeature, Municipality, Organisation, SiteSettings, TargetGroup
from core.richtext import plain_text_to_rich_text
from social_map.models import PlacePage
from social_map.postcode import normalise_postcode

from .duplicates import find_possible_duplicates
from .models import AMSTERDAM, RESERVED_SLUGS, EventPage, EventSubmission, Registration

logger = logging.getLogger(__name__)

HONEYPOT = "website"
THANK_YOU_PARAM = "verzonden"
RATE_LIMIT_GROUP = "events.submission"
YEARS_AHEAD = 5
# Longest event title quoted in the confirmation to the submitter: the rest is the sender's text.
CONFIRMATION_TITLE_LENGTH = 80


def retention_days():
    return getattr(settings, "EVENTS_SUBMISSION_RETENTION_DAYS", 90)


def submission_rate():
    return getattr(settings, "EVENTS_SUBMISSION_RATE", "5/h")


# --- the form -----------------------------------------------------------------


class PlainTextField(forms.CharField):
    """Plain text, kept as typed.

    Text between angle brackets is text ("Kaartavond <voor 55+>"), so nothing is stripped:
    templates escape it where it is shown. Line breaks are counted as one character, as the
    browser does for ``maxlength``, so a text that fits in the browser also fits here.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.city})" if obj.city else obj.title


def text(label, max_length, required=False, help_text="", widget=None, **attrs):
    widget = widget or forms.TextInput
    return PlainTextField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget(attrs=attrs) if attrs else widget,
    )


class EventSubmissionForm(forms.Form):
    """Contact details of the submitter plus the event fields residents will see."""

    submitter_name = text(gettext_lazy("Uw naam"), 120, required=True, autocomplete="name")
    organisation_name = text(
        gettext_lazy("Naam van uw organisatie"),
        150,
        help_text=gettext_lazy("Laat leeg als u het als bewoner organiseert."),
        autocomplete="organization",
    )
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        help_text=gettext_lazy("Hier sturen we een bevestiging naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = text(
        gettext_lazy("Uw telefoonnummer"),
        40,
        help_text=gettext_lazy("Handig als we een vraag hebben over de activiteit."),
        widget=forms.TextInput,
        type="tel",
        autocomplete="tel",
    )

    title = text(
        gettext_lazy("Naam van de activiteit"),
        150,
        required=True,
        help_text=gettext_lazy("Kort en duidelijk, bijvoorbeeld 'Koffieochtend in De Linde'."),
    )
    summary = text(
        gettext_lazy("Wat gaat er gebeuren?"),
        250,
        required=True,
        help_text=gettext_lazy("Eén zin. Die staat in de agenda en op de poster."),
    )
    description = text(
        gettext_lazy("Meer uitleg"),
        4000,
        help_text=gettext_lazy("Het programma, wie er komen, wat er te doen is."),
        widget=forms.Textarea,
        rows=6,
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
    all_day = forms.BooleanField(
        label=gettext_lazy("Het duurt de hele dag"),
        required=False,
        help_text=gettext_lazy(
            "Bijvoorbeeld een kaartjesactie. Dan hoeft u geen tijd in te vullen."
        ),
    )

    place = PlaceChoiceField(
        label=gettext_lazy("Plek van de sociale kaart"),
        queryset=PlacePage.objects.none(),
        required=False,
        empty_label=gettext_lazy("Staat er niet bij: ik vul het adres in"),
        help_text=gettext_lazy(
            "Staat de plek hieronder? Kies hem, dan hoeft u geen adres in te vullen."
        ),
    )
    location_name = text(
        gettext_lazy("Naam van de locatie"),
        150,
        help_text=gettext_lazy("Bijvoorbeeld 'Buurthuis De Linde' of 'Ingang van het park'."),
    )
    street = text(gettext_lazy("Straat"), 120, autocomplete="address-line1")
    house_number = text(gettext_lazy("Huisnummer"), 20, help_text=gettext_lazy("Bijvoorbeeld 12a."))
    postcode = text(
        gettext_lazy("Postcode"),
        10,
        help_text=gettext_lazy("Bijvoorbeeld 5211 AB."),
        autocomplete="postal-code",
    )
    city = text(gettext_lazy("Plaats"), 80, autocomplete="address-level2")
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=gettext_lazy("Kies de gemeente"),
        help_text=gettext_lazy("Zo vinden bewoners de activiteit als ze op gemeente zoeken."),
    )
    online_url = forms.URLField(
        label=gettext_lazy("Link om online mee te doen"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Alleen als het (ook) online is. Bijvoorbeeld een link naar Zoom."),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    target_groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Voor wie is het vooral?"),
        queryset=TargetGroup.objects.none(),
        required=False,
        help_text=gettext_lazy("Niets aangevinkt: voor iedereen."),
        widget=forms.CheckboxSelectMultiple,
    )
    cost = forms.ChoiceField(
        label=gettext_lazy("Kosten"),
        choices=[("free", gettext_lazy("Gratis")), ("paid", gettext_lazy("Het kost geld"))],
        initial="free",
        widget=forms.RadioSelect,
    )
    price = text(
        gettext_lazy("Wat kost het, in euro?"),
        10,
        help_text=gettext_lazy("Alleen als het geld kost. Bijvoorbeeld 3,50."),
        inputmode="decimal",
    )
    registration = forms.ChoiceField(
        label=gettext_lazy("Aanmelden"),
        choices=[(value, capfirst(label)) for value, label in Registration.choices],
        initial=Registration.NONE,
        widget=forms.RadioSelect,
    )
    registration_url = forms.URLField(
        label=gettext_lazy("Website om aan te melden"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Alleen bij aanmelden via een website."),
    )
    registration_phone = text(
        gettext_lazy("Telefoonnummer om aan te melden"),
        40,
        help_text=gettext_lazy("Alleen bij aanmelden door te bellen."),
        type="tel",
    )
    languages = text(
        gettext_lazy("Talen"),
        200,
        help_text=gettext_lazy("Welke talen spreken de mensen daar? Scheid met komma's."),
    )

    accessibility = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Toegankelijkheid"),
        queryset=AccessibilityFeature.objects.none(),
        required=False,
        help_text=gettext_lazy("Vink alleen aan wat u zeker weet."),
        widget=forms.CheckboxSelectMultiple,
    )
    can_come_alone = forms.BooleanField(
        label=gettext_lazy("U kunt alleen komen"), required=False, initial=True
    )
    welcome_at_door = forms.BooleanField(
        label=gettext_lazy("Iemand vangt nieuwe mensen op bij de deur"), required=False
    )
    may_bring_someone = forms.BooleanField(
        label=gettext_lazy("U mag iemand meenemen"), required=False, initial=True
    )
    how_to_get_there = text(
        gettext_lazy("Hoe komt u er?"),
        250,
        help_text=gettext_lazy(
            "Bus, parkeren, de ingang. Bijvoorbeeld 'Bushalte Markt, 2 minuten lopen'."
        ),
    )
    what_to_bring = text(
        gettext_lazy("Wat neemt u mee?"),
        250,
        help_text=gettext_lazy("Bijvoorbeeld 'Niets' of 'Stevige schoenen en een flesje water'."),
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

    FIELDSETS = (
        (
            "contact",
            gettext_lazy("Over u"),
            gettext_lazy(
                "Deze gegevens komen niet op de website. We gebruiken ze alleen om u over deze "
                "aanmelding te bereiken."
            ),
            ("submitter_name", "organisation_name", "email", "phone"),
        ),
        (
            "what",
            gettext_lazy("De activiteit"),
            "",
            ("title", "summary", "description"),
        ),
        (
            "when",
            gettext_lazy("Wanneer"),
            "",
            ("start_date", "start_time", "end_time", "all_day"),
        ),
        (
            "where",
            gettext_lazy("Waar"),
            gettext_lazy(
                "Kies een plek van de sociale kaart, of vul het adres in. Alleen online? "
                "Vul dan alleen de link in."
            ),
            (
                "place",
                "location_name",
                "street",
                "house_number",
                "postcode",
                "city",
                "municipality",
                "online_url",
            ),
        ),
        (
            "who",
            gettext_lazy("Voor wie, kosten en aanmelden"),
            "",
            (
                "target_groups",
                "cost",
                "price",
                "registration",
                "registration_url",
                "registration_phone",
                "languages",
            ),
        ),
        (
            "first-time",
            gettext_lazy("Toegankelijkheid en de eerste keer"),
            gettext_lazy("Wie ergens voor het eerst komt, wil dit graag van tevoren weten."),
            (
                "accessibility",
                "can_come_alone",
                "welcome_at_door",
                "may_bring_someone",
                "how_to_get_there",
                "what_to_bring",
            ),
        ),
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = {
            "place": PlacePage.objects.live().public().order_by("title"),
            "target_groups": TargetGroup.objects.all(),
            "accessibility": AccessibilityFeature.objects.all(),
        }
        locales = [locale, Locale.get_default()] if locale is not None else []
        for name, queryset in choices.items():
            # In the visitor's language; untranslated terms and places in the default one.
            for candidate in locales:
                if queryset.filter(locale=candidate).exists():
                    queryset = queryset.filter(locale=candidate)
                    break
            self.fields[name].queryset = queryset
            if not queryset.exists():
                del self.fields[name]  # nothing to choose from: no empty list on the form
        today = timezone.localdate()
        self.fields["start_date"].widget.attrs.update(
            min=today.isoformat(),
            max=dt.date(today.year + YEARS_AHEAD, 12, 31).isoformat(),
        )
        self.fields["languages"].initial = _("Nederlands")
        self.fields["consent"].help_text = ngettext(
            "We bewaren uw naam, e-mailadres en telefoonnummer alleen om contact met u te hebben "
            "over deze aanmelding. Na %(days)s dag verwijderen we ze.",
            "We bewaren uw naam, e-mailadres en telefoonnummer alleen om contact met u te hebben "
            "over deze aanmelding. Na %(days)s dagen verwijderen we ze.",
            retention_days(),
        ) % {"days": retention_days()}

    def error_summary(self):
        """(anchor id, label, first error) per invalid field, in the order of the form.

        A group of radio buttons or checkboxes has no single input to point at (its
        ``id_for_label`` is empty), so the link goes to its first option.
        """
        items = []
        for field in self:
            if not field.errors:
                continue
            anchor = field.id_for_label
            if not anchor:
                options = field.subwidgets
                anchor = options[0].id_for_label if options else field.auto_id
            items.append((anchor, field.label, field.errors[0]))
        return items

    def fieldsets(self):
        return [
            {
                "key": key,
                "legend": legend,
                "hint": hint,
                "fields": [self[name] for name in names if name in self.fields],
            }
            for key, legend, hint, names in self.FIELDSETS
        ]

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

    def clean_price(self):
        value = self.cleaned_data["price"].replace("€", "").replace(" ", "")
        if not value:
            return None
        if "," in value:
            value = value.replace(".", "").replace(",", ".")
        try:
            price = Decimal(value).quantize(Decimal("0.01"))
        except InvalidOperation as error:
            raise ValidationError(_("Vul een bedrag in, bijvoorbeeld 3,50.")) from error
        if not price.is_finite() or price < 0 or price >= 10_000:
            raise ValidationError(_("Vul een bedrag in tussen 0 en 10.000 euro."))
        return price

    def clean(self):
        cleaned = super().clean()
        self.check_times(cleaned)
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
        if cleaned.get("cost") == "paid":
            if cleaned.get("price") in (None, Decimal(0)) and not self.has_error("price"):
                self.add_error("price", _("Vul in wat het kost, bijvoorbeeld 3,50."))
        else:
            cleaned["price"] = None

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
        data = self.cleaned_data
        day = data["start_date"]
        if data["all_day"]:
            return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM), None
        starts_at = dt.datetime.combine(day, data["start_time"], tzinfo=AMSTERDAM)
        ends_at = None
        if data.get("end_time"):
            ends_at = dt.datetime.combine(day, data["end_time"], tzinfo=AMSTERDAM)
        return starts_at, ends_at


# --- creating the draft ---------------------------------------------------------


def event_slug(parent, title):
    """A free slug that is not one of the agenda's own routes (archief, ical, ...)."""
    slug = slugify(title)[:70].strip("-") or "activiteit"
    if slug in RESERVED_SLUGS:
        slug = f"activiteit-{slug}"
    return find_available_slug(parent, slug)


def build_event(parent, form):
    data = form.cleaned_data
    starts_at, ends_at = form.event_times()
    place = data.get("place")
    event = EventPage(
        title=data["title"],
        slug=event_slug(parent, data["title"]),
        summary=data["summary"],
        description=plain_text_to_rich_text(data["description"]),
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=data["all_day"],
        place=place,
        location_name=data["location_name"],
        street=data["street"],
        house_number=data["house_number"],
        postcode=data["postcode"],
        city=data["city"],
        municipality=data.get("municipality"),
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        online_url=data["online_url"],
        price=data["price"],
        registration=data["registration"],
        registration_url=data["registration_url"],
        registration_phone=data["registration_phone"],
        can_come_alone=data["can_come_alone"],
        welcome_at_door=data["welcome_at_door"],
        may_bring_someone=data["may_bring_someone"],
        how_to_get_there=data["how_to_get_there"],
        what_to_bring=data["what_to_bring"],
        languages=data["languages"],
        last_checked=timezone.localdate(),
        live=False,
        has_unpublished_changes=True,
    )
    if data["organisation_name"]:
        event.organiser = Organisation.objects.filter(
            locale=parent.locale_id, name__iexact=data["organisation_name"]
        ).first()
    event.target_groups = list(data.get("target_groups") or [])
    event.accessibility = list(data.get("accessibility") or [])
    if not place and data["postcode"] and data["house_number"]:
        event.latitude, event.longitude = geocode(data["postcode"], data["house_number"])
    return event


def geocode(postcode, house_number):
    """Coordinates for the map, if the geocoder knows the address; the form never waits on it."""
    from social_map.geocoding import GeocodingError, geocode_address

    try:
        return geocode_address(postcode, house_number)
    except GeocodingError:
        return None, None


@transaction.atomic
def create_submission(page, form):
    """Save the draft event, put it in the moderation workflow and keep who sent it."""
    parent = page.get_parent().specific
    event = build_event(parent, form)
    parent.add_child(instance=event)
    event.save_revision(log_action=True)
    workflow = event.get_workflow()
    if workflow is not None:
        workflow.start(event, user=None)
    else:
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


# --- e-mail ---------------------------------------------------------------------


def moderator_emails():
    """EVENTS_MODERATOR_EMAILS, or else the active Moderators and superusers with an address."""
    configured = getattr(settings, "EVENTS_MODERATOR_EMAILS", None)
    if isinstance(configured, str):
        configured = [address.strip() for address in configured.split(",")]
    if configured:
        return [address for address in configured if address]
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(Q(is_superuser=True) | Q(groups__name="Moderators"))
    return sorted(set(users.values_list("email", flat=True)))


def admin_url(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )


def send_notifications(request, page, submission):
    """Tell the submitter we have it and the moderators what to check; mail trouble is logged.

    Neither e-mail carries the submitter's name or contact details. The confirmation goes to
    an address anyone can type in, so it has a fixed subject and, of what was sent, only the
    (shortened) title and the date: it cannot be used to mail someone else a message.
    """
    event = submission.event
    starts_at = timezone.localtime(event.starts_at, AMSTERDAM)
    to_submitter = {
        "title": Truncator(event.title).chars(CONFIRMATION_TITLE_LENGTH),
        "all_day": event.all_day,
        "starts_at": starts_at,
        "ends_at": timezone.localtime(event.ends_at, AMSTERDAM) if event.ends_at else None,
        "retention_days": retention_days(),
        "organisation_name": SiteSettings.for_request(request).organisation_name,
    }
    to_moderators = {
        "title": event.title,
        "edit_url": admin_url(event),
        "duplicates": [
            {
                "title": duplicate.title,
                "starts_at": timezone.localtime(duplicate.starts_at, AMSTERDAM),
                "live": duplicate.live,
                "edit_url": admin_url(duplicate),
            }
            for duplicate in submission.possible_duplicates.order_by("starts_at")
        ],
    }
    messages = [
        (
            _("Uw aanmelding voor de agenda is ontvangen"),
            "events/emails/submission_received.txt",
            to_submitter,
            [submission.email],
        )
    ]
    moderators = moderator_emails()
    if moderators:
        messages.append(
            (
                _("Nieuwe activiteit aangemeld: %(title)s")
                % {"title": " ".join(event.title.split())},
                "events/emails/submission_for_moderators.txt",
                to_moderators,
                moderators,
            )
        )
    for subject, template, context, recipients in messages:
        try:
            send_mail(
                subject,
                render_to_string(template, context, request=request),
                None,
                recipients,
            )
        except Exception:  # a mail server hiccup must not lose the submission
            logger.exception("Could not send %s for submission %s", template, submission.pk)


# --- the view -------------------------------------------------------------------


def _usage(request, increment):
    try:
        return get_usage(
            request,
            group=RATE_LIMIT_GROUP,
            key="ip",
            rate=submission_rate(),
            increment=increment,
        )
    except ImproperlyConfigured:
        # No client address (for example a misconfigured proxy): one shared bucket.
        return get_usage(
            request,
            group=RATE_LIMIT_GROUP,
            key=lambda group, request: "unknown",
            rate=submission_rate(),
            increment=increment,
        )


def rate_limited(request):
    """True once this address has sent EVENTS_SUBMISSION_RATE accepted submissions."""
    usage = _usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_submission(request):
    _usage(request, increment=True)


def serve_submission_page(page, request):
    """GET shows the form (or the thank-you text); POST checks, saves and redirects."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    locale = active_locale(request)
    context = page.get_context(request)
    status = 200

    if request.method == "POST":
        form = EventSubmissionForm(request.POST, locale=locale)
        if rate_limited(request):
            context["rate_limited"] = True
            status = 429
        elif request.POST.get(HONEYPOT):
            count_submission(request)
            return thank_you_redirect(request)
        elif form.is_valid():
            try:
                submission = create_submission(page, form)
            except ValidationError as error:
                # The page model refused something the form let through: say so, keep the values.
                logger.warning("Event submission refused by the page model: %s", error)
                form.add_error(None, _("Dit konden we niet opslaan. Controleer de gegevens."))
            else:
                count_submission(request)
                send_notifications(request, page, submission)
                return thank_you_redirect(request)
    elif request.GET.get(THANK_YOU_PARAM):
        form = None
        context["submitted"] = True
    else:
        form = EventSubmissionForm(locale=locale)

    context["form"] = form
    context["has_errors"] = form is not None and form.is_bound and bool(form.errors)
    response = render(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


def thank_you_redirect(request):
    """POST/redirect/GET: reloading the thank-you page sends nothing twice."""
    response = HttpResponseRedirect(f"{request.path}?{THANK_YOU_PARAM}=1")
    add_never_cache_headers(response)
    return response
