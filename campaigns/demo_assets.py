"""Pictures, a poster and a video record for the demo campaign, made here, never downloaded.

The images are simple drawings made with Pillow; the poster is a one-page PDF; the video's
embed is stored as Wagtail's own ``Embed`` row with local HTML, so rendering the demo never
asks YouTube's oEmbed service (and nothing reaches the network in tests).
"""

from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Locale

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# The demo campaign's colours.
TEAL = (0, 100, 110)  # #00646e, the preset 'blauwgroen'
SAND = (246, 236, 214)
CORAL = (214, 92, 68)
WHITE = (255, 255, 255)
INK = (32, 32, 32)


def _font(size, bold=True):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size=size)


def _centered(draw, box, text, font, fill):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = box[0] + (box[2] - box[0] - (right - left)) / 2
    y = box[1] + (box[3] - box[1] - (bottom - top)) / 2
    draw.text((x, y), text, font=font, fill=fill)


def _person(draw, x, y, scale, colour):
    """A friendly figure: a head and shoulders."""
    draw.ellipse((x - 30 * scale, y - 90 * scale, x + 30 * scale, y - 30 * scale), fill=SAND)
    draw.pieslice(
        (x - 60 * scale, y - 20 * scale, x + 60 * scale, y + 100 * scale), 180, 360, fill=colour
    )


def draw_hero():
    image = Image.new("RGB", (1600, 900), TEAL)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1600, 900), fill=SAND)
    draw.ellipse((500, 520, 1100, 720), fill=(190, 150, 110))  # the table
    for index, x in enumerate((430, 660, 940, 1170)):
        _person(draw, x, 560, 1.6, CORAL if index % 2 else WHITE)
    for x in (640, 800, 960):
        draw.rectangle((x, 580, x + 40, 620), fill=WHITE)  # cups
    return image


def draw_story():
    image = Image.new("RGB", (800, 800), SAND)
    draw = ImageDraw.Draw(image)
    _person(draw, 400, 500, 3.5, CORAL)
    draw.rectangle((470, 560, 560, 660), fill=WHITE)  # a cup
    draw.arc((540, 580, 600, 640), 270, 90, fill=WHITE, width=12)
    return image


def draw_social():
    image = Image.new("RGB", (1200, 630), TEAL)
    draw = ImageDraw.Draw(image)
    _centered(draw, (0, 140, 1200, 380), "Samen is leuker", _font(110), WHITE)
    _centered(draw, (0, 400, 1200, 500), "Kom erbij (demo)", _font(56, bold=False), SAND)
    return image


def draw_logo():
    image = Image.new("RGB", (400, 400), WHITE)
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 380, 380), fill=TEAL)
    draw.ellipse((90, 150, 210, 270), fill=SAND)
    draw.ellipse((190, 150, 310, 270), fill=CORAL)
    return image


def draw_poster():
    """An A4 page (at 100 dpi) with the slogan and where to find the agenda."""
    image = Image.new("RGB", (827, 1169), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 827, 520), fill=TEAL)
    _centered(draw, (0, 120, 827, 300), "Samen is leuker", _font(84), WHITE)
    _centered(draw, (0, 320, 827, 420), "Kom erbij!", _font(60, bold=False), SAND)
    lines = [
        "Kijk wat er bij u in de buurt",
        "te doen is: in de agenda op",
        "onze website.",
        "",
        "Voorbeeldposter (demo)",
    ]
    for index, line in enumerate(lines):
        _centered(
            draw, (0, 620 + index * 70, 827, 680 + index * 70), line, _font(40, bold=False), INK
        )
    return image


DRAWINGS = {"hero": draw_hero, "story": draw_story, "social": draw_social, "logo": draw_logo}


def get_or_create_image(key, spec, collection=None):
    """The library image titled ``spec['title']``, drawn and saved with its alt texts if new."""
    model = get_image_model()
    image = model.objects.filter(title=spec["title"]).first()
    if image is not None:
        return image
    buffer = BytesIO()
    DRAWINGS[key]().save(buffer, "PNG")
    image = model(title=spec["title"], alt_text=spec["alt"]["nl"])
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(buffer, name=f"samen-is-leuker-{key}.png")
    image.file_size = len(buffer.getvalue())
    image.save()
    for language, text in spec["alt"].items():
        locale = Locale.objects.filter(language_code=language).first()
        if language != "nl" and locale is not None:
            image.alt_text_translations.create(locale=locale, alt_text=text)
    return image


def get_or_create_poster(title):
    """A one-page PDF in the document library (Pillow writes a valid PDF)."""
    model = get_document_model()
    document = model.objects.filter(title=title).first()
    if document is not None:
        return document
    buffer = BytesIO()
    draw_poster().save(buffer, "PDF", resolution=100)
    document = model(title=title, file_size=len(buffer.getvalue()))
    document.file.save("samen-is-leuker-poster.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def ensure_video_embed(url, title):
    """Wagtail's cached embed for ``url``, so no oEmbed request is ever made for it.

    The player is YouTube's privacy-enhanced (no-cookie) address; it is only put in the page
    after the visitor clicks "load" (core's video block).
    """
    video_id = url.rsplit("v=", 1)[-1]
    html = (
        f'<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/{video_id}" '
        f'title="{title}" allow="encrypted-media; picture-in-picture" allowfullscreen></iframe>'
    )
    embed, _created = Embed.objects.get_or_create(
        hash=get_embed_hash(url),
        defaults={
            "url": url,
            "type": "video",
            "html": html,
            "title": title,
            "provider_name": "YouTube",
            "width": 560,
            "height": 315,
            "thumbnail_url": "",
        },
    )
    return embed
