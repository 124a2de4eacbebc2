"""Recurring events: RFC 5545 rules expanded with python-dateutil, in Dutch wall-clock time.

A rule is read once, by icalendar (``vRecur``), checked, and kept as a ``Rule``: the parsed
parts (what the plain-Dutch description, the admin widget and the iCalendar file read) and
dateutil's expansion of them. A rule is expanded on naive local times and each date is then
placed in Europe/Amsterdam, so "every Tuesday 10:00" stays 10:00 on both sides of the change
to and from summer time. Expansion is always bounded by a window and a maximum count,
whatever the rule says.
"""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from dateutil.rrule import rrule, rrulestr
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from icalendar import vRecur

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
MAX_OCCURRENCES = 1000


def window_months():
    return getattr(settings, "EVENTS_OCCURRENCE_WINDOW_MONTHS", 18)


class RecurrenceError(ValueError):
    """The rule is not one we can read; the message is for the editor."""


# Only rules that fall on a date every period are accepted: dateutil searches up to the
# year 9999 for a rule that never matches ("the 30th of February"), which would hang a request.
ALLOWED_PARTS = {
    "DAILY": {"INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"},
    "WEEKLY": {"INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"},
    "MONTHLY": {"INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"},
    "YEARLY": {"INTERVAL", "COUNT", "UNTIL", "WKST"},
}
DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_INDEX = {code: index for index, code in enumerate(DAY_CODES)}


def _unreadable(text):
    return RecurrenceError(
        _("Deze herhaling kunnen we niet lezen: “%(part)s”.") % {"part": text[:40]}
    )


def _number(parts, key, low, high):
    if key not in parts:
        return
    values = parts[key]
    if len(values) != 1 or not low <= int(values[0]) <= high:
        raise RecurrenceError(
            _("%(key)s moet een getal van %(low)s tot en met %(high)s zijn.")
            % {"key": key, "low": low, "high": high}
        )


def check_parts(parts):
    """Refuse rules we could not expand safely or describe truthfully, with a reason."""
    freq = str(parts["FREQ"][0]) if len(parts.get("FREQ", [])) == 1 else ""
    if freq not in ALLOWED_PARTS:
        raise RecurrenceError(
            _(
                "Zo vaak kan een activiteit niet terugkomen. Gebruik FREQ=DAILY, WEEKLY, MONTHLY of YEARLY."
            )
        )
    unknown = set(parts) - ALLOWED_PARTS[freq] - {"FREQ"}
    if unknown:
        raise RecurrenceError(
            _("Dit deel van de herhaling ondersteunen we niet: %(parts)s.")
            % {"parts": ", ".join(sorted(unknown))}
        )
    _number(parts, "INTERVAL", 1, 99)
    _number(parts, "COUNT", 1, MAX_OCCURRENCES)
    if len(parts.get("UNTIL", [None])) != 1:
        raise _unreadable("UNTIL")
    days = parts.get("BYDAY", [])
    for day in days:
        nth = day.relative
        if day.weekday not in DAY_INDEX or (
            nth and (freq != "MONTHLY" or nth not in (1, 2, 3, 4, -1))
        ):
            raise RecurrenceError(
                _("“%(day)s” kunnen we niet gebruiken als dag in deze herhaling.") % {"day": day}
            )
    if freq == "DAILY" and days and int(parts.get("INTERVAL", [1])[0]) != 1:
        raise RecurrenceError(_("Kies bij 'om de zoveel dagen' geen vaste weekdagen."))
    if "BYMONTHDAY" in parts:
        if days:
            raise RecurrenceError(_("Kies een dag van de maand óf een weekdag, niet allebei."))
        for value in parts["BYMONTHDAY"]:
            if int(value) not in (*range(1, 29), -1):
                raise RecurrenceError(
                    _("Een dag van de maand moet 1 tot en met 28 zijn, of -1 voor de laatste dag.")
                )


