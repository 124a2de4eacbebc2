import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale

from images.models import CoalitionImage


def root_collection():
    """The root collection, also after a browser test flushed the database."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def uploaded_png():
    return SimpleUploadedFile(
        "buren.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )


def test_wagtail_uses_our_image_model():
    assert get_image_model() is CoalitionImage


@pytest.mark.django_db
class TestAltText:
    def test_alt_text_is_required_unless_decorative(self):
        image = CoalitionImage(title="foto.jpg", file=get_test_image_file())
        with pytest.raises(ValidationError) as error:
            image.full_clean()
        assert "alt_text" in error.value.message_dict

        image.is_decorative = True
        image.full_clean()  # decorative: no alt text needed

    def test_decorative_images_have_empty_alt_and_never_the_file_name(self):
        image = CoalitionImage(title="IMG_2041.jpg", is_decorative=True)
        assert image.default_alt_text == ""
        assert image.alt_text_for("nl") == ""

    def test_editor_form_saves_alt_text_per_language(self, db):
        Locale.objects.get_or_create(language_code="en")
        form_class = get_image_form(CoalitionImage)
        form = form_class(
            data={
                "title": "Buren",
                "alt_text": "Twee buren drinken koffie",
                "alt_text_en": "Two neighbours having coffee",
                "collection": str(root_collection().pk),
            },
            files={"file": uploaded_png()},
        )
        assert "alt_text_en" in form.fields
        assert form.is_valid(), form.errors
        image = form.save()

        assert image.alt_text_for("nl") == "Twee buren drinken koffie"
        assert image.alt_text_for("en") == "Two neighbours having coffee"

    def test_editor_form_without_alt_text_explains_what_to_do(self, db):
        form_class = get_image_form(CoalitionImage)
        form = form_class(
            data={"title": "Buren", "alt_text": "", "collection": str(root_collection().pk)},
            files={"file": uploaded_png()},
        )
        assert not form.is_valid()
        assert "alleen versiering" in str(form.errors["alt_text"])

    def test_untranslated_alt_text_falls_back_to_dutch(self, db):
        image = CoalitionImage.objects.create(
            title="b", alt_text="Een buurthuis", file=get_test_image_file()
        )
        assert image.alt_text_for("en") == "Een buurthuis"
