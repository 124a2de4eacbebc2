"""Draw the site's icons from the logo mark (``.site-logo__mark`` in core/css/site.css).

Run once after changing the mark; the files are committed under core/static/core/icons/:

    .venv/bin/python home/make_icons.py

The mark is two overlapping circles in the site's colours, as the CSS draws it: a 2rem disc
with a radial gradient "circle at 35% 50%" and "at 65% 50%", each filled to 45% of the
distance to the farthest corner. On a 32-unit square that is two circles of radius 11.8 at
x = 11.2 (plum, on top) and x = 20.8 (orange), clipped to the disc.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "core" / "static" / "core" / "icons"
PLUM, ORANGE, WHITE = "#8a1c53", "#d9822b", "#ffffff"
RADIUS, LEFT, RIGHT, MIDDLE = 11.8, 11.2, 20.8, 16.0
SUPERSAMPLE = 8

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <clipPath id="disc"><circle cx="16" cy="16" r="16"/></clipPath>
  <g clip-path="url(#disc)">
    <circle cx="{RIGHT}" cy="{MIDDLE}" r="{RADIUS}" fill="{ORANGE}"/>
    <circle cx="{LEFT}" cy="{MIDDLE}" r="{RADIUS}" fill="{PLUM}"/>
  </g>
</svg>
"""


def draw_mark(size, mark_fraction, background=None):
    """A square PNG of ``size`` pixels with the mark filling ``mark_fraction`` of it."""
    big = size * SUPERSAMPLE
    mark = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    scale = big * mark_fraction / 32
    offset = big * (1 - mark_fraction) / 2
    draw = ImageDraw.Draw(mark)
    for x, colour in ((RIGHT, ORANGE), (LEFT, PLUM)):
        box = [
            offset + (x - RADIUS) * scale,
            offset + (MIDDLE - RADIUS) * scale,
            offset + (x + RADIUS) * scale,
            offset + (MIDDLE + RADIUS) * scale,
        ]
        draw.ellipse(box, fill=colour)
    disc = Image.new("L", (big, big), 0)
    ImageDraw.Draw(disc).ellipse([offset, offset, offset + 32 * scale, offset + 32 * scale], 255)
    clipped = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    clipped.paste(mark, (0, 0), Image.composite(mark.getchannel("A"), disc, disc))
    image = Image.new("RGBA", (big, big), background or (0, 0, 0, 0))
    image.alpha_composite(clipped)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "favicon.svg").write_text(SVG, encoding="utf-8")
    draw_mark(32, 1.0).save(ICONS / "favicon-32.png", optimize=True)
    # Home screens: on white, with room around the mark (iOS and Android crop the corners).
    draw_mark(180, 0.72, WHITE).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)
    for size in (192, 512):
        draw_mark(size, 0.62, WHITE).convert("RGB").save(ICONS / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
