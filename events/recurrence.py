"""Recurring events: RFC 5545 rules expanded with python-dateutil, in Dutch wall-clock time.

A rule is expanded on naive local times and each date is then placed in Europe/Amsterdam, so
"every Tuesday 10:00" stays 10:00 on both sides of the change to and from summer time.
Expansion is always bounded by a window and a maximum count, whatever the rule says.
"""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrulestr
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
MAX_OCCURRENCES = 1000


def window_months():
    return getattr(settings, "EVENTS_OCCURRENCE_WINDOW_MONTHS", 18)


class RecurrenceError(ValueError):
    """The rule is not one we can read; the message is for the editor."""


PLAIN_DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
NTH_DAY = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
# Only rules that fall on a date every period are accepted: dateutil searches up to the
# year 9999 for a rule that never matches ("the 30th of February"), which would hang a request.
ALLOWED_PARTS = {
    "DAILY": {"INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"},
    "WEEKLY": {"INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"},
    "MONTHLY": {"INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"},
    "YEARLY": {"INTERVAL", "COUNT", "UNTIL", "WKST"},
}


def _parts(text):
    parts = {}
    for piece in text.upper().split(";"):
        if not piece.strip():
            continue
        key, sep, value = piece.partition("=")
        if not sep or not value or key.strip() in parts:
            raise RecurrenceError(
                _("Deze herhaling kunnen we niet lezen: “%(part)s”.") % {"part": piece[:40]}
            )
        parts[key.strip()] = value.strip()
    return parts


def _number(parts, key, low, high):
    if key not in parts:
        return
    value = parts[key]
    if not value.lstrip("-").isdigit() or not low <= int(value) <= high:
        raise RecurrenceError(
            _("%(key)s moet een getal van %(low)s tot en met %(high)s zijn.")
            % {"key": key, "low": low, "high": high}
        )


def check_parts(parts):
    """Refuse rules we could not expand safely or describe truthfully, with a reason."""
    freq = parts.get("FREQ")
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
    days = [day for day in parts.get("BYDAY", "").split(",") if day]
    for day in days:
        match = NTH_DAY.match(day)
        nth = match and match.group(1)
        if not match or (nth and (freq != "MONTHLY" or int(nth) not in (1, 2, 3, 4, -1))):
            raise RecurrenceError(
                _("“%(day)s” kunnen we niet gebruiken als dag in deze herhaling.") % {"day": day}
            )
    if freq == "DAILY" and days and parts.get("INTERVAL", "1") != "1":
        raise RecurrenceError(_("Kies bij 'om de zoveel dagen' geen vaste weekdagen."))
    if "BYMONTHDAY" in parts:
        if days:
            raise RecurrenceError(_("Kies een dag van de maand óf een weekdag, niet allebei."))
        for value in parts["BYMONTHDAY"].split(","):
            if not value.lstrip("-").isdigit() or int(value) not in (*range(1, 29), -1):
                raise RecurrenceError(
                    _("Een dag van de maand moet 1 tot en met 28 zijn, of -1 voor de laatste dag.")
                )


