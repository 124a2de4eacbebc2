"""Admin form of a place: opening hours must make sense before they reach residents."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.geocoding import ADDRESS_FIELDS, fill_coordinates  # noqa: F401  (events.forms imports them here)
from core.plain_language import PlainLanguagePageForm

WEEKDAYS = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
]


def _minutes(time):
    return time.hour * 60 + time.minute


class PlacePageForm(PlainLanguagePageForm):
    def clean(self):
        cleaned = super().clean()
        self.fill_coordinates(cleaned)
        self.check_opening_hours()
        self.check_temporary(cleaned)
        return cleaned

    def check_temporary(self, cleaned):
        """A closure needs its first day; a notice needs the day it stops being shown."""
        closed_from, closed_until = cleaned.get("closed_from"), cleaned.get("closed_until")
        if (closed_until or cleaned.get("closed_reason")) and not closed_from:
            self.add_error(
                "closed_from", _("Vul de eerste dag in dat de plek tijdelijk gesloten is.")
            )
        if closed_from and closed_until and closed_until < closed_from:
            self.add_error(
                "closed_until", _("De laatste dag ligt vóór de eerste dag van de sluiting.")
            )
        if cleaned.get("notice") and not cleaned.get("notice_until"):
            self.add_error(
                "notice_until",
                _("Tot wanneer moeten bewoners de mededeling zien? Vul de laatste dag in."),
            )

    def fill_coordinates(self, cleaned):
        fill_coordinates(cleaned, self.changed_data)

    def check_opening_hours(self):
        formset = self.formsets.get("opening_hours")
        if formset is None or not formset.is_valid():
            return  # the formset's own errors are shown already
        ranges = []
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            weekday, opens, closes = data.get("weekday"), data.get("opens"), data.get("closes")
            if weekday is None or opens is None or closes is None:
                continue
            next_day = data.get("closes_next_day")
            if not next_day and closes <= opens:
                form.add_error(
                    "closes",
                    _(
                        "De sluittijd ligt vóór of op de openingstijd. Gaat de deur pas na "
                        "middernacht dicht? Vink dan 'sluit na middernacht' aan."
                    ),
                )
                continue
            start = int(weekday) * 1440 + _minutes(opens)
            end = int(weekday) * 1440 + _minutes(closes) + (1440 if next_day else 0)
            ranges.append((start, end, form, int(weekday)))
        ranges.sort(key=lambda item: item[0])
        latest_end = None
        for start, end, form, weekday in ranges:
            if latest_end is not None and start < latest_end:
                form.add_error(
                    "opens",
                    _("Deze tijden overlappen met andere openingstijden op %(day)s.")
                    % {"day": WEEKDAYS[weekday]},
                )
            latest_end = end if latest_end is None else max(latest_end, end)
        if any(form.errors for form in formset.forms):
            raise ValidationError(_("Controleer de openingstijden: er klopt iets niet."))
