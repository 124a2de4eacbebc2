"""Turn each event's old amount in euro into the cost: free, a price in words, or unknown.

0 is free, more than 0 is a price written the Dutch way ("€ 2,50"), no amount is unknown.
The dates already expanded copy the event's cost, so they follow. The conversion is copied
here, not imported, so that this migration keeps doing what it did when the code changes.
"""

import re
from decimal import Decimal

from django.db import migrations

EURO = re.compile(r"€\s*(\d+(?:[.,]\d{1,2})?)")


def format_euro(amount):
    text = f"{Decimal(amount):,.2f}"
    return "€ " + text.replace(",", " ").replace(".", ",").replace(" ", ".")


def amounts_to_cost(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    EventPage.objects.filter(price_amount__isnull=True).update(is_free=None, price="")
    EventPage.objects.filter(price_amount__lte=0).update(is_free=True, price="")
    paid = EventPage.objects.filter(price_amount__gt=0)
    for amount in set(paid.values_list("price_amount", flat=True)):
        paid.filter(price_amount=amount).update(is_free=False, price=format_euro(amount))
    for is_free in (True, False):
        EventOccurrence.objects.filter(event__in=EventPage.objects.filter(is_free=is_free)).update(
            is_free=is_free
        )
    EventOccurrence.objects.filter(event__in=EventPage.objects.filter(is_free=None)).update(
        is_free=None
    )


def cost_to_amounts(apps, schema_editor):
    """Back: free is 0, a price with one amount in euro is that amount, the rest is empty."""
    EventPage = apps.get_model("events", "EventPage")
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    EventPage.objects.filter(is_free=True).update(price_amount=Decimal(0))
    EventPage.objects.exclude(is_free=True).update(price_amount=None)
    for page in EventPage.objects.filter(is_free=False).only("pk", "price"):
        amounts = EURO.findall(page.price)
        if len(amounts) == 1:
            amount = Decimal(amounts[0].replace(",", "."))
            EventPage.objects.filter(pk=page.pk).update(price_amount=amount)
    # Before, an event without a price counted as free.
    EventOccurrence.objects.exclude(is_free=False).update(is_free=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_cost_and_location_fields")]

    operations = [migrations.RunPython(amounts_to_cost, cost_to_amounts)]