def parse_rule(rule_text, local_start):
    """The dateutil rule for ``rule_text`` starting at naive local ``local_start``."""
    text = (rule_text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return None
    if "DTSTART" in text.upper():
        raise RecurrenceError(_("Laat DTSTART weg: de begintijd staat al bij 'begint op'."))
    check_parts(_parts(text))
    # "UNTIL=20261201" means "up to and including 1 December", as an editor reads it.
    text = re.sub(r"(?i)UNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959", text)
    try:
        rule = rrulestr(text, dtstart=local_start, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise RecurrenceError(
            _("Deze herhaling kunnen we niet lezen: %(error)s") % {"error": error}
        ) from error
    if getattr(rule, "_until", None) is not None and rule._until < local_start:
        raise RecurrenceError(_("De herhaling stopt al vóór de eerste keer."))
    return rule


def local_naive(moment):
    return timezone.localtime(moment, AMSTERDAM).replace(tzinfo=None)


def aware(naive):
    """Place a naive Dutch wall-clock time in Europe/Amsterdam (the earlier one if ambiguous)."""
    return naive.replace(tzinfo=AMSTERDAM)


def _plus(moment, duration):
    return aware(local_naive(moment) + duration)


@dataclass(frozen=True)
class Occurrence:
    starts_at: dt.datetime
    ends_at: dt.datetime
    original_start: dt.datetime
    status: str = "scheduled"
    note: str = ""


def expand(
    starts_at, ends_at, rule_text, exceptions=(), window_start=None, window_end=None, limit=None
):
    """Every occurrence between ``window_start`` and ``window_end`` (aware datetimes).

    ``exceptions`` are (original_start, change, new_start, note) tuples. Never more than
    ``limit`` (default ``MAX_OCCURRENCES``) results, and never an unbounded loop.
    """
    limit = limit or MAX_OCCURRENCES
    local_start = local_naive(starts_at)
    # Wall-clock length: an event from Saturday 20:00 to Sunday 02:00 ends at 02:00 on every
    # date, also the night the clocks change.
    duration = (
        local_naive(ends_at) - local_start if ends_at and ends_at > starts_at else dt.timedelta(0)
    )
    rule = parse_rule(rule_text, local_start)
    window_start = window_start or starts_at
    window_end = window_end or (timezone.now() + dt.timedelta(days=31 * window_months()))
    if rule is None:
        starts = [starts_at]
    else:
        lower = local_naive(window_start - duration)
        upper = local_naive(window_end)
        starts = []
        # rrule.xafter / between iterate lazily; stop at the window's end or the cap.
        for naive in rule.xafter(lower, count=limit, inc=True):
            if naive > upper:
                break
            starts.append(aware(naive))
    changes = {change[0]: change for change in exceptions}
    result = []
    for start in starts:
        end = _plus(start, duration)
        status, note, shown_start = "scheduled", "", start
        change = changes.get(start)
        if change is not None:
            _original, kind, new_start, note = change
            if kind == "moved" and new_start:
                status, shown_start = "moved", new_start
                end = _plus(new_start, duration)
            elif kind in ("cancelled", "postponed"):
                status = kind
        if end < window_start and shown_start < window_start:
            continue
        result.append(Occurrence(shown_start, end, start, status, note or ""))
    return result[:limit]


FREQUENCY_WORDS = {
    DAILY: (gettext_lazy("elke dag"), gettext_lazy("elke %(n)s dagen")),
    WEEKLY: (gettext_lazy("elke week"), gettext_lazy("elke %(n)s weken")),
    MONTHLY: (gettext_lazy("elke maand"), gettext_lazy("elke %(n)s maanden")),
    YEARLY: (gettext_lazy("elk jaar"), gettext_lazy("elke %(n)s jaar")),
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


DAY_INDEX = {code: index for index, code in enumerate(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])}


def _join(names):
    if len(names) > 1:
        return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    return names[0] if names else ""


def _day_names(codes):
    """["TU", "1MO", "-1FR"] -> "dinsdag, eerste maandag en laatste vrijdag"."""
    names = []
    for code in codes:
        match = NTH_DAY.match(code)
        name = str(WEEKDAY_NAMES[DAY_INDEX[match.group(2)]])
        if match.group(1):
            name = _("de %(ordinal)s %(day)s") % {
                "ordinal": str(ORDINALS[int(match.group(1))]),
                "day": name,
            }
        names.append(name)
    return _join(names)


def describe(rule_text, starts_at):
    """The rule in plain Dutch, e.g. "Elke week op dinsdag, 10:00 uur, tot en met 1 december 2026".

    Only rules ``parse_rule`` accepts get words; for anything else the dates speak for themselves.
    """
    local = local_naive(starts_at)
    try:
        rule = parse_rule(rule_text, local)
        parts = _parts(rule_text.upper().removeprefix("RRULE:"))
    except RecurrenceError:
        return ""
    if rule is None:
        return ""
    freq = rule._freq
    days = [day for day in parts.get("BYDAY", "").split(",") if day]
    days.sort(key=lambda code: DAY_INDEX[code[-2:]])
    if freq == DAILY and days:
        freq = WEEKLY  # "every day, but only on Monday and Wednesday" is a weekly rule
    once, many = FREQUENCY_WORDS[freq]
    interval = rule._interval or 1
    text = str(once) if interval == 1 else str(many) % {"n": interval}
    if freq == WEEKLY:
        # A weekly rule without BYDAY repeats on the weekday of the first date.
        names = _day_names(days) if days else str(WEEKDAY_NAMES[local.weekday()])
        text = _("%(every)s op %(days)s") % {"every": text, "days": names}
    elif freq == MONTHLY and days:
        text = _("%(every)s op %(days)s") % {"every": text, "days": _day_names(days)}
    elif freq == MONTHLY:
        month_days = [int(value) for value in parts.get("BYMONTHDAY", str(local.day)).split(",")]
        names = [
            _("de laatste dag") if value == -1 else _("de %(day)se") % {"day": value}
            for value in sorted(month_days, key=lambda value: 99 if value == -1 else value)
        ]
        text = _("%(every)s op %(days)s") % {"every": text, "days": _join(names)}
    elif freq == YEARLY:
        text = _("%(every)s op %(date)s") % {"every": text, "date": date_format(local, "j F")}
    text = _("%(text)s, %(time)s uur") % {"text": text, "time": local.strftime("%H:%M")}
    if rule._until:
        text = _("%(text)s, tot en met %(date)s") % {
            "text": text,
            "date": date_format(rule._until.date(), "j F Y"),
        }
    elif rule._count:
        text += ", " + ngettext("%(count)s keer", "%(count)s keer", rule._count) % {
            "count": rule._count
        }
    return text[0].upper() + text[1:]
