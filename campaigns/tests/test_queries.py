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
