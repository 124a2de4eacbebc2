"""A password rule for this site: no words of the site and its cause.

An attacker who guesses passwords for a site against loneliness tries "Eenzaamheid2026!" and
"W3lzijn!" first; Django's list of common passwords does not know them. Case, separators,
digits and punctuation around the word and light leetspeak ("3" for "e") do not hide it.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The cause and the tools: the first words anyone would try here.
SITE_WORDS = (
    "eenzaamheid",
    "eenzaam",
    "eenzame",
    "samen",
    "coalitie",
    "welzijn",
    "wagtail",
    "loneliness",
    "lonely",
)
MIN_WORD_LENGTH = 5  # shorter words of the site name ("tegen", "de") are too common to refuse
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


def _letters(text):
    return re.sub(r"[^a-z]", "", text.lower())


def _readings(password):
    """The password as the words an attacker hides in it: as typed and with leetspeak undone."""
    lowered = password.lower()
    return {
        _letters(lowered),
        _letters(lowered.translate(LEET)),
        _letters(lowered.replace("1", "l").translate(LEET)),
    }


def _host_words(site_url):
    host = urlsplit(site_url or "").hostname or ""
    if not host or re.fullmatch(r"[\d.:]+", host):
        return []
    labels = host.split(".")[:-1] if "." in host else [host]
    return [label for label in labels if label != "www"]


class SiteWordsPasswordValidator:
    """Refuses a password that contains a word of the site, its name or its host name."""

    def __init__(self, site_name="", site_url="", extra_words=()):
        words = set(SITE_WORDS)
        words.update(_letters(word) for word in (site_name or "").split())
        words.add(_letters(site_name or ""))
        words.update(_letters(word) for word in _host_words(site_url))
        words.update(_letters(word) for word in extra_words)
        words.update(_letters(word) for word in getattr(settings, "PASSWORD_SITE_WORDS", ()))
        self.words = sorted(
            (word for word in words if len(word) >= MIN_WORD_LENGTH), key=len, reverse=True
        )

    def found_word(self, password):
        readings = _readings(password)
        for word in self.words:
            if any(word in reading for reading in readings):
                return word
        return None

    def validate(self, password, user=None):
        word = self.found_word(password)
        if word:
            raise ValidationError(
                _(
                    "Dit wachtwoord bevat het woord “%(word)s”. Aanvallers proberen eerst "
                    "woorden van deze website en woorden over eenzaamheid. Kies iets anders."
                ),
                code="password_site_word",
                params={"word": word},
            )

    def get_help_text(self):
        return _(
            "Uw wachtwoord mag geen woorden van deze website bevatten, zoals “eenzaamheid”, "
            "“samen” of “welzijn”, ook niet met cijfers of tekens ertussen."
        )


class LengthPasswordValidator(MinimumLengthValidator):
    """Django's minimum length, with a Dutch message: Django 5.2 changed the English text and
    its Dutch catalogue has not caught up, so editors would read "This password is too short"."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken hebben.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens hebben.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Uw wachtwoord moet minstens %(min_length)d teken hebben. Een zin van een paar "
            "woorden is lang genoeg en makkelijk te onthouden.",
            "Uw wachtwoord moet minstens %(min_length)d tekens hebben. Een zin van een paar "
            "woorden is lang genoeg en makkelijk te onthouden.",
            self.min_length,
        ) % {"min_length": self.min_length}
