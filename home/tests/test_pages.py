import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from core.blocks import BodyBlock
from home.factories import StandardPageFactory
from images.models import CoalitionImage
from tests.querycount import assert_same_query_count


@pytest.mark.django_db
class TestEditing:
    def test_editor_can_create_and_preview_a_standard_page(self, home, admin_client):
        url = f"/admin/pages/add/home/standardpage/{home.pk}/"
        response = admin_client.get(url)
        assert response.status_code == 200
        # Help text for editors is in Dutch.
        assert "Eén of twee zinnen onder de titel" in response.content.decode()

    def test_edit_view_of_home_renders(self, home, admin_client):
        response = admin_client.get(f"/admin/pages/{home.pk}/edit/")
        assert response.status_code == 200


def full_body(image, document, page):
    """One block of every kind, the way an editor would fill them in."""
    return BodyBlock().to_python(
        [
            {"type": "heading", "value": {"text": "Wat werkt", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Samen eten helpt.</p>"},
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "decorative": False, "alt_text": "Twee buren"},
                    "caption": "Foto: demo",
                },
            },
            {"type": "quote", "value": {"text": "Ik kom graag.", "attribution": "Deelnemer"}},
            {
                "type": "callout",
                "value": {"tone": "warning", "title": "Let op", "text": "<p>Bel 112.</p>"},
            },
            {"type": "document", "value": {"document": document.pk, "title": "Folder"}},
            {
                "type": "table",
                "value": {
                    "caption": "Eenzaamheid per groep",
                    "header": ["Groep", "Aandeel"],
                    "rows": [{"cells": ["Weduwen", "16%"]}],
                },
            },
            {
                "type": "faq",
                "value": {
                    "title": "Vragen",
                    "items": [{"question": "Kost het geld?", "answer": "<p>Nee.</p>"}],
                },
            },
            {
                "type": "link_list",
                "value": {
                    "title": "Verder lezen",
                    "links": [
                        {"label": "Intern", "page": page.pk, "url": "", "description": ""},
                        {"label": "Extern", "page": None, "url": "https://example.org/"},
                    ],
                },
            },
        ]
    )


@pytest.mark.django_db
def test_every_body_block_renders_accessibly(home, client):
    image = CoalitionImage.objects.create(
        title="buren", alt_text="Twee buren", file=get_test_image_file()
    )
    document = Document.objects.create(
        title="Folder", file=SimpleUploadedFile("folder.pdf", b"%PDF-1.4 demo")
    )
    target = StandardPageFactory(parent=home, title="Doel", slug="doel")
    page = StandardPageFactory(parent=home, title="Alles", slug="alles")
    page.body = full_body(image, document, target)
    page.save_revision().publish()

    html = client.get("/nl/alles/").content.decode()

    assert '<h2 class="block-heading">Wat werkt</h2>' in html
    assert 'alt="Twee buren"' in html
    assert "<figcaption>Foto: demo</figcaption>" in html
    assert "<caption>Eenzaamheid per groep</caption>" in html
    assert '<th scope="col">Groep</th>' in html
    assert '<th scope="row">Weduwen</th>' in html
    assert "<summary>Kost het geld?</summary>" in html
    assert 'href="/nl/doel/"' in html
    assert 'href="https://example.org/"' in html
    assert "folder" in html and "download" in html
    assert "callout--warning" in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_video_loads_nothing_from_elsewhere_until_asked(home, client, monkeypatch):
    from wagtail.embeds.blocks import EmbedValue

    monkeypatch.setattr(
        EmbedValue, "html", property(lambda self: '<iframe src="https://video.example/1"></iframe>')
    )
    page = StandardPageFactory(parent=home, slug="video")
    page.body = BodyBlock().to_python(
        [{"type": "embed", "value": {"title": "Samen", "embed": "https://video.example/1"}}]
    )
    page.save_revision().publish()

    html = client.get("/nl/video/").content.decode()

    before_template, _sep, inside = html.partition("<template data-video-template>")
    assert "<iframe" not in before_template
    assert "<iframe" in inside  # only inside an inert <template>, cloned on click
    assert 'href="https://video.example/1"' in html  # without JavaScript: a plain link


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_featured_pages(home, client):
    pages = [StandardPageFactory(parent=home) for _ in range(6)]

    def feature(pages_to_show):
        home.featured = [
            ("featured_page", {"page": page, "text": "Lees meer"}) for page in pages_to_show
        ]
        home.save_revision().publish()

    feature(pages[:1])
    response, _count = assert_same_query_count(client, "/nl/", lambda: feature(pages))
    assert response.content.decode().count('class="card"') == 6


@pytest.mark.django_db
def test_standard_page_query_count_does_not_grow_with_children_or_menu(home, client):
    parent = StandardPageFactory(parent=home, slug="ouder")
    StandardPageFactory(parent=parent)

    def grow():
        for _ in range(5):
            StandardPageFactory(parent=parent)
            StandardPageFactory(parent=home)

    response, _count = assert_same_query_count(client, "/nl/ouder/", grow)
    assert "In dit onderdeel" in response.content.decode()


@pytest.mark.django_db
def test_link_list_query_count_does_not_grow_with_links(home, client):
    targets = [StandardPageFactory(parent=home) for _ in range(6)]
    page = StandardPageFactory(parent=home, slug="links")

    def link_to(pages):
        page.body = BodyBlock().to_python(
            [
                {
                    "type": "link_list",
                    "value": {
                        "title": "Verder lezen",
                        "links": [
                            {"label": target.title, "page": target.pk, "url": ""}
                            for target in pages
                        ],
                    },
                }
            ]
        )
        page.save_revision().publish()

    link_to(targets[:1])
    response, _count = assert_same_query_count(client, "/nl/links/", lambda: link_to(targets))
    html = response.content.decode()
    assert all(f'href="{target.url}"' in html for target in targets)
