"""Plain and own words: the demo's prose is easy to read and not copied from the handreiking.

LIX (core/readability.py) over each Dutch page's paragraphs must be 45 or lower; no run of
ten words may stand word for word in the handreiking (facts carry over, sentences do not;
an attributed quotation is a citation and is left out). Editors see the LIX while editing
and are asked to confirm before publishing a hard-to-read resident-facing page.
"""

import statistics
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.rich_text import RichText

from activities.models import ActivityPage
from core.readability import (
    GRAM_HASH_BYTES,
    LIX_LIMIT,
    copied_runs,
    fingerprint,
    html_paragraphs,
    lix,
    page_lix,
    page_paragraphs,
    words,
)
from home.models import StandardPage
from tests.test_editor_round_trip import edit_form_data, member_of

FINGERPRINT_FILE = Path(__file__).parent / "data" / "handreiking.fingerprint"
# Fewer words than this is a caption, not a page of prose: LIX says little about it.
MIN_PROSE_WORDS = 40

HARD = (
    "<p>De gemeentelijke beleidsvoornemens betreffende maatschappelijke ondersteuning "
    "veronderstellen intersectorale samenwerkingsverbanden tussen welzijnsorganisaties, "
    "zorgaanbieders, woningcorporaties en vrijwilligersorganisaties, waarbij "
    "eenzaamheidsbestrijding als overkoepelende beleidsdoelstelling wordt geformuleerd "
    "en geoperationaliseerd in uitvoeringsprogramma's.</p>"
)
PLAIN = "<p>Kom gerust langs. We drinken koffie. U hoeft niets mee te nemen. Het is gratis.</p>"


def source_fingerprint():
    data = FINGERPRINT_FILE.read_bytes()
    return {data[i : i + GRAM_HASH_BYTES] for i in range(0, len(data), GRAM_HASH_BYTES)}


def dutch_pages():
    return Page.objects.live().filter(locale__language_code="nl").specific()


def test_lix_counts_words_per_sentence_and_long_words():
    # 8 words, 2 sentences: 4 per sentence; 2 of 8 words have more than six letters: 25%.
    assert lix(["Wij drinken samen koffie. Iedereen is welkom hier."]) == 29
    assert lix([]) is None
    assert lix(html_paragraphs(HARD)) > 60 > LIX_LIMIT > lix(html_paragraphs(PLAIN))


def test_headings_and_short_labels_are_not_prose():
    html = "<h2>Een heel erg lange titel met veel woorden erin om te testen</h2>" + PLAIN
    assert html_paragraphs(html) == [
        "Kom gerust langs. We drinken koffie. U hoeft niets mee te nemen. Het is gratis."
    ]


def test_copied_runs_found_despite_punctuation_and_case():
    source = fingerprint("Een, twee drie vier vijf zes zeven acht negen tien elf. Twaalf")
    assert copied_runs(["een twee drie vier vijf zes zeven acht negen tien elf"], source) == [
        "een twee drie vier vijf zes zeven acht negen tien elf"
    ]
    assert copied_runs(["een twee drie vier vijf zes zeven acht negen elf"], source) == []


@pytest.mark.django_db
def test_demo_prose_is_plain(demo_site, record_property):
    scores = {}
    for page in dutch_pages():
        paragraphs = page_paragraphs(page)
        if sum(len(words(paragraph)) for paragraph in paragraphs) >= MIN_PROSE_WORDS:
            scores[page.url_path] = lix(paragraphs)
    assert len(scores) > 100
    too_hard = {path: score for path, score in scores.items() if score > LIX_LIMIT}
    assert not too_hard, f"LIX above {LIX_LIMIT}: {too_hard}"
    record_property(
        "count",
        f"plain language: {len(scores)} Dutch pages measured, median LIX "
        f"{statistics.median(scores.values())}, highest {max(scores.values())}",
    )


@pytest.mark.django_db
def test_demo_copies_no_sentence_from_the_handreiking(demo_site):
    source = source_fingerprint()
    copied = {}
    for page in dutch_pages():
        runs = copied_runs(page_paragraphs(page, skip_blocks=("quote",)), source)
        if runs:
            copied[page.url_path] = runs
    assert not copied


@pytest.fixture
def hard_page(demo_site):
    parent = StandardPage.objects.get(slug="wat-is-eenzaamheid", locale__language_code="nl")
    page = StandardPage(title="Beleid (test)", slug="beleid-test", intro="", live=False)
    page.body = [("paragraph", RichText(HARD))]
    parent.add_child(instance=page)
    page.save_revision()
    return page


@pytest.mark.django_db
def test_editor_sees_lix_and_confirms_before_publishing_hard_text(client, hard_page):
    client.force_login(member_of("Moderators", "moderator", publish=True))
    url = reverse("wagtailadmin_pages:edit", args=[hard_page.pk])
    html = client.get(url).content.decode()
    score = page_lix(hard_page)
    assert f'data-readability-score="{score}"' in html and score > LIX_LIMIT

    data = edit_form_data(hard_page, html)
    data["action-publish"] = "1"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "moeilijk te lezen" in refused.content.decode()
    hard_page.refresh_from_db()
    assert not hard_page.live

    data.pop("action-publish")
    draft = client.post(url, data)  # saving a draft is never stopped
    assert draft.status_code == 302

    data["action-publish"] = "1"
    data["publish_despite_readability"] = "on"
    assert client.post(url, data).status_code == 302
    hard_page.refresh_from_db()
    assert hard_page.live


@pytest.mark.django_db
def test_pages_for_professionals_publish_without_the_question(client, demo_site):
    activity = ActivityPage.objects.filter(locale__language_code="nl").first()
    activity.description = HARD
    activity.save_revision()
    client.force_login(member_of("Moderators", "moderator", publish=True))
    url = reverse("wagtailadmin_pages:edit", args=[activity.pk])
    data = edit_form_data(activity, client.get(url).content.decode())
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
