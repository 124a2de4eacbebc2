"""How small the type on a card or poster must be to fit its paper, worked out on the server.

A print-out must fit one sheet without JavaScript, so the page cannot measure itself. Instead we
estimate, from the length of each text, how tall the card or poster would be at full size, and
pick the largest step of ``FIT_STEPS`` at which it fits. The estimate is on the safe side (a
wide font, room lost at line ends), so text comes out a little small rather than cut off. The
sizes here are those of ``events/css/print-card.css`` and ``print-poster.css``: change them
together. The view hands both on as classes (``--fit-90``, ``__title--22``), never as a style
attribute, which the Content-Security-Policy would block. The browser test
``tests/browser/test_print_pdf.py`` prints the extremes to check.
"""

import math

PT = 25.4 / 72  # millimetres per typographic point
# Average character width as a share of the font size: 0.5 is Arial; a little more covers wider
# fonts (Noto Sans, DejaVu Sans) and the space lost where a line breaks between words.
CHAR_WIDTH = 0.56
BOLD_WIDTH = 0.62
FIT_STEPS = (100, 90, 80, 72, 64, 56, 50)

# --- the A6 card (105 x 148 mm, 7 mm padding) ----------------------------------------------
CARD_WIDTH = 91.0
CARD_HEIGHT = 134.0 - 4.0  # a little kept free, for fonts wider than we think
CARD_QR = 24.0
CARD_GAP = 2.5
CARD_WRITE_LINE = 9.0  # "Aan:" and "Van:", room to write a name
CARD_TITLE_SIZES = ((30, 22), (60, 18), (100, 15), (None, 13))

# --- the poster (A4 minus 12 mm margins; A3 is the same, 1.41 times larger) -----------------
POSTER_WIDTH = 186.0
POSTER_HEIGHT = 273.0 - 8.0
POSTER_QR_COLUMN = 62.0
POSTER_GAP = 8.0
POSTER_TITLE_SIZES = ((30, 46), (60, 38), (100, 32), (160, 26), (None, 22))


def lines(text, size_pt, width_mm, bold=False):
    """How many lines ``text`` takes at ``size_pt`` in a box ``width_mm`` wide (0 if empty)."""
    length = len(text or "")
    if not length:
        return 0
    per_line = max(1, int(width_mm / (size_pt * PT * (BOLD_WIDTH if bold else CHAR_WIDTH))))
    return math.ceil(length / per_line)


def height(text, size_pt, width_mm, bold=False, line_height=1.3):
    """The height in millimetres of ``text`` set in a box ``width_mm`` wide."""
    return lines(text, size_pt, width_mm, bold) * size_pt * PT * line_height


def title_size(title, sizes):
    """The font size (pt, at full size) for a title: long titles start smaller."""
    for longest, size in sizes:
        if longest is None or len(title) <= longest:
            return size
    return sizes[-1][1]


def best_fit(estimate, available):
    """The largest step of ``FIT_STEPS`` (a percentage) at which ``estimate(fit)`` fits."""
    for step in FIT_STEPS:
        if estimate(step / 100) <= available:
            return step
    return FIT_STEPS[-1]


def card_fit(texts):
    """The fit step for an invitation card.

    ``texts``: opening, title, status, when, time, venue, address, question, scan, url.
    """
    title_pt = title_size(texts["title"], CARD_TITLE_SIZES)
    beside_qr = CARD_WIDTH - CARD_QR - 3

    def estimate(fit):
        blocks = [
            CARD_WRITE_LINE,  # Aan:
            height(texts["opening"], 12 * fit, CARD_WIDTH, line_height=1.25),
            height(texts["title"], title_pt * fit, CARD_WIDTH, bold=True, line_height=1.15),
            height("x", 8 * fit, CARD_WIDTH) + height(texts["when"], 12 * fit, CARD_WIDTH, True),
            height(texts["time"], 12 * fit, CARD_WIDTH, line_height=1.25),
            max(
                CARD_QR,
                height(texts["question"], 12 * fit, beside_qr, bold=True)
                + height(texts["scan"], 9 * fit, beside_qr)
                + height(texts["url"], 9 * fit, beside_qr, bold=True),
            ),
            CARD_WRITE_LINE,  # Van:
        ]
        if texts["status"]:
            blocks.append(height(texts["status"], 10 * fit, CARD_WIDTH - 4, True) + 4)
        if texts["venue"] or texts["address"]:
            blocks.append(
                height("x", 8 * fit, CARD_WIDTH)
                + height(texts["venue"], 12 * fit, CARD_WIDTH, bold=True, line_height=1.25)
                + height(texts["address"], 11 * fit, CARD_WIDTH, line_height=1.25)
            )
        return sum(blocks) + CARD_GAP * fit * (len(blocks) - 1)

    return best_fit(estimate, CARD_HEIGHT)


def poster_fit(texts, facts, first_time):
    """The fit step for a poster.

    ``texts``: status, kicker, title, summary, scan, url. ``facts``: one list of value lines
    per fact (label and value stacked). ``first_time``: the lines under "De eerste keer?".
    """
    title_pt = title_size(texts["title"], POSTER_TITLE_SIZES)
    left = POSTER_WIDTH - POSTER_QR_COLUMN - POSTER_GAP

    def estimate(fit):
        top = (
            height(texts["kicker"], 14 * fit, POSTER_WIDTH, line_height=1.2)
            + height(texts["title"], title_pt * fit, POSTER_WIDTH, bold=True, line_height=1.1)
            + 3 * fit
            + height(texts["summary"], 20 * fit, POSTER_WIDTH, line_height=1.3)
            + 6 * fit
        )
        if texts["status"]:
            top += height(texts["status"], 24 * fit, POSTER_WIDTH - 8, bold=True) + 10 * fit
        column = 0.0
        for values in facts:
            column += height("x", 11 * fit, left, line_height=1.2) + 3 * fit
            column += sum(height(value, 16 * fit, left) for value in values)
        if first_time:
            column += height("x", 18 * fit, left, bold=True) + 3 * fit
            column += sum(height(line, 15 * fit, left - 6) for line in first_time)
        qr_column = (
            POSTER_QR_COLUMN
            + 3
            + height(texts["scan"], 12 * fit, POSTER_QR_COLUMN)
            + height(texts["url"], 13 * fit, POSTER_QR_COLUMN, bold=True)
        )
        return top + max(column, qr_column)

    return best_fit(estimate, POSTER_HEIGHT)
