"""The blocks a campaign is built from (``CampaignBodyBlock``).

Also used by the agenda's edition page (events sits above campaigns). Lists of chosen pages,
organisations, images and documents are loaded in bulk in ``get_context``, so a block with
five items costs the same number of queries as a block with one. The "events of this
campaign" block asks the agenda through a hook (``campaigns.listing``).
"""

from wagtail import blocks

from core.blocks import FAQBlock, HeadingBlock, ParagraphBlock, VideoBlock

from .banners import CtaBandBlock, HeroBlock, StoryBlock
from .links import CampaignLinkBlock, resolve_links
from .listings import ActivityTeasersBlock, EventsBlock, KoploperTeasersBlock
from .materials import MaterialBlock, MaterialsBlock, PartnerBlock, PartnersBlock
from .prefetch import load_body, use_loaded_objects

__all__ = [
    "ActivityTeasersBlock",
    "CampaignBodyBlock",
    "CampaignLinkBlock",
    "CtaBandBlock",
    "EventsBlock",
    "HeroBlock",
    "KoploperTeasersBlock",
    "MaterialBlock",
    "MaterialsBlock",
    "PartnerBlock",
    "PartnersBlock",
    "StoryBlock",
    "load_body",
    "resolve_links",
]


class CampaignBodyBlock(blocks.StreamBlock):
    """The body of a campaign page (and of the agenda's edition page)."""

    hero = HeroBlock()
    heading = HeadingBlock()
    text = ParagraphBlock()
    story = StoryBlock()
    cta_band = CtaBandBlock()
    events = EventsBlock()
    activities = ActivityTeasersBlock()
    koplopers = KoploperTeasersBlock()
    materials = MaterialsBlock()
    partners = PartnersBlock()
    video = VideoBlock()
    faq = FAQBlock()

    class Meta:
        block_counts = {"hero": {"max_num": 1}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_loaded_objects(self)  # ``load_body``: one query per chosen model
