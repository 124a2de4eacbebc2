"""A first list of words that mean the same to searchers; editors extend it in the admin."""

from django.db import migrations

FIRST_GROUPS = {
    "nl": [
        "maatje, buddy",
        "eenzaam, alleen",
        "ouderen, senioren, 65-plussers",
        "vrijwilliger, vrijwilligerswerk",
        "weduwe, weduwnaar",
        "jongeren, jeugd",
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


def add_groups(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for language, groups in FIRST_GROUPS.items():
        for terms in groups:
            SearchSynonym.objects.get_or_create(language=language, terms=terms)


def remove_groups(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for language, groups in FIRST_GROUPS.items():
        SearchSynonym.objects.filter(language=language, terms__in=groups).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_counts_and_synonyms")]

    operations = [migrations.RunPython(add_groups, remove_groups)]
