"""The old amount in euro has become the cost (0003); drop it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0003_cost_from_price_amount")]

    operations = [migrations.RemoveField(model_name="eventpage", name="price_amount")]
