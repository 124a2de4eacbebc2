"""Dutch postcodes: "5211 AB", "5211ab" and " 5211 " all mean something."""

import re
from collections import Counter

POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$")


def normalise_postcode(value: str | None) -> str | None:
    """Return "5211 AB" (or "5211" for digits only), or None when it is not a postcode."""
    if not value or len(value) > 20:
        return None
    match = POSTCODE.match(value)
    if not match:
        return None
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


def postcode_prefixes(value: str | None) -> list[str]:
    """The first 4, 3 and 2 digits of a postcode, longest first; [] when it is not one."""
    postcode = normalise_postcode(value)
    return [postcode[:length] for length in (4, 3, 2)] if postcode else []


def match_by_prefix(value: str | None, known):
    """What the known postcodes that look most like ``value`` say, or None.

    ``known`` pairs postcodes with a value (say, the municipality of a place at that
    postcode). Postcodes sharing all 4 digits count first, then 3, then 2: the value most of
    them give wins. None when none shares even 2 digits, or when two values are equally
    common at that length (better no answer than a guess). No postcode ranges are assumed:
    only the postcodes given.
    """
    known = [(normalise_postcode(postcode), result) for postcode, result in known]
    for prefix in postcode_prefixes(value):
        counts = Counter(
            result for postcode, result in known if postcode and postcode.startswith(prefix)
        )
        if not counts:
            continue
        (best, best_count), *rest = counts.most_common(2)
        if rest and rest[0][1] == best_count:
            return None
        return best
    return None
