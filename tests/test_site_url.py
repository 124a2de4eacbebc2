"""SITE_URL: one setting for the public address, which the demo gives the default Site.

Absolute links (canonical, og:url, sitemap, iCal, QR codes) are built from the default
Site; Wagtail's own default is localhost:80, where `make run` serves nothing.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from home import demo as home_demo
from home.demo import point_site_at_site_url


def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.mark.django_db
@override_settings(SITE_URL="http://127.0.0.1:8000")
def test_after_the_demo_loads_the_default_site_is_at_site_url():
    assert (default_site().hostname, default_site().port) == ("localhost", 80)  # Wagtail's
    home_demo.load()  # the loader that makes the site and its home page
    assert default_site().root_url == "http://127.0.0.1:8000"
    assert default_site().root_page.get_full_url() == "http://127.0.0.1:8000/nl/"


# The rule the demo loader applies, without loading the whole demo each time.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site_url", "hostname", "port", "root_url"),
    [
        ("https://eenzaam.example", "eenzaam.example", 443, "https://eenzaam.example"),
        ("http://eenzaam.example/", "eenzaam.example", 80, "http://eenzaam.example"),
        ("http://localhost:8001", "localhost", 8001, "http://localhost:8001"),
    ],
)
def test_the_port_comes_from_the_scheme_when_the_url_has_none(site_url, hostname, port, root_url):
    with override_settings(SITE_URL=site_url):
        point_site_at_site_url(default_site())
    site = default_site()
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)


@pytest.mark.django_db
def test_what_an_earlier_run_set_follows_a_new_site_url():
    with override_settings(SITE_URL="http://127.0.0.1:8000"):
        point_site_at_site_url(default_site())
    with override_settings(SITE_URL="http://localhost:8001"):
        point_site_at_site_url(default_site())
    assert default_site().root_url == "http://localhost:8001"


@pytest.mark.django_db
def test_a_hostname_an_editor_entered_is_left_alone():
    Site.objects.filter(is_default_site=True).update(hostname="eenzaamheid.utrecht.nl", port=443)
    with override_settings(SITE_URL="http://127.0.0.1:8000"):
        point_site_at_site_url(default_site())
    assert default_site().root_url == "https://eenzaamheid.utrecht.nl"


@pytest.mark.django_db
def test_an_address_another_site_has_is_not_taken(home):
    other = Site.objects.create(hostname="127.0.0.1", port=8000, root_page=home)
    with override_settings(SITE_URL="http://127.0.0.1:8000"):
        point_site_at_site_url(default_site())
    assert (default_site().hostname, default_site().port) == ("localhost", 80)
    assert Site.objects.get(pk=other.pk).is_default_site is False


@pytest.mark.django_db
@override_settings(SITE_URL="http://127.0.0.1:8000")
def test_local_admin_points_to_site_url_and_a_command_that_works():
    output = io.StringIO()
    call_command("create_local_admin", stdout=output)
    assert "http://127.0.0.1:8000/admin/" in output.getvalue()
    output = io.StringIO()
    call_command("create_local_admin", stdout=output)
    assert ".venv/bin/python manage.py changepassword admin" in output.getvalue()
