from django.core.management.base import BaseCommand

from activities import demo as activities_demo
from events import demo as events_demo
from home import demo as home_demo
from koplopers import demo as koplopers_demo
from social_map import demo as social_map_demo


class Command(BaseCommand):
    help = (
        "Fill the site with demo content from the handreiking. Safe to run again: "
        "only what is missing is created, nothing an editor changed is overwritten."
    )

    # Each app that has demo content adds its loader here, in dependency order.
    loaders = [
        home_demo.load,
        activities_demo.load,
        social_map_demo.load,
        koplopers_demo.load,
        events_demo.load,
    ]

    def handle(self, *args, **options):
        for load in self.loaders:
            load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
