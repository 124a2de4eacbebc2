import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The whole demo site, loaded through the same command the README runs."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
