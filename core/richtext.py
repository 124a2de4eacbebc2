"""Plain text to Wagtail rich text and back, done one way for the whole site.

Text typed in a form or a spreadsheet cell becomes rich text that Wagtail's editor can open;
rich text becomes plain text again for JSON-LD, open data (HSDS) and e-mail. Django's
``linebreaks()`` writes an open ``<br>`` that the editor cannot load ("Unmatched tags"), and
``strip_tags()`` drops text such as "Kaartavond <voor 55+>" and leaves ``&lt;`` and ``&amp;``
as they are: neither is used for this.
"""

import re
from html.parser import HTMLParser

from django.utils.html import escape

BLANK_LINE = re.compile(r"\n\s*\n")
# Elements that end a paragraph in plain text; a list item or <br> ends a line.
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "div"}
LINE_TAGS = {"br", "li"}


def plain_text_to_rich_text(value):
    """Typed text as the rich text Wagtail's editor reads and writes.

    A blank line starts a new paragraph (``<p>``); a single line break becomes ``<br/>``,
    self-closed as the editor writes it (its converter cannot load an open ``<br>``). Every
    piece of text is escaped, so "<voor 55+>" stays text and typed markup does nothing.
    Paragraphs are joined by a newline, which the editor ignores and plain-text exports keep.
    """
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in BLANK_LINE.split(text):
        lines = [escape(line.strip()) for line in block.strip().split("\n")]
        if any(lines):
            paragraphs.append(f"<p>{'<br/>'.join(lines)}</p>")
    return "\n".join(paragraphs)


class _PlainText(HTMLParser):
    """Collects rich text as paragraphs of lines; the text arrives with entities resolved."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = [[""]]

    def new_line(self):
        self.paragraphs[-1].append("")

    def new_paragraph(self):
        self.paragraphs.append([""])

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.new_paragraph()
        elif tag in LINE_TAGS:
            self.new_line()

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.new_paragraph()
        elif tag == "li":
            self.new_line()

    def handle_data(self, data):
        self.paragraphs[-1][-1] += data

    def text(self, paragraph_break):
        paragraphs = []
        for lines in self.paragraphs:
            # Whitespace in the HTML source (indentation, a newline between tags) means nothing.
            lines = [" ".join(line.split()) for line in lines]
            lines = [line for line in lines if line]
            if lines:
                paragraphs.append("\n".join(lines))
        return paragraph_break.join(paragraphs)


def rich_text_to_plain_text(value, paragraph_break="\n\n"):
    """Rich text as plain text: the inverse of ``plain_text_to_rich_text``.

    Paragraphs (and headings, lists, quotes) are separated by ``paragraph_break``, a blank line
    unless the caller wants one line per paragraph; ``<br/>`` and list items become line
    breaks. Tags are removed and entities resolved, so ``&lt;voor 55+&gt;`` reads
    "<voor 55+>". The result is text, not HTML: escape it where HTML is written.
    """
    parser = _PlainText()
    parser.feed(str(value or ""))
    parser.close()
    return parser.text(paragraph_break)