def read_parts(rule_text):
    """The checked parts of ``rule_text`` as icalendar reads them (a ``vRecur``), or None.

    The one place a rule's text is read: the expansion, the plain-Dutch description, the
    admin widget and the iCalendar files all start from these parts.
    """
    text = re.sub(r"\s+", "", rule_text or "")  # a rule has no meaningful spaces
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return None
    if "DTSTART" in text.upper():
        raise RecurrenceError(_("Laat DTSTART weg: de begintijd staat al bij 'begint op'."))
    try:
        parts = vRecur.from_ical(text)
    except ValueError as error:
        raise _unreadable(text) from error
    # icalendar skips a piece without "=" and keeps the last of a repeated key: refuse both,
    # the editor meant something we would not do.
    if len([piece for piece in text.split(";") if piece.strip()]) != len(parts):
        raise _unreadable(text)
    check_parts(parts)
    return parts


def local_until(value):
    """UNTIL as a naive Dutch wall-clock time; a date means "up to and including that day"."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(23, 59, 59))
    if value.tzinfo is not None:
        return timezone.localtime(value, AMSTERDAM).replace(tzinfo=None)
    return value


@dataclass(frozen=True)
class Rule:
    """A checked rule: its parts (a ``vRecur``) and dateutil's expansion from a local start."""

    parts: vRecur
    rrule: rrule
    local_start: dt.datetime

    @property
    def freq(self):
        return str(self.parts["FREQ"][0])

    @property
    def interval(self):
        return int(self.parts.get("INTERVAL", [1])[0])

    @property
    def count(self):
        return int(self.parts["COUNT"][0]) if "COUNT" in self.parts else None

    @property
    def until(self):
        """The last moment the rule may start at, in naive Dutch wall-clock time, or None."""
        return local_until(self.parts["UNTIL"][0]) if "UNTIL" in self.parts else None

    @property
    def days(self):
        """BYDAY as (nth or None, "MO"...) pairs, Monday first."""
        pairs = [(day.relative, day.weekday) for day in self.parts.get("BYDAY", [])]
        return sorted(pairs, key=lambda pair: DAY_INDEX[pair[1]])

    @property
    def month_days(self):
        return [int(value) for value in self.parts.get("BYMONTHDAY", [])]

    def includes(self, naive):
        """Whether the rule starts at the naive local ``naive`` (a bounded look-up)."""
        return self.rrule.after(naive - dt.timedelta(seconds=1)) == naive


def parse_rule(rule_text, local_start):
    """The ``Rule`` for ``rule_text`` starting at naive local ``local_start``, or None."""
    parts = read_parts(rule_text)
    if parts is None:
        return None
    expansion = vRecur(parts)
    if "UNTIL" in parts:
        expansion["UNTIL"] = [local_until(parts["UNTIL"][0])]
    try:
        expanded = rrulestr(expansion.to_ical().decode(), dtstart=local_start)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise RecurrenceError(
            _("Deze herhaling kunnen we niet lezen: %(error)s") % {"error": error}
        ) from error
    rule = Rule(parts, expanded, local_start)
    if rule.until is not None and rule.until < local_start:
        raise RecurrenceError(_("De herhaling stopt al vóór de eerste keer."))
    return rule


def local_naive(moment):
    return timezone.localtime(moment, AMSTERDAM).replace(tzinfo=None)


def aware(naive):
    """Place a naive Dutch wall-clock time in Europe/Amsterdam (the earlier one if ambiguous)."""
    return naive.replace(tzinfo=AMSTERDAM)


def plus(moment, duration):
    """``moment`` plus a wall-clock ``duration``: 20:00 plus six hours is 02:00, DST or not."""
    return aware(local_naive(moment) + duration)


def wall_duration(starts_at, ends_at):
    """How long an event lasts on the clock (zero without a later end)."""
    if ends_at and ends_at > starts_at:
        return local_naive(ends_at) - local_naive(starts_at)
    return dt.timedelta(0)


