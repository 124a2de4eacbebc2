import pytest
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory


@pytest.fixture
def home(db):
    """A fresh site whose root is a HomePage (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    Locale.objects.get_or_create(language_code="en")
    home = HomePageFactory(parent=root, slug="start")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home
