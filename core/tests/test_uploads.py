"""Upload limits: size and type of images and documents, and content that lies about its type.

Tried through the admin's own add views, as an editor uploads.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale

from core.uploads import content_problem

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def office_file(member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def editor(client, django_user_model, db, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["none"]  # the second factor is tested in users/tests
    Locale.objects.get_or_create(language_code="nl")
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    user = django_user_model.objects.create_superuser("uploader", "u@example.org", "x")
    client.force_login(user)
    translation.activate("nl")
    return client


def add_document(client, name, content):
    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": upload, "collection": Collection.get_first_root_node().pk},
    )


def add_image(client, name, content, content_type="image/png"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    data = {
        "title": name,
        "file": upload,
        "collection": Collection.get_first_root_node().pk,
        "alt_text": "Twee buren op een bankje",
    }
    return client.post(reverse("wagtailimages:add"), data)


def form_errors(response):
    form = response.context["form"]
    return [str(message) for messages in form.errors.values() for message in messages]


def test_a_real_pdf_and_a_real_spreadsheet_are_stored(editor):
    assert add_document(editor, "poster.pdf", PDF).status_code == 302
    assert add_document(editor, "lijst.xlsx", office_file("xl/workbook.xml")).status_code == 302
    assert add_document(editor, "lijst.csv", b"naam;plaats\nBuurthuis;Utrecht\n").status_code == 302
    assert get_document_model().objects.count() == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("poster.pdf", HTML, "geen echt PDF-bestand"),
        ("brief.docx", PDF, "geen echt DOCX-bestand"),
        ("brief.docx", office_file("xl/workbook.xml"), "geen echt DOCX-bestand"),
        ("lijst.xlsx", b"PK\x03\x04 kapot", "beschadigd"),
        ("lijst.csv", HTML, "code van een webpagina"),
        ("notitie.txt", b"\x00\x01\x02binary", "geen tekstbestand"),
    ],
)
def test_a_document_whose_content_lies_about_its_type_is_refused(editor, name, content, message):
    response = add_document(editor, name, content)
    assert response.status_code == 200
    assert any(message in error for error in form_errors(response)), form_errors(response)
    assert not get_document_model().objects.exists()


def test_a_document_of_a_type_not_allowed_is_refused(editor):
    response = add_document(editor, "pagina.html", HTML)
    assert response.status_code == 200
    assert form_errors(response)
    assert not get_document_model().objects.exists()


def test_a_too_big_document_is_refused_with_a_message(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = add_document(editor, "poster.pdf", PDF + b" " * 200)
    assert response.status_code == 200
    assert form_errors(response)
    assert not get_document_model().objects.exists()


def test_documents_are_served_as_downloads_that_cannot_run_code(editor):
    add_document(editor, "poster.pdf", PDF)
    document = get_document_model().objects.get()
    response = editor.get(document.url)
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    add_document(editor, "lijst.csv", b"a;b\n")
    csv = get_document_model().objects.get(title="lijst.csv")
    assert editor.get(csv.url)["Content-Disposition"].startswith("attachment")


def test_an_image_is_stored_and_a_file_that_is_no_image_is_refused(editor):
    png = get_test_image_file().file.getvalue()
    assert add_image(editor, "buren.png", png).status_code == 302
    response = add_image(editor, "buren2.png", HTML)
    assert response.status_code == 200
    assert form_errors(response)
    assert get_image_model().objects.count() == 1


def test_svg_images_are_not_accepted(editor):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = add_image(editor, "logo.svg", svg, content_type="image/svg+xml")
    assert response.status_code == 200
    assert form_errors(response)
    assert not get_image_model().objects.exists()


def test_a_too_big_image_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(editor, "buren.png", get_test_image_file().file.getvalue())
    assert response.status_code == 200
    assert form_errors(response)
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100  # the test image is 640 x 480
    response = add_image(editor, "buren.png", get_test_image_file().file.getvalue())
    assert response.status_code == 200
    assert form_errors(response)
    assert not get_image_model().objects.exists()


def test_content_check_leaves_unknown_and_unchanged_files_alone():
    assert content_problem(SimpleUploadedFile("poster.pdf", PDF)) is None
    assert content_problem(SimpleUploadedFile("a.rtf", b"{\\rtf1 hallo}")) is None