@dataclass(frozen=True)
class Occurrence:
    starts_at: dt.datetime
    ends_at: dt.datetime
    original_start: dt.datetime
    status: str = "scheduled"
    note: str = ""


def apply_change(start, duration, change):
    """The occurrence originally at ``start`` after ``change`` (an exception tuple, or None)."""
    end = plus(start, duration)
    if change is None:
        return Occurrence(start, end, start)
    _original, kind, new_start, note = change
    if kind == "moved" and new_start:
        return Occurrence(new_start, plus(new_start, duration), start, "moved", note or "")
    if kind in ("cancelled", "postponed"):
        return Occurrence(start, end, start, kind, note or "")
    return Occurrence(start, end, start, "scheduled", note or "")


def expand(
    starts_at, ends_at, rule_text, exceptions=(), window_start=None, window_end=None, limit=None
):
    """Every occurrence between ``window_start`` and ``window_end`` (aware datetimes).

    ``exceptions`` are (original_start, change, new_start, note) tuples. Never more than
    ``limit`` (default ``MAX_OCCURRENCES``) results, and never an unbounded loop.
    """
    limit = limit or MAX_OCCURRENCES
    # Wall-clock length: an event from Saturday 20:00 to Sunday 02:00 ends at 02:00 on every
    # date, also the night the clocks change.
    duration = wall_duration(starts_at, ends_at)
    rule = parse_rule(rule_text, local_naive(starts_at))
    window_start = window_start or starts_at
    window_end = window_end or (timezone.now() + dt.timedelta(days=31 * window_months()))
    if rule is None:
        starts = [starts_at]
    else:
        lower = local_naive(window_start - duration)
        upper = local_naive(window_end)
        starts = []
        # rrule.xafter iterates lazily; stop at the window's end or the cap.
        for naive in rule.rrule.xafter(lower, count=limit, inc=True):
            if naive > upper:
                break
            starts.append(aware(naive))
    changes = {change[0]: change for change in exceptions}
    result = []
    for start in starts:
        item = apply_change(start, duration, changes.get(start))
        if item.ends_at < window_start and item.starts_at < window_start:
            continue
        result.append(item)
    return result[:limit]


FREQUENCY_WORDS = {
    "DAILY": (gettext_lazy("elke dag"), gettext_lazy("elke %(n)s dagen")),
    "WEEKLY": (gettext_lazy("elke week"), gettext_lazy("elke %(n)s weken")),
    "MONTHLY": (gettext_lazy("elke maand"), gettext_lazy("elke %(n)s maanden")),
    "YEARLY": (gettext_lazy("elk jaar"), gettext_lazy("elke %(n)s jaar")),
}
WEEKDAY_NAMES = [
    gettext_lazy("maandag"),
    gettext_lazy("dinsdag"),
    gettext_lazy("woensdag"),
    gettext_lazy("donderdag"),
    gettext_lazy("vrijdag"),
    gettext_lazy("zaterdag"),
    gettext_lazy("zondag"),
]
ORDINALS = {
    1: gettext_lazy("eerste"),
    2: gettext_lazy("tweede"),
    3: gettext_lazy("derde"),
    4: gettext_lazy("vierde"),
    -1: gettext_lazy("laatste"),
}


def _join(names):
    if len(names) > 1:
        return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    return names[0] if names else ""


def _day_names(days):
    """[(None, "TU"), (1, "MO")] -> "dinsdag en de eerste maandag"."""
    names = []
    for nth, code in days:
        name = str(WEEKDAY_NAMES[DAY_INDEX[code]])
        if nth:
            name = _("de %(ordinal)s %(day)s") % {"ordinal": str(ORDINALS[nth]), "day": name}
        names.append(name)
    return _join(names)


