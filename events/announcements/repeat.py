"""How often an announced activity comes back: once, every week, every two weeks, every month.

Residents choose with radio buttons (no JavaScript, no RRULE to type); the choices become an
RFC 5545 rule through ``join_rule``, the admin widget's own builder, and are checked by
``parse_rule``, as the admin form checks an editor's rule. The rule starts at the first date
of the form: a weekly rule repeats on that weekday, a monthly one on the same date or on the
same weekday of the month ("the second Tuesday", "the last Friday").
"""

import calendar
import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..recurrence import (
    AMSTERDAM,
    DAY_CODES,
    ORDINALS,
    WEEKDAY_NAMES,
    RecurrenceError,
    parse_rule,
)
from ..widgets import join_rule
from .limits import YEARS_AHEAD

# (choice, FREQ, INTERVAL)
FREQUENCIES = {
    "weekly": ("WEEKLY", ""),
    "fortnightly": ("WEEKLY", "2"),
    "monthly": ("MONTHLY", ""),
}
ONCE = "once"
MAX_COUNT = 500


def week_of_month(day):
    """1 for the first Tuesday of its month, 2 for the second, ... 5 for a fifth."""
    return (day.day - 1) // 7 + 1


def is_last_of_month(day):
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


def month_choices(day=None):
    """The monthly options, named after the first date when the form knows it."""
    if day is None:
        return [
            ("weekday", _("Op dezelfde weekdag, bijvoorbeeld elke eerste dinsdag van de maand")),
            ("last", _("Op de laatste weekdag, bijvoorbeeld elke laatste vrijdag van de maand")),
            ("date", _("Op dezelfde datum, bijvoorbeeld elke 8e van de maand")),
        ]
    weekday = str(WEEKDAY_NAMES[day.weekday()])
    nth = week_of_month(day)
    same_weekday = (
        _("Op de %(ordinal)s %(weekday)s van de maand")
        % {"ordinal": str(ORDINALS[nth]), "weekday": weekday}
        if nth in ORDINALS
        else _("Op de vijfde %(weekday)s (die is er niet elke maand)") % {"weekday": weekday}
    )
    return [
        ("weekday", same_weekday),
        ("last", _("Op de laatste %(weekday)s van de maand") % {"weekday": weekday}),
        ("date", _("Op de %(day)se van de maand") % {"day": day.day}),
    ]


