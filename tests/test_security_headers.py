"""Security headers on every page type and route of the demo, and on the admin.

Public pages get a strict Content-Security-Policy (nothing inline, nothing from elsewhere but
map tiles and the video players), so their HTML must hold no inline script, style or event
handler: the policy would silently break it. The admin gets its own, looser policy.
"""

import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from wagtail.models import Page

from tests.test_editor_round_trip import open_as_editor
from tests.test_page_tree import PARENTS
from tests.test_settings import PRODUCTION_ENV, run_python

pytestmark = pytest.mark.usefixtures("demo_site")

STRICT = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "connect-src": {"'self'"},
    "font-src": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "object-src": {"'none'"},
}
TILE_HOST = "https://service.pdok.nl"
VIDEO_HOSTS = {"https://www.youtube-nocookie.com", "https://www.youtube.com"}
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")
# Data, not code: browsers never run these, and CSP does not apply to them.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def parse_csp(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = set(values)
    return policy


def one_page_per_type():
    pages = []
    for model in PARENTS:
        page = model.objects.live().public().filter(locale__language_code="nl").first()
        assert page is not None, f"no live {model.__name__} in the demo"
        pages.append(page)
    return pages


def public_urls():
    """One page of each type in both languages where translated, plus the routes below them."""
    urls = [page.url for page in one_page_per_type()]
    urls += ["/en/", "/nl/zoeken/?q=samen", "/nl/bestaat-niet/"]
    kinds = {page.specific_class.__name__: page for page in Page.objects.live().specific()}
    event = kinds["EventPage"]
    urls += [f"{event.url}ical/", f"{event.url}uitnodiging/", f"{event.url}poster/"]
    urls += [f"{kinds['EventIndexPage'].url}programma/", f"{kinds['SocialMapPage'].url}print/"]
    urls += [f"{kinds['ProfileGuidePage'].url}kom-erbij-plan/?profiel=1"]
    return urls


class InlineCode(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts, <style>, style="" and on...=""."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        script_type = (attrs.get("type") or "").lower()
        if tag == "script" and not attrs.get("src") and script_type not in DATA_SCRIPT_TYPES:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        if "style" in attrs:
            self.found.append(f'<{tag} style="{attrs["style"]}">')
        self.found += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
        if (attrs.get("href") or "").strip().lower().startswith("javascript:"):
            self.found.append(f"<{tag} href=javascript:...>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_strict_headers(response, url):
    policy = parse_csp(response["Content-Security-Policy"])
    for name, values in STRICT.items():
        assert policy[name] == values, (url, name, policy[name])
    assert policy["img-src"] == {"'self'", "data:", TILE_HOST}, url
    assert policy["frame-src"] >= VIDEO_HOSTS, url
    assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
    permissions = response["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions, (url, feature)
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["X-Frame-Options"] == "DENY", url


def test_every_page_type_and_route_has_the_strict_headers_and_no_inline_code(client):
    problems = []
    urls = public_urls()
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        assert_strict_headers(response, url)
        if "html" in response["Content-Type"]:  # print views (card, poster, plan) too
            found = inline_code(response.content.decode())
            problems += [f"{url}: {item}" for item in found]
    assert len(urls) > 20
    assert not problems, "\n".join(problems)


def test_report_only_mode_sends_the_same_policy_without_enforcing(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {**settings.CSP_PUBLIC_DIRECTIVES, "report-uri": "/csp-rapport/"}
    }
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/nl/")
    assert "Content-Security-Policy" not in response
    policy = parse_csp(response["Content-Security-Policy-Report-Only"])
    assert policy["script-src"] == {"'self'"}
    assert policy["report-uri"] == {"/csp-rapport/"}
    admin = client.get("/admin/login/")
    assert "'unsafe-inline'" in admin["Content-Security-Policy-Report-Only"]


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_the_admin_has_its_own_looser_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["script-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["frame-ancestors"] == {"'self'"}  # the preview panel frames the admin's own
    assert policy["object-src"] == {"'none'"}
    assert "camera=()" in response["Permissions-Policy"]


def test_the_editors_preview_and_draft_may_be_framed_by_the_admin(
    client, django_user_model, settings
):
    """Wagtail renders them through the middleware with the page's own address: the public
    policy's frame-ancestors 'none' would leave the preview panel empty."""
    settings.TWO_FACTOR_REQUIRED_FOR = ["none"]  # the second factor is tested in users/tests
    client.force_login(django_user_model.objects.create_superuser("csp", "csp@example.org", "x"))
    page = one_page_per_type()[1]
    _edit, draft, preview = open_as_editor(client, page)
    assert preview["X-Frame-Options"] == "SAMEORIGIN"  # the draft view opens in its own tab
    for response in (draft, preview):
        assert page.title in response.content.decode()
        policy = parse_csp(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == {"'self'"}
        assert policy["script-src"] == {"'self'", "'unsafe-inline'"}


PRODUCTION_KEYS = (
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
)


@pytest.fixture(scope="module")
def production_security():
    """The security settings as production computes them, from a fresh process."""
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{k: getattr(settings, k) for k in {PRODUCTION_KEYS!r}}}))"
    )
    result = run_python(code, "coalition.settings.production", PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_hsts_and_upgrades_insecure_requests_on_every_page_type(
    production_security, settings
):
    for name, value in production_security.items():
        setattr(settings, name, value)
    assert settings.SECURE_HSTS_SECONDS >= 31_536_000
    client = Client()
    for url in public_urls():
        response = client.get(url, secure=True)
        assert response.status_code in (200, 302, 404), url
        assert_strict_headers(response, url)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), url
        assert "upgrade-insecure-requests" in parse_csp(response["Content-Security-Policy"])
    # Plain http is sent to https first.
    assert client.get("/nl/").status_code == 301
