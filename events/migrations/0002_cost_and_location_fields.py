"""One model of the cost and the shared address fields (core.models.Location, VisitInformation).

The event's price was an amount in euro; it becomes the cost of every page residents go to:
``is_free`` (free, costs, unknown) and ``price`` as text. The amount is kept as
``price_amount`` until 0003 has turned it into the new fields, and dropped in 0004.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="eventpage", old_name="price", new_name="price_amount"),
        migrations.AddField(
            model_name="eventpage",
            name="price",
            field=models.CharField(
                blank=True,
                help_text="Wat kost het, in gewone woorden? Bijvoorbeeld '€ 2,50, koffie inbegrepen'. Bij gratis leeg laten.",
                max_length=150,
                verbose_name="prijs",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
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
            model_name="eventoccurrence",
            name="is_free",
            field=models.BooleanField(null=True),
        ),
        migrations.AlterField(
            model_name="eventoccurrence",
            name="status",
            field=models.CharField(
                choices=[
                    ("scheduled", "gaat door"),
                    ("cancelled", "afgelast"),
                    ("full", "vol"),
                    ("moved", "verplaatst"),
                    ("postponed", "uitgesteld tot nader bericht"),
                ],
                default="scheduled",
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="can_come_alone",
            field=models.BooleanField(
                default=True,
                help_text="Kan iemand alleen komen, zonder begeleiding of afspraak?",
                verbose_name="u kunt alleen komen",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="city",
            field=models.CharField(
                blank=True,
                help_text="De woonplaats van het adres.",
                max_length=80,
                verbose_name="plaats",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="how_to_get_there",
            field=models.CharField(
                blank=True,
                help_text="Bus, tram, trein, parkeren, de ingang. Bijvoorbeeld 'Bushalte Markt, 2 minuten lopen'.",
                max_length=250,
                verbose_name="hoe komt u er",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="languages",
            field=models.CharField(
                blank=True,
                default="Nederlands",
                help_text="Welke talen spreken de mensen daar? Scheid met komma's, bijvoorbeeld 'Nederlands, Turks'.",
                max_length=200,
                verbose_name="talen",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="latitude",
            field=models.FloatField(
                blank=True,
                help_text="Wordt bij opslaan ingevuld uit het adres. Klopt de plek op de kaart niet? Vul hier zelf de breedtegraad in, bijvoorbeeld 51.6978.",
                null=True,
                verbose_name="breedtegraad",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="longitude",
            field=models.FloatField(
                blank=True,
                help_text="Wordt bij opslaan ingevuld uit het adres, bijvoorbeeld 5.3037.",
                null=True,
                verbose_name="lengtegraad",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="street",
            field=models.CharField(
                blank=True,
                help_text="Zonder huisnummer. Leeg laten als er geen adres is, zoals bij een telefoonlijn.",
                max_length=120,
                verbose_name="straat",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="welcome_at_door",
            field=models.BooleanField(
                default=False,
                help_text="Staat er iemand klaar om nieuwe bezoekers welkom te heten?",
                verbose_name="iemand vangt u op",
            ),
        ),
    ]
