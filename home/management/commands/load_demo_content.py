from django.core.management import call_command
from django.core.management.base import BaseCommand

from activities import demo as activities_demo
from campaigns import demo as campaigns_demo
from events import demo as events_demo
from home import demo as home_demo
from koplopers import demo as koplopers_demo
from news import demo as news_demo
from signups import demo as signups_demo
from social_map import demo as social_map_demo


def reference_data(stdout=None):
    """What a real site needs comes first, from `manage.py setup`: the demo only adds to it."""
    call_command("setup", stdout=stdout)


class Command(BaseCommand):
    help = (
        "Fill the site with demo content from the handreiking, after the reference data of "
        "`manage.py setup`. Safe to run again: only what is missing is created, nothing an "
        "editor changed is overwritten."
    )

    # The reference data first, then each app that has demo content, in dependency order.
    loaders = [
        reference_data,
        home_demo.load,
        activities_demo.load,
        social_map_demo.load,
        koplopers_demo.load,
        events_demo.load,
        news_demo.load,
        signups_demo.load,
        campaigns_demo.load,  # shows the news and the agenda's dates, links the sign-up form
        home_demo.load_menu,  # the menu names sections of the apps above
    ]

    def handle(self, *args, **options):
        for load in self.loaders:
            load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud staat klaar."))
