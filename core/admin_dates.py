"""Dates and times in the admin as Dutch editors type them.

Wagtail's date fields show a JavaScript date picker that, on leaving the field, replaced a
value it could not read ("3-12-2026 14.00", "3 december 2026") with the current time, and the
server then saved that without a word. Here every admin date, date-time and time field:

- shows its value in the Dutch way (``03-12-2026 14:00``);
- reads what editors type: ``3-12-2026 14:00``, ``3-12-2026 14.00``, ``3/12/2026``,
  ``3 december 2026 14.00``, ``3 dec. 2026 om 14.00 uur``, and ISO ``2026-12-03 14:00``,
  whatever language the editor's admin is in (so ``3/12`` is never read as March 12);
- refuses anything else with a message that shows the expected form;
- and the date picker no longer replaces what it cannot read (``core/js/admin-dates.js``).

Registered with ``register_form_field_override``, so page forms (with the scheduling dialog's
"go live" and "expire" fields), snippet forms and the site's own admin forms all use it.
"""

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

# What the admin shows; coalition/settings/base.py sets Wagtail's WAGTAIL_*_FORMAT to the same,
# for the widgets Wagtail builds itself (the scheduling dialog, date blocks).
DATE_FORMAT = "%d-%m-%Y"
DATETIME_FORMAT = "%d-%m-%Y %H:%M"
TIME_FORMAT = "%H:%M"

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    # English names, for editors whose admin is in English.
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
}
_MONTH_NAME = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?(?![a-z])"
)
_SEP = r"\s*[-/.\s]\s*"
_DAY_FIRST = re.compile(rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}}|\d{{2}})")
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})")
_TIME = re.compile(r"(?P<H>\d{1,2})(?:\s*[:.h]\s*(?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?")
_FILLER = re.compile(r"\b(om|uur|u|at)\b|,")

DATE_MESSAGE = _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-12-2026.")
DATETIME_MESSAGE = _(
    "Vul de datum en tijd in als dag-maand-jaar uur:minuten, bijvoorbeeld 3-12-2026 14:00."
)
TIME_MESSAGE = _("Vul de tijd in als uur:minuten, bijvoorbeeld 14:00.")
NO_SUCH_DATE = _("Deze datum bestaat niet. Kijk de dag en de maand na.")
NO_SUCH_TIME = _("Deze tijd bestaat niet. Een uur gaat van 0 tot 23, minuten van 0 tot 59.")


class _Unreadable(Exception):
    pass


def _normalise(text):
    text = " ".join(str(text).lower().split())
    text = _MONTH_NAME.sub(lambda match: f" {MONTHS[match.group(1)]} ", text)
    text = text.replace("t", " ") if re.fullmatch(r"\d{4}-\d\d-\d\dt.*", text) else text
    return " ".join(_FILLER.sub(" ", text).split())


def _split_date(text):
    """(year, month, day) and the rest of the text, from the start of ``text``."""
    for pattern in (_YEAR_FIRST, _DAY_FIRST):
        match = pattern.match(text)
        if match:
            year = int(match["y"])
            if year < 100:
                year += 2000
            return (year, int(match["m"]), int(match["d"])), text[match.end() :].strip()
    raise _Unreadable


def _read_time(text):
    match = _TIME.fullmatch(text)
    if not match:
        raise _Unreadable
    hour, minute, second = int(match["H"]), int(match["M"] or 0), int(match["S"] or 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ValidationError(NO_SUCH_TIME, code="invalid_time") from None


def _make_date(parts):
    try:
        return dt.date(*parts)
    except ValueError:
        raise ValidationError(NO_SUCH_DATE, code="invalid_date") from None


def parse_dutch_date(text):
    """A ``date`` from what a Dutch editor typed; ValidationError if it cannot be read."""
    try:
        parts, rest = _split_date(_normalise(text))
        if rest:
            raise _Unreadable
    except _Unreadable:
        raise ValidationError(DATE_MESSAGE, code="invalid") from None
    return _make_date(parts)


def parse_dutch_datetime(text):
    """A naive ``datetime``; a date alone is midnight, as in Django's own field."""
    try:
        parts, rest = _split_date(_normalise(text))
        time = _read_time(rest) if rest else dt.time(0, 0)
    except _Unreadable:
        raise ValidationError(DATETIME_MESSAGE, code="invalid") from None
    return dt.datetime.combine(_make_date(parts), time)


def parse_dutch_time(text):
    try:
        return _read_time(_normalise(text))
    except _Unreadable:
        raise ValidationError(TIME_MESSAGE, code="invalid") from None


def _picker_config(config):
    # The date picker keeps what the editor typed instead of replacing it with "now".
    return {**config, "validateOnBlur": False}


class DutchDateInput(AdminDateInput):
    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or DATE_FORMAT)

    def get_config(self):
        return _picker_config(super().get_config())


class DutchDateTimeInput(AdminDateTimeInput):
    def __init__(self, attrs=None, format=None, time_format=None, **kwargs):
        super().__init__(
            attrs=attrs,
            format=format or DATETIME_FORMAT,
            time_format=time_format or TIME_FORMAT,
            **kwargs,
        )

    def get_config(self):
        return _picker_config(super().get_config())


class DutchTimeInput(AdminTimeInput):
    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or TIME_FORMAT)

    def get_config(self):
        return _picker_config(super().get_config())


class DutchDateField(forms.DateField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return parse_dutch_date(value)


class DutchDateTimeField(forms.DateTimeField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return from_current_timezone(value)
        if isinstance(value, dt.date):
            return from_current_timezone(dt.datetime(value.year, value.month, value.day))
        return from_current_timezone(parse_dutch_datetime(value))


class DutchTimeField(forms.TimeField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.time):
            return value
        return parse_dutch_time(value)


def register():
    """Every admin model form's date fields read Dutch (called from core's wagtail_hooks)."""
    register_form_field_override(
        models.DateField, override={"form_class": DutchDateField, "widget": DutchDateInput}
    )
    register_form_field_override(
        models.DateTimeField,
        override={"form_class": DutchDateTimeField, "widget": DutchDateTimeInput},
    )
    register_form_field_override(
        models.TimeField, override={"form_class": DutchTimeField, "widget": DutchTimeInput}
    )


def wagtail_settings_match():
    """Whether Wagtail's own widgets (scheduling dialog, date blocks) show the same format."""
    return (
        getattr(settings, "WAGTAIL_DATE_FORMAT", None) == DATE_FORMAT
        and getattr(settings, "WAGTAIL_DATETIME_FORMAT", None) == DATETIME_FORMAT
        and getattr(settings, "WAGTAIL_TIME_FORMAT", None) == TIME_FORMAT
    )
