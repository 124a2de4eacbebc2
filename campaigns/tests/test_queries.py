"""Campaign blocks and news at a fixed number of queries, however many items (issue 15)."""

import pytest
from django.utils import translation

from campaigns.tests.test_blocks import count_render, make_image

LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])


def materials(images):
    return {
        "heading": "Materialen",
        "intro": "",
        "items": [
            {
                "title": f"Beeld {number}",
                "format": "social",
                "document": None,
                "image": image.pk,
                "description": "",
            }
            for number, image in enumerate(images)
        ],
    }


@pytest.mark.django_db
@LANGUAGES
def test_materials_cost_the_same_for_one_image_or_five(home, language):
    images = [make_image(title=f"Beeld {n}", alt=f"Beschrijving {n}") for n in range(5)]
    count_render("materials", materials(images), home)  # renditions made once, cached after
    with translation.override(language):
        _soup, one = count_render("materials", materials(images[:1]), home)
        soup, five = count_render("materials", materials(images), home)
    assert five == one
    thumbnails = soup.select("img.campaign-material__thumbnail")
    assert [img["alt"] for img in thumbnails] == [f"Beschrijving {n}" for n in range(5)]


@pytest.mark.django_db
def test_the_demo_campaign_costs_the_same_with_its_blocks_twice(demo_site, client):
    """More stories, buttons, teasers, materials and partners: not one query more.

    The whole body's chosen images, pages, documents and snippets come in one query per
    model (``campaigns.blocks.prefetch``). The events block asks the agenda each time and a
    video its embed, so those are not repeated here.
    """
    import uuid

    from campaigns.models import CampaignPage
    from tests.querycount import assert_same_query_count

    campaign = CampaignPage.objects.get(slug="samen-is-leuker", locale__language_code="nl")

    def grow():
        page = CampaignPage.objects.get(pk=campaign.pk)
        raw = list(page.body.raw_data)
        again = [
            {**item, "id": str(uuid.uuid4())}
            for item in raw
            if item["type"] not in {"hero", "events", "video"}
        ]
        page.body = raw + again
        page.save_revision().publish()

    response, _count = assert_same_query_count(client, campaign.url, grow)
    html = response.content.decode()
    assert html.count('class="campaign-story"') == 2
    assert html.count('class="campaign-materials"') == 2
    assert html.count('class="campaign-partners"') == 2
    assert html.count("campaign-teasers--koplopers") == 2
