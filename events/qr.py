"""QR codes to an event, made on the server with segno: no script and no third-party service.

Inline SVG stays sharp at any print size (posters); a PNG data URI is a file a volunteer can
save and paste into a newsletter, and what the invitation card shows.
"""

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe

# "M" recovers from about 15% damage: enough for a poster with a pin or a crease in it.
ERROR_LEVEL = "m"


def make(url):
    """The QR code for ``url``; never a Micro QR, which most phone cameras cannot read."""
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def svg(url, label, css_class="qr-code"):
    """An inline ``<svg>`` that scales with CSS (no fixed size), labelled for screen readers."""
    markup = make(url).svg_inline(omitsize=True, svgclass=css_class, lineclass=None)
    attributes = f'role="img" aria-label="{escape(label)}" focusable="false" '
    # Safe: segno writes only numbers into the markup, and the label is escaped.
    return mark_safe(markup.replace("<svg ", f"<svg {attributes}", 1))


def png_data_uri(url, scale=8):
    """A ``data:image/png;base64,...`` URI, ``scale`` pixels per module, with the quiet zone."""
    return make(url).png_data_uri(scale=scale, border=4)
