"""The recurrence field as an editor sees it: how often, on which days, until when.

The field itself stores an RFC 5545 RRULE; this widget writes and reads the common rules so
nobody has to type one. A rule it cannot show (say "the first Monday of the month") stays
in the "rule itself" box, where an experienced editor can change it.
"""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .recurrence import RecurrenceError, local_until, read_parts

FREQUENCIES = [
    ("", _("Eén keer (geen herhaling)")),
    ("DAILY", pgettext_lazy("herhaling", "Elke dag")),
    ("WEEKLY", _("Elke week")),
    ("MONTHLY", _("Elke maand (op dezelfde datum)")),
]
WEEKDAYS = [
    ("MO", _("maandag")),
    ("TU", _("dinsdag")),
    ("WE", _("woensdag")),
    ("TH", _("donderdag")),
    ("FR", _("vrijdag")),
    ("SA", _("zaterdag")),
    ("SU", _("zondag")),
]
SIMPLE_KEYS = {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT"}


def split_rule(rule):
    """The parts of a simple rule, or None when the rule needs the expert box."""
    try:
        parts = read_parts(rule)
    except RecurrenceError:
        return None  # the expert box shows it, and the form says what is wrong
    if parts is None:
        return {"freq": "", "interval": "", "days": [], "until": "", "count": ""}
    freq = str(parts["FREQ"][0])
    if set(parts) - SIMPLE_KEYS or freq not in {"DAILY", "WEEKLY", "MONTHLY"}:
        return None
    days = [str(day) for day in parts.get("BYDAY", [])]
    if any(day not in dict(WEEKDAYS) for day in days):
        return None
    until = local_until(parts["UNTIL"][0]).date().isoformat() if "UNTIL" in parts else ""
    return {
        "freq": freq,
        "interval": str(parts["INTERVAL"][0]) if "INTERVAL" in parts else "",
        "days": days,
        "until": until,
        "count": str(parts["COUNT"][0]) if "COUNT" in parts else "",
    }


def join_rule(freq, interval, days, until, count, nth=None):
    """The RRULE of the choices: the admin's widget and the public announcement form.

    ``days`` are weekday codes ("TU"); they count for a weekly rule, and for a monthly one
    only with ``nth`` (1 to 4, or -1 for the last): "the first Tuesday of the month".
    """
    if not freq:
        return ""
    pieces = [f"FREQ={freq}"]
    if interval and str(interval) not in ("0", "1"):
        pieces.append(f"INTERVAL={interval}")
    order = [code for code, _label in WEEKDAYS]
    if freq == "WEEKLY" and days:
        pieces.append("BYDAY=" + ",".join(sorted(set(days), key=order.index)))
    elif freq == "MONTHLY" and days and nth:
        pieces.append(
            "BYDAY=" + ",".join(f"{nth}{day}" for day in sorted(set(days), key=order.index))
        )
    if until:
        pieces.append("UNTIL=" + until.replace("-", ""))
    elif count:
        pieces.append(f"COUNT={count}")
    return ";".join(pieces)


class RecurrenceWidget(forms.MultiWidget):
    template_name = "events/widgets/recurrence.html"

    def __init__(self, attrs=None):
        widgets = {
            "freq": forms.Select(choices=FREQUENCIES),
            "interval": forms.NumberInput(attrs={"min": 1, "max": 52, "size": 3}),
            "days": forms.CheckboxSelectMultiple(choices=WEEKDAYS),
            "until": forms.DateInput(attrs={"type": "date"}),
            "count": forms.NumberInput(attrs={"min": 1, "max": 500, "size": 4}),
            "rule": forms.TextInput(attrs={"maxlength": 300}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        parts = split_rule(value)
        if parts is None:
            return ["", "", [], "", "", value]
        return [parts["freq"], parts["interval"], parts["days"], parts["until"], parts["count"], ""]

    def value_from_datadict(self, data, files, name):
        freq, interval, days, until, count, rule = super().value_from_datadict(data, files, name)
        rule = (rule or "").strip()
        if rule:
            return rule
        freq = freq or ""  # not sent at all (an API client, a test): no repeat
        if freq not in dict(FREQUENCIES):
            return f"FREQ={freq}"  # let the form's rule check explain the problem
        interval = interval if str(interval or "").isdigit() else ""
        count = count if str(count or "").isdigit() else ""
        try:
            until = dt.date.fromisoformat(until).isoformat() if until else ""
        except ValueError:
            until = ""
        return join_rule(freq, interval, days or [], until, count)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = [
            _("Hoe vaak"),
            _("Om de hoeveel keer (1 = elke keer, 2 = om de week of maand)"),
            _("Op welke dagen (alleen bij elke week; leeg = de dag van de eerste keer)"),
            _("Tot en met (datum)"),
            _("Of: hoeveel keer in totaal"),
            _("Of de regel zelf, voor gevorderden (RRULE; gaat voor de keuzes hierboven)"),
        ]
        for subwidget, label in zip(context["widget"]["subwidgets"], labels, strict=True):
            subwidget["label"] = label
            subwidget["is_group"] = subwidget["name"].endswith("_days")
        return context
