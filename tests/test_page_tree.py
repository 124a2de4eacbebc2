"""Where each page type may live: declared once, on the child, and creatable by an editor.

Tree rules declared on both sides drift apart: the home page once listed its children and left
out the agenda, whose own rule named the home page, and no editor could create an agenda. So
parents are named only in ``parent_page_types``; ``subpage_types`` only ever says "no children".
"""

import pytest
from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from activities.models import ActivityIndexPage, ActivityPage, ProfileGuidePage
from campaigns.models import CampaignPage
from events.models import EditionPage, EventIndexPage, EventPage, EventSubmissionPage
from home.models import HomePage, StandardPage
from koplopers.models import KoploperIndexPage, KoploperPage
from news.models import NewsIndexPage, NewsPage
from signups.models import FormPage
from social_map.models import PlacePage, SocialMapPage

# Every page type an editor can create, with the parents it belongs under.
PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage, CampaignPage},
    ActivityIndexPage: {HomePage},
    ActivityPage: {ActivityIndexPage},
    ProfileGuidePage: {HomePage, ActivityIndexPage},
    SocialMapPage: {HomePage},
    PlacePage: {SocialMapPage},
    KoploperIndexPage: {HomePage},
    KoploperPage: {KoploperIndexPage},
    EventIndexPage: {HomePage},
    EventPage: {EventIndexPage},
    EditionPage: {EventIndexPage},
    EventSubmissionPage: {EventIndexPage},
    CampaignPage: {HomePage, CampaignPage},
    NewsIndexPage: {HomePage, CampaignPage, StandardPage},
    NewsPage: {NewsIndexPage},
    FormPage: {HomePage, StandardPage, CampaignPage},
}
# Pages that must never have children (their URLs below them are routes).
LEAVES = {
    ActivityPage,
    ProfileGuidePage,
    PlacePage,
    KoploperPage,
    EventPage,
    EditionPage,
    EventSubmissionPage,
    NewsPage,
    FormPage,
}


def our_page_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model.is_creatable
    ]


def test_every_page_type_of_the_project_is_listed_here():
    assert set(our_page_types()) == set(PARENTS)


@pytest.mark.parametrize("model", our_page_types(), ids=lambda model: model.__name__)
def test_subpage_types_only_ever_forbid_children(model):
    """A list of allowed children would be a second copy of the children's parent rules."""
    declared = model.__dict__.get("subpage_types")
    if model in LEAVES:
        assert declared == [], f"{model.__name__} must declare subpage_types = []"
    else:
        assert declared is None, f"{model.__name__}: name parents on the child instead"


class TestEveryPageTypeCanBeCreatedWhereItBelongs(WagtailPageTestCase):
    def test_parents(self):
        for model, parents in PARENTS.items():
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, parents)

    def test_can_create_at_each_parent(self):
        for model, parents in PARENTS.items():
            for parent in parents:
                with self.subTest(model=model.__name__, parent=parent.__name__):
                    self.assertCanCreateAt(parent, model)

    def test_leaves_take_no_children(self):
        for model in LEAVES:
            with self.subTest(model=model.__name__):
                self.assertAllowedSubpageTypes(model, set())

    def test_home_page_takes_every_section(self):
        sections = {model for model, parents in PARENTS.items() if HomePage in parents}
        self.assertAllowedSubpageTypes(HomePage, sections | {Page})
        self.assertEqual(
            set(HomePage.creatable_subpage_models()),
            sections,
        )
