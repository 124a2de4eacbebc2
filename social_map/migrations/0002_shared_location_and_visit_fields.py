"""The shared address and visit fields (core.models.Location, VisitInformation).

``public_transport`` is renamed to the name events use, ``how_to_get_there``; ``is_free``
may now be unknown (every place keeps the value it had).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("social_map", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="placepage", old_name="public_transport", new_name="how_to_get_there"
        ),
        migrations.AlterField(
            model_name="placepage",
            name="how_to_get_there",
            field=models.CharField(
                blank=True,
                help_text="Bus, tram, trein, parkeren, de ingang. Bijvoorbeeld 'Bushalte Markt, 2 minuten lopen'.",
                max_length=250,
                verbose_name="hoe komt u er",
            ),
        ),
        migrations.AlterField(
            model_name="placepage",
            name="can_come_alone",
            field=models.BooleanField(
                default=True,
                help_text="Kan iemand alleen komen, zonder begeleiding of afspraak?",
                verbose_name="u kunt alleen komen",
            ),
        ),
        migrations.AlterField(
            model_name="placepage",
            name="is_free",
            field=models.BooleanField(
                blank=True,
                choices=[(True, "Gratis"), (False, "Er zijn kosten"), (None, "Onbekend")],
                default=None,
                help_text="Kost meedoen iets? Weet u het niet zeker, kies dan 'Onbekend'.",
                null=True,
                verbose_name="kosten",
            ),
        ),
        migrations.AlterField(
            model_name="placepage",
            name="price",
            field=models.CharField(
                blank=True,
                help_text="Wat kost het, in gewone woorden? Bijvoorbeeld '€ 2,50, koffie inbegrepen'. Bij gratis leeg laten.",
                max_length=150,
                verbose_name="prijs",
            ),
        ),
        migrations.AlterField(
            model_name="placepage",
            name="street",
            field=models.CharField(
                blank=True,
                help_text="Zonder huisnummer. Leeg laten als er geen adres is, zoals bij een telefoonlijn.",
                max_length=120,
                verbose_name="straat",
            ),
        ),
    ]
