"""The search's reference data for ``manage.py setup``: a first list of words that mean the
same to people who search (maatje = buddy, ouderen = senioren = 65-plussers).

Editors extend and change the list in the admin ("Zoekwoorden met dezelfde betekenis"), so
setup adds the first list only to a language that has no groups at all: it never brings
back a group an editor removed while others remain.
"""

from .models import SearchSynonym

FIRST_GROUPS = {
    "nl": [
        "maatje, buddy",
        "eenzaam, alleen",
        "ouderen, senioren, 65-plussers",
        "vrijwilliger, vrijwilligerswerk",
        "weduwe, weduwnaar",
        "jongeren, jeugd",
        "den bosch, 's-hertogenbosch",
        "mantelzorger, mantelzorg",
        "ontmoeting, samenkomst",
    ],
    "en": [
        "buddy, befriender",
        "lonely, isolated",
        "older people, elderly, seniors",
        "volunteer, volunteering",
        "widow, widower",
        "young people, youth",
    ],
}


def ensure_first_synonyms():
    """Add the first list to each language without any group; returns how many were added."""
    added = 0
    for language, groups in FIRST_GROUPS.items():
        if SearchSynonym.objects.filter(language=language).exists():
            continue
        SearchSynonym.objects.bulk_create(
            [SearchSynonym(language=language, terms=terms) for terms in groups]
        )
        added += len(groups)
    if added:
        SearchSynonym.clear_cache()
    return added


def run():
    return {"zoekwoorden met dezelfde betekenis": ensure_first_synonyms()}