def _when(rule, local):
    """The rule's rhythm in words ("elke week op dinsdag") for a first date at ``local``."""
    freq, days = rule.freq, rule.days
    if freq == "DAILY" and days:
        freq = "WEEKLY"  # "every day, but only on Monday and Wednesday" is a weekly rule
    once, many = FREQUENCY_WORDS[freq]
    text = str(once) if rule.interval == 1 else str(many) % {"n": rule.interval}
    if freq == "WEEKLY":
        # A weekly rule without BYDAY repeats on the weekday of the first date.
        names = _day_names(days) if days else str(WEEKDAY_NAMES[local.weekday()])
        return _("%(every)s op %(days)s") % {"every": text, "days": names}
    if freq == "MONTHLY" and days:
        return _("%(every)s op %(days)s") % {"every": text, "days": _day_names(days)}
    if freq == "MONTHLY":
        month_days = rule.month_days or [local.day]
        names = [
            _("de laatste dag") if value == -1 else _("de %(day)se") % {"day": value}
            for value in sorted(month_days, key=lambda value: 99 if value == -1 else value)
        ]
        return _("%(every)s op %(days)s") % {"every": text, "days": _join(names)}
    return _("%(every)s op %(date)s") % {"every": text, "date": date_format(local, "j F")}


def describe(rule_text, starts_at):
    """The rule in plain Dutch, e.g. "Elke week op dinsdag, 10:00 uur, tot en met 1 december 2026".

    Only rules ``parse_rule`` accepts get words; for anything else the dates speak for themselves.
    """
    local = local_naive(starts_at)
    try:
        rule = parse_rule(rule_text, local)
    except RecurrenceError:
        return ""
    if rule is None:
        return ""
    text = _("%(text)s, %(time)s uur") % {
        "text": _when(rule, local),
        "time": local.strftime("%H:%M"),
    }
    if rule.until is not None:
        text = _("%(text)s, tot en met %(date)s") % {
            "text": text,
            "date": date_format(rule.until.date(), "j F Y"),
        }
    elif rule.count:
        text += ", " + ngettext("%(count)s keer", "%(count)s keer", rule.count) % {
            "count": rule.count
        }
    return text[0].upper() + text[1:]


def _rhythm(rule, local):
    """ "elke dinsdag" for a plain weekly rule; otherwise the words of ``_when``."""
    weekly = rule.freq == "WEEKLY" or (rule.freq == "DAILY" and rule.days)
    if weekly and rule.interval == 1:
        days = _day_names(rule.days) if rule.days else str(WEEKDAY_NAMES[local.weekday()])
        return _("elke %(days)s") % {"days": days}
    return _when(rule, local)


def describe_series(rule_text, starts_at, ends_at=None, all_day=False):
    """A whole series in one sentence, for whoever checks an announcement.

    "elke dinsdag van 10:00 tot 11:30, vanaf 8 december 2026, tot en met 30 maart 2027": the
    rhythm, the times, the first date and the end, so a moderator sees at a glance what the
    rule will put in the agenda. "" for a one-off event or a rule we cannot read.
    """
    local = local_naive(starts_at)
    try:
        rule = parse_rule(rule_text, local)
    except RecurrenceError:
        return ""
    if rule is None:
        return ""
    values = {"every": _rhythm(rule, local), "start": local.strftime("%H:%M")}
    if all_day:
        text = _("%(every)s, de hele dag") % values
    elif ends_at and ends_at > starts_at:
        values["end"] = local_naive(ends_at).strftime("%H:%M")
        text = _("%(every)s van %(start)s tot %(end)s") % values
    else:
        text = _("%(every)s om %(start)s") % values
    text = _("%(text)s, vanaf %(date)s") % {"text": text, "date": date_format(local, "j F Y")}
    if rule.until is not None:
        return _("%(text)s, tot en met %(date)s") % {
            "text": text,
            "date": date_format(rule.until.date(), "j F Y"),
        }
    if rule.count:
        return _("%(text)s, %(count)s keer") % {"text": text, "count": rule.count}
    return text
