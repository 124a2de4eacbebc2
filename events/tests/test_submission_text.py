"""Text typed in the public form reaches the editor, the draft and the preview intact.

Django's ``linebreaks()`` wrote ``<br>`` as an open tag, which Wagtail's rich-text editor
cannot load (a 500 on the edit view), and stripping tags lost "Kaartavond <voor 55+>".
"""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.test.utils.form_data import querydict_from_html

from core.richtext import plain_text_to_rich_text
from events.announcements.form import AnnouncementForm
from events.models import EventPage

from .test_submission import form_page, no_geocoder, valid_data  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

TITLE = "Kaartavond <voor 55+>"
SUMMARY = "Samen kaarten <3 met koffie & koek."
# As a browser sends a textarea: CRLF line endings, a blank line between paragraphs.
DESCRIPTION = (
    "Kom gezellig kaarten.\r\n"
    "Ook als u het spel nog niet kent.\r\n"
    "\r\n"
    "Wat is er:\r\n"
    "- koffie\r\n"
    "* thee\r\n"
    "Kaartavond <voor 55+> & meer 😀"
)
# The blocks the editor shows: one per paragraph, a line break as "\n" inside a block.
BLOCKS = [
    "Kom gezellig kaarten.\nOok als u het spel nog niet kent.",
    "Wat is er:\n- koffie\n* thee\nKaartavond <voor 55+> & meer 😀",
]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def editor_blocks(html):
    converter = ContentstateConverter(features=EventPage._meta.get_field("description").features)
    return [block["text"] for block in json.loads(converter.from_database_format(html))["blocks"]]


@pytest.fixture
def submitted(client, form_page, zwolle):  # noqa: F811 - the fixture imported above
    data = valid_data(zwolle, title=TITLE, summary=SUMMARY, description=DESCRIPTION)
    assert client.post(form_page.url, data).status_code == 302
    return EventPage.objects.get()


# --- the conversion -------------------------------------------------------------


def test_plain_text_becomes_rich_text_the_editor_can_load():
    html = plain_text_to_rich_text(DESCRIPTION)

    assert html == (
        "<p>Kom gezellig kaarten.<br/>Ook als u het spel nog niet kent.</p>\n"
        "<p>Wat is er:<br/>- koffie<br/>* thee<br/>"
        "Kaartavond &lt;voor 55+&gt; &amp; meer 😀</p>"
    )
    assert editor_blocks(html) == BLOCKS


def test_blank_lines_make_paragraphs_and_every_text_is_escaped():
    cases = {
        "": "",
        "  \n\n \r\n ": "",
        "Eén regel": "<p>Eén regel</p>",
        "a\rb": "<p>a<br/>b</p>",
        "a\n\n\n\nb": "<p>a</p>\n<p>b</p>",
        "a\n \t\nb": "<p>a</p>\n<p>b</p>",
        "  - ingesprongen  \n</p><br>": "<p>- ingesprongen<br/>&lt;/p&gt;&lt;br&gt;</p>",
        "\"Welkom\", zei 'ze'": "<p>&quot;Welkom&quot;, zei &#x27;ze&#x27;</p>",
    }
    for typed, stored in cases.items():
        assert plain_text_to_rich_text(typed) == stored, typed
        editor_blocks(stored)  # loads without "Unmatched tags"


# --- the form -------------------------------------------------------------------


def test_text_between_angle_brackets_is_kept_as_typed(submitted):
    assert submitted.title == TITLE
    assert submitted.summary == SUMMARY
    assert submitted.slug == "kaartavond-voor-55"
    assert editor_blocks(submitted.description) == BLOCKS


def test_a_line_break_counts_as_one_character_like_in_the_browser(zwolle):
    fits = "\r\n".join(["x" * 99] * 40)  # 3,999 characters in the browser
    form = AnnouncementForm(valid_data(zwolle, description=fits))
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["description"]) == 3999

    too_long = AnnouncementForm(valid_data(zwolle, description=fits + "xx"))
    assert not too_long.is_valid()
    assert "description" in too_long.errors


# --- the admin ------------------------------------------------------------------


def test_the_editor_opens_a_submitted_event_with_the_text_intact(submitted, admin_client):
    response = admin_client.get(f"/admin/pages/{submitted.pk}/edit/")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("input[name=title]")["value"] == TITLE
    field = page.select_one("input[name=description]")
    assert [block["text"] for block in json.loads(field["value"])["blocks"]] == BLOCKS
    # In the page source the angle brackets are escaped, never markup.
    html = response.content.decode()
    assert "Kaartavond &lt;voor 55+&gt;" in html and "Samen kaarten &lt;3" in html
    assert "<voor 55+>" not in html


def test_saving_the_editor_unchanged_keeps_the_text(submitted, admin_client):
    edit_url = f"/admin/pages/{submitted.pk}/edit/"
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), "page-edit-form")

    response = admin_client.post(edit_url, data)

    assert response.status_code == 302, soup(response).select_one(".messages")
    draft = submitted.get_latest_revision_as_object()
    assert (draft.title, draft.summary) == (TITLE, SUMMARY)
    assert editor_blocks(draft.description) == BLOCKS


def test_the_draft_view_shows_the_text(submitted, admin_client):
    response = admin_client.get(f"/admin/pages/{submitted.pk}/view_draft/")

    assert response.status_code == 200
    assert_text_shows(response)


def test_the_preview_shows_the_text(submitted, admin_client):
    edit_url = f"/admin/pages/{submitted.pk}/edit/"
    preview_url = f"{edit_url}preview/"
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), "page-edit-form")

    check = admin_client.post(preview_url, data)
    assert check.status_code == 200
    assert check.json() == {"is_valid": True, "is_available": True}

    response = admin_client.get(preview_url)
    assert response.status_code == 200
    assert_text_shows(response)


def assert_text_shows(response):
    html = response.content.decode()
    main = soup(response).select_one("main")
    text = main.get_text()
    assert TITLE in main.select_one("h1").get_text()
    assert SUMMARY in text
    # Each typed line is its own line on the page: a <br> between them, not run together.
    for line in [*BLOCKS[0].split("\n"), *BLOCKS[1].split("\n")]:
        assert line in text, line
    assert "Kaartavond &lt;voor 55+&gt; &amp; meer 😀" in html
    assert "- koffie<br" in html and "* thee<br" in html
    assert not main.select("voor")
