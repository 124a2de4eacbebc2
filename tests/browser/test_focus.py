"""Where the keyboard is, a person can see it: skip link, a strong focus ring, focus after errors.

WCAG 2.4.7 (focus visible), 2.4.11 and 2.4.13 (focus not hidden, focus appearance): every
control shows a ring at least 2 CSS px thick with at least 3:1 contrast against the colour
around it. The colours are read from the browser's computed styles, and the contrast is
computed the WCAG way (relative luminance), in the page.
"""

import os

import pytest

from events.models import EventSubmissionPage
from social_map.models import SocialMapPage

from .conftest import WIDTHS, follow, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Colour helpers in the page: parse rgb(), WCAG relative luminance and contrast ratio, and the
# colour the control stands on (the nearest ancestor with a background of its own).
COLOUR_JS = """
const parse = (text) => {
  const m = /rgba?\\(([^)]*)\\)/.exec(text || "");
  if (!m) return null;
  const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  return { r, g, b, a };
};
const luminance = ({ r, g, b }) => {
  const lin = (v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (x, y) => {
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
};
const backdrop = (el) => {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour && colour.a > 0) return colour;
  }
  return { r: 255, g: 255, b: 255, a: 1 };
};
"""

# The focus indicator of `el` once it has keyboard focus: its outline and its box-shadow ring,
# each with thickness and contrast against the backdrop; and whether focusing changed the look.
INDICATOR_JS = (
    "(el) => {"
    + COLOUR_JS
    + """
  const look = () => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ");
  };
  el.blur();
  const before = look();
  el.focus();
  const style = getComputedStyle(el);
  const around = backdrop(el);
  const outlineColour = parse(style.outlineColor);
  const outline = {
    // A whole line: a dotted one (the design system's own on text fields) is half a ring.
    width: ["solid", "double"].includes(style.outlineStyle) ? parseFloat(style.outlineWidth) : 0,
    contrast: outlineColour && outlineColour.a > 0 ? contrast(outlineColour, around) : 0,
  };
  const ring = /(rgba?\\([^)]*\\))\\s+(-?[\\d.]+)px\\s+(-?[\\d.]+)px\\s+(-?[\\d.]+)px\\s+(-?[\\d.]+)px/
    .exec(style.boxShadow);
  const shadow = ring
    ? { width: parseFloat(ring[5]), contrast: contrast(parse(ring[1]), around) }
    : { width: 0, contrast: 0 };
  return {
    focused: document.activeElement === el,
    focusVisible: el.matches(":focus-visible"),
    changed: look() !== before,
    strong: [outline, shadow].some((r) => r.width >= 2 && r.contrast >= 3),
    outline,
    shadow,
    look: look(),
  };
}"""
)

SKIP_LINK_JS = (
    "(el) => {"
    + COLOUR_JS
    + """
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    contrast: contrast(parse(style.color), parse(style.backgroundColor)),
    inside: box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth
      && box.bottom <= window.innerHeight && box.width > 0 && box.height > 0,
  };
}"""
)

ANNOUNCEMENT_CONTROLS = {
    "text field": "form.submission-form input[type=text]",
    "e-mail field": "form.submission-form input[type=email]",
    "phone field": "form.submission-form input[type=tel]",
    "date field": "form.submission-form input[type=date]",
    "time field": "form.submission-form input[type=time]",
    "web address field": "form.submission-form input[type=url]",
    "text area": "form.submission-form textarea",
    "select": "form.submission-form select",
    "checkbox": "form.submission-form input[type=checkbox]",
    "radio button": "form.submission-form input[type=radio]",
    "button": "form.submission-form button[type=submit]",
    "link": ".site-logo",
    "link on a dark band": ".site-footer a",
}
SOCIAL_MAP_CONTROLS = {
    "search field": "form.place-filters input[type=search]",
    "text field": "form.place-filters input[type=text]",
    "select": "form.place-filters select",
    "checkbox": "form.place-filters input[type=checkbox]",
    "summary": "form.place-filters summary",
    "button": "form.place-filters button[type=submit]",
    "map": ".place-map__canvas",
    "map pin": ".leaflet-marker-icon",
    "map zoom button": ".leaflet-control-zoom-in",
    "link in the list": ".place-card h3 a",
}


def weak_focus_rings(page, controls):
    """The controls whose focus ring is missing, thin or faint: {kind: what was measured}."""
    page.keyboard.press("Tab")  # keyboard use, so the browser shows :focus-visible rings
    weak = {}
    for kind, selector in controls.items():
        control = page.locator(f"{selector} >> visible=true").first
        found = control.evaluate(INDICATOR_JS)
        if not (
            found["focused"] and found["focusVisible"] and found["changed"] and found["strong"]
        ):
            weak[kind] = found
    return weak


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_skip_link_and_every_kind_of_control_show_where_focus_is(live_demo, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    stub_map_tiles(page)

    # The first Tab shows the skip link, readable (4.5:1) and inside the screen.
    form_page = EventSubmissionPage.objects.get(locale__language_code="nl")
    page.goto(live_demo.url + form_page.url)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    seen = skip_link.evaluate(SKIP_LINK_JS)
    assert seen["contrast"] >= 4.5, seen
    assert seen["inside"], seen
    assert weak_focus_rings(page, {"skip link": ".skip-link"}) == {}

    # Every kind of control on the announcement form and the sociale kaart's filters and map.
    page.goto(live_demo.url + form_page.url)
    assert weak_focus_rings(page, ANNOUNCEMENT_CONTROLS) == {}
    page.goto(live_demo.url + SocialMapPage.objects.get(locale__language_code="nl").url)
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert weak_focus_rings(page, SOCIAL_MAP_CONTROLS) == {}
    context.close()


def test_a_failed_submit_puts_focus_on_the_error_summary(live_demo, page):
    form_page = EventSubmissionPage.objects.get(locale__language_code="nl")
    page.goto(live_demo.url + form_page.url)
    follow(page, page.get_by_role("button", name="Activiteit versturen"))

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    # The summary links to the fields to fix.
    assert summary.locator("a[href^='#']").count() > 0


def test_a_filter_search_puts_focus_on_the_results_heading(live_demo, page):
    stub_map_tiles(page)
    page.goto(live_demo.url + SocialMapPage.objects.get(locale__language_code="nl").url)
    follow(page, page.locator("form.place-filters button[type=submit]"))

    assert page.url.endswith("#resultaten")
    assert page.evaluate("document.activeElement.id") == "resultaten"
