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
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
MAX_OCCURRENCES = 1000


def window_months():
    return getattr(settings, "EVENTS_OCCURRENCE_WINDOW_MONTHS", 18)


class RecurrenceError(ValueError):
    """The rule is not one we can read; the message is for the editor."""


def parse_rule(rule_text, local_start):
    """The dateutil rule for ``rule_text`` starting at naive local ``local_start``."""
    text = (rule_text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return None
    # "UNTIL=20261201" means "up to and including 1 December", as an editor reads it.
    text = re.sub(r"(?i)UNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959", text)
    if "DTSTART" in text.upper():
        raise RecurrenceError(_("Laat DTSTART weg: de begintijd staat al bij 'begint op'."))
    try:
        rule = rrulestr(text, dtstart=local_start, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise RecurrenceError(
            _("Deze herhaling kunnen we niet lezen: %(error)s") % {"error": error}
        ) from error
    if rule._freq not in (DAILY, WEEKLY, MONTHLY, YEARLY):
        raise RecurrenceError(
            _(
                "Zo vaak kan een activiteit niet terugkomen. Gebruik FREQ=DAILY, WEEKLY, MONTHLY of YEARLY."
            )
        )
    if getattr(rule, "_until", None) is not None and rule._until < local_start:
        raise RecurrenceError(_("De herhaling stopt al vóór de eerste keer."))
    return rule


def local_naive(moment):
    return timezone.localtime(moment, AMSTERDAM).replace(tzinfo=None)


def aware(naive):
    """Place a naive Dutch wall-clock time in Europe/Amsterdam (the later one if it is ambiguous)."""
    return naive.replace(tzinfo=AMSTERDAM)


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
    duration = (ends_at - starts_at) if ends_at and ends_at > starts_at else dt.timedelta(0)
    local_start = local_naive(starts_at)
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
        end = start + duration
        status, note, shown_start = "scheduled", "", start
        change = changes.get(start)
        if change is not None:
            _original, kind, new_start, note = change
            if kind == "moved" and new_start:
                status, shown_start = "moved", new_start
                end = new_start + duration
            elif kind in ("cancelled", "postponed"):
                status = kind
        if end < window_start and shown_start < window_start:
            continue
        result.append(Occurrence(shown_start, end, start, status, note or ""))
    return result[:limit]


FREQUENCY_WORDS = {
    DAILY: (_lazy("elke dag"), _lazy("elke %(n)s dagen")),
    WEEKLY: (_lazy("elke week"), _lazy("elke %(n)s weken")),
    MONTHLY: (_lazy("elke maand"), _lazy("elke %(n)s maanden")),
    YEARLY: (_lazy("elk jaar"), _lazy("elke %(n)s jaar")),
}
WEEKDAY_NAMES = [
    _lazy("maandag"),
    _lazy("dinsdag"),
    _lazy("woensdag"),
    _lazy("donderdag"),
    _lazy("vrijdag"),
    _lazy("zaterdag"),
    _lazy("zondag"),
]
ORDINALS = {
    1: _lazy("eerste"),
    2: _lazy("tweede"),
    3: _lazy("derde"),
    4: _lazy("vierde"),
    -1: _lazy("laatste"),
}


def _weekday_names(rule):
    names = [str(WEEKDAY_NAMES[day]) for day in sorted(rule._byweekday or []) if 0 <= day < 7] + [
        _("%(ordinal)s %(day)s")
        % {"ordinal": str(ORDINALS.get(n, n)), "day": str(WEEKDAY_NAMES[d])}
        for d, n in sorted(rule._bynweekday or [])
    ]
    if len(names) > 1:
        return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    return names[0] if names else ""


def describe(rule_text, starts_at):
    """The rule in plain Dutch, e.g. "Elke week op dinsdag, 10:00 uur, tot en met 1 december 2026"."""
    try:
        rule = parse_rule(rule_text, local_naive(starts_at))
    except RecurrenceError:
        return ""
    if rule is None:
        return ""
    once, many = FREQUENCY_WORDS.get(rule._freq, ("", ""))
    if not once:
        return ""
    interval = rule._interval or 1
    text = str(once) if interval == 1 else str(many) % {"n": interval}
    days = _weekday_names(rule)
    # A weekly rule without BYDAY repeats on the weekday of the first date.
    if not days and rule._freq == WEEKLY:
        days = str(WEEKDAY_NAMES[local_naive(starts_at).weekday()])
    if days and rule._freq in (WEEKLY, MONTHLY):
        text = _("%(every)s op %(days)s") % {"every": text, "days": days}
    local = local_naive(starts_at)
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
