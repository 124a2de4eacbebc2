"""Factories for the page types of this app (tests and, later, bulk demo data)."""

import factory
import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Samen tegen eenzaamheid"
    hero_heading = "Samen tegen eenzaamheid"
    hero_intro = "Wat werkt tegen eenzaamheid, en wie doet wat bij u in de buurt."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Een korte inleiding."
    show_in_menus = True

    class Meta:
        model = StandardPage
