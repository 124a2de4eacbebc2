"""Dutch postcodes: "5211 AB", "5211ab" and " 5211 " all mean something."""

import re

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