class RepeatFields(forms.Form):
    """The questions about repetition, and the rule they make (``cleaned_data["recurrence"]``)."""

    repeat = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak is het?"),
        choices=[
            (ONCE, gettext_lazy("Eén keer")),
            ("weekly", gettext_lazy("Elke week")),
            ("fortnightly", gettext_lazy("Elke twee weken")),
            ("monthly", gettext_lazy("Elke maand")),
        ],
        initial=ONCE,
        required=False,  # not sent at all (an old page in a tab, a script): once
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "De datum hierboven is de eerste keer. Elke week of elke twee weken: op dezelfde "
            "dag en tijd als de eerste keer."
        ),
    )
    repeat_monthly = forms.ChoiceField(
        label=gettext_lazy("Alleen bij elke maand: op welke dag?"),
        choices=month_choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("We rekenen vanaf de datum van de eerste keer."),
    )
    repeat_until = forms.DateField(
        label=gettext_lazy("Tot en met welke datum?"),
        required=False,
        help_text=gettext_lazy(
            "Niet verplicht. Laat leeg als het blijft doorgaan. Bijvoorbeeld 30-03-2027."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    repeat_count = forms.IntegerField(
        label=gettext_lazy("Of: hoeveel keer in totaal?"),
        required=False,
        min_value=2,
        max_value=MAX_COUNT,
        help_text=gettext_lazy(
            "Niet verplicht. Bijvoorbeeld 10. Vul een einddatum óf een aantal in, niet allebei."
        ),
        error_messages={
            "min_value": gettext_lazy("Vul een aantal van 2 tot en met 500 in."),
            "max_value": gettext_lazy("Vul een aantal van 2 tot en met 500 in."),
            "invalid": gettext_lazy("Vul een heel getal in, bijvoorbeeld 10."),
        },
        widget=forms.NumberInput(attrs={"min": 2, "max": MAX_COUNT, "inputmode": "numeric"}),
    )

    def name_month_choices(self):
        """Name the monthly options after the first date ("de tweede dinsdag"), once known."""
        value = self.data.get("start_date") if self.is_bound else self.initial.get("start_date")
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value or "")
        except ValueError:
            return
        self.fields["repeat_monthly"].choices = month_choices(day)

    def check_repeat(self, cleaned):
        """Turn the answers into ``cleaned["recurrence"]``, or say per question what is wrong."""
        cleaned["recurrence"] = ""
        repeat, day = cleaned.get("repeat"), cleaned.get("start_date")
        until, count = cleaned.get("repeat_until"), cleaned.get("repeat_count")
        if repeat is None:
            return  # not one of the choices: the field says so
        if repeat in (ONCE, ""):
            message = _(
                "Dit hoort bij een activiteit die vaker is. Kies hierboven hoe vaak, of maak dit "
                "veld leeg."
            )
            for name, value in (("repeat_until", until), ("repeat_count", count)):
                if value:
                    self.add_error(name, message)
            return
        if until and count:
            self.add_error(
                "repeat_count", _("Vul een einddatum óf een aantal keer in, niet allebei.")
            )
        if day is None:
            return  # the date has its own message; the rule starts there
        if until:
            self.check_until(day, until)
        nth = self.month_position(day) if repeat == "monthly" else None
        if any(self.has_error(name) for name in ("repeat_until", "repeat_count", "repeat_monthly")):
            return
        freq, interval = FREQUENCIES[repeat]
        days = [DAY_CODES[day.weekday()]] if nth else []
        rule = join_rule(
            freq,
            interval,
            days,
            until.isoformat() if until else "",
            str(count) if count else "",
            nth=nth,
        )
        start = dt.datetime.combine(day, cleaned.get("start_time") or dt.time.min)
        try:
            parsed = parse_rule(rule, start)
        except RecurrenceError as error:
            self.add_error("repeat", str(error))
            return
        if not parsed.includes(start):
            self.add_error("repeat", _("De eerste datum valt niet op deze herhaling."))
            return
        cleaned["recurrence"] = rule

    def check_until(self, day, until):
        if until <= day:
            self.add_error(
                "repeat_until",
                _("Deze datum ligt niet na de eerste keer (%(date)s). Kies een latere datum.")
                % {"date": date_format(day, "j F Y")},
            )
        elif until.year > timezone.localdate(timezone=AMSTERDAM).year + YEARS_AHEAD:
            self.add_error(
                "repeat_until",
                _("Kies een datum in de komende %(years)s jaar.") % {"years": YEARS_AHEAD},
            )

    def month_position(self, day):
        """BYDAY's number for a monthly rule (1 to 4, -1 for the last), or None for the date."""
        choice = self.cleaned_data.get("repeat_monthly")
        weekday = str(WEEKDAY_NAMES[day.weekday()])
        values = {"date": date_format(day, "j F Y"), "weekday": weekday, "day": day.day}
        if not choice:
            self.add_error("repeat_monthly", _("Kies op welke dag van de maand de activiteit is."))
        elif choice == "weekday" and week_of_month(day) > 4:
            self.add_error(
                "repeat_monthly",
                _(
                    "%(date)s is de vijfde %(weekday)s van de maand. Die is er niet elke maand: "
                    "kies 'op de laatste %(weekday)s'."
                )
                % values,
            )
        elif choice == "last" and not is_last_of_month(day):
            self.add_error(
                "repeat_monthly",
                _(
                    "%(date)s is niet de laatste %(weekday)s van de maand. Vul bij Datum de "
                    "eerste keer in, of kies een andere dag."
                )
                % values,
            )
        elif choice == "date" and day.day > 28:
            self.add_error(
                "repeat_monthly",
                _(
                    "Niet elke maand heeft een %(day)se. Kies 'op de laatste %(weekday)s', of "
                    "een eerste datum tot en met de 28e."
                )
                % values,
            )
        elif choice == "weekday":
            return week_of_month(day)
        elif choice == "last":
            return -1
        return None
