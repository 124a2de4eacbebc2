"""Factories for the news page types (tests and demo data)."""

import datetime as dt

import factory
import wagtail_factories

from .models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuws"
    slug = "nieuws"
    intro = "Wat er gebeurt in de coalitie."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bericht {n}")
    intro = "Een kort bericht."
    date = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()
