"""Plain text to rich text and back: what the editor can open, and what exports read.

The public form, the event import, JSON-LD and the HSDS export share one conversion. The
editor side is checked with Wagtail's own contentstate converter, the one the edit view runs.
"""

import json

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from core.blocks import RICH_TEXT_FEATURES
from core.richtext import plain_text_to_rich_text, rich_text_to_plain_text

# As a browser or a spreadsheet cell sends it: CRLF, a blank line between paragraphs.
TYPED = (
    "Kom gezellig kaarten.\r\n"
    "Ook als u het spel nog niet kent.\r\n"
    "\r\n"
    "Kaartavond <voor 55+> & meer 😀\r\n"
    "\"Welkom\", zei 'ze'"
)
STORED = (
    "<p>Kom gezellig kaarten.<br/>Ook als u het spel nog niet kent.</p>\n"
    "<p>Kaartavond &lt;voor 55+&gt; &amp; meer 😀<br/>"
    "&quot;Welkom&quot;, zei &#x27;ze&#x27;</p>"
)
# The same text as plain text: one newline per line break, a blank line per paragraph.
READ_BACK = (
    "Kom gezellig kaarten.\n"
    "Ook als u het spel nog niet kent.\n"
    "\n"
    "Kaartavond <voor 55+> & meer 😀\n"
    "\"Welkom\", zei 'ze'"
)


@pytest.fixture
def converter():
    return ContentstateConverter(features=RICH_TEXT_FEATURES)


def editor_blocks(converter, html):
    """The blocks the editor shows; raises "Unmatched tags" for HTML it cannot load."""
    return [block["text"] for block in json.loads(converter.from_database_format(html))["blocks"]]


def through_the_editor(converter, html):
    """Open in the editor and save unchanged: what the database holds after an edit."""
    return converter.to_database_format(converter.from_database_format(html))


def test_typed_text_becomes_rich_text_and_reads_back_as_typed():
    assert plain_text_to_rich_text(TYPED) == STORED
    assert rich_text_to_plain_text(STORED) == READ_BACK


def test_rich_text_round_trips_through_the_editor(converter):
    stored = plain_text_to_rich_text(TYPED)
    assert editor_blocks(converter, stored) == [
        "Kom gezellig kaarten.\nOok als u het spel nog niet kent.",
        "Kaartavond <voor 55+> & meer 😀\n\"Welkom\", zei 'ze'",
    ]
    saved = through_the_editor(converter, stored)
    assert 'data-block-key="' in saved  # really the editor's own output
    assert rich_text_to_plain_text(saved) == READ_BACK
    # Plain text of what the editor saved converts back to the same blocks.
    assert editor_blocks(converter, plain_text_to_rich_text(rich_text_to_plain_text(saved))) == (
        editor_blocks(converter, saved)
    )


@pytest.mark.parametrize(
    ("typed", "read_back"),
    [
        ("", ""),
        ("Eén regel", "Eén regel"),
        ("a\nb", "a\nb"),
        ("a\n\nb", "a\n\nb"),
        ("  a  \n\n\n\n b\nc \n\nd", "a\n\nb\nc\n\nd"),
        ("</p><br>", "</p><br>"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("&amp; &lt; is al geëscaped", "&amp; &lt; is al geëscaped"),
        ("Kaartavond <voor 55+>", "Kaartavond <voor 55+>"),
    ],
)
def test_plain_text_survives_a_round_trip(converter, typed, read_back):
    stored = plain_text_to_rich_text(typed)
    editor_blocks(converter, stored)  # loads without "Unmatched tags"
    assert rich_text_to_plain_text(stored) == read_back
    assert rich_text_to_plain_text(through_the_editor(converter, stored)) == read_back
    assert plain_text_to_rich_text(read_back) == stored


def test_blank_lines_make_paragraphs_and_spaces_at_line_ends_go():
    cases = {
        "  \n\n \r\n ": "",
        "a\rb": "<p>a<br/>b</p>",
        "a\n \t\nb": "<p>a</p>\n<p>b</p>",
        "  - ingesprongen  \n* punt": "<p>- ingesprongen<br/>* punt</p>",
    }
    for typed, stored in cases.items():
        assert plain_text_to_rich_text(typed) == stored, typed


def test_rich_text_from_the_editor_reads_as_plain_text():
    html = (
        '<h2 data-block-key="a1">Wat &amp; waar</h2>\n'
        '<p data-block-key="b2">Koffie,\n   <b>thee</b> en <a href="https://example.org">meer</a>'
        "&nbsp;&#x27;s middags<br/>Om 14.00 uur.</p>"
        '<ul><li data-block-key="c3">Ouderen</li><li data-block-key="d4">Mantelzorgers</li></ul>'
        '<p data-block-key="e5"></p><embed embedtype="image" id="1" format="left"/>'
        "<p>Tot dan!</p>"
    )
    assert rich_text_to_plain_text(html) == (
        "Wat & waar\n\n"
        "Koffie, thee en meer 's middags\nOm 14.00 uur.\n\n"
        "Ouderen\nMantelzorgers\n\n"
        "Tot dan!"
    )
    # HSDS wants one line per paragraph.
    assert rich_text_to_plain_text(html, paragraph_break="\n") == (
        "Wat & waar\nKoffie, thee en meer 's middags\nOm 14.00 uur.\nOuderen\nMantelzorgers\n"
        "Tot dan!"
    )


def test_empty_values_are_empty():
    for value in (None, "", "<p></p>", "<p> <br/> </p>"):
        assert rich_text_to_plain_text(value) == ""
    assert plain_text_to_rich_text(None) == ""
