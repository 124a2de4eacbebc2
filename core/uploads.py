"""Documents whose content is what their name says (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail checks a document's extension and size, not its content: a web page renamed to
``.pdf`` would be stored and served from our own address. Images need no such check here:
Wagtail opens every upload as the image format its name says and refuses what is not.
"""

import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt", "zip"}
TEXT_FORMATS = {"csv", "txt"}
# What the first bytes of a file of this kind are.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "rtf": (b"{\\rtf",),
    **dict.fromkeys(ZIP_FORMATS, (b"PK\x03\x04", b"PK\x05\x06")),
}
# What an office file holds inside its zip.
ZIP_MEMBERS = {
    "docx": "word/",
    "xlsx": "xl/",
    "pptx": "ppt/",
    "odt": "content.xml",
}
# Markup that a browser would run if it ever treated the file as a page.
MARKUP = re.compile(rb"<\s*(!doctype|html|script|svg|iframe|object|embed|body|head)\b", re.I)
HEAD_BYTES = 4096


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(uploaded):
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    return head


def _zip_names(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    finally:
        uploaded.seek(0)


def content_problem(uploaded):
    """Why this file is not what its extension says, or None when it is."""
    extension = extension_of(uploaded.name)
    head = _head(uploaded)
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        return _(
            "Dit bestand is geen echt %(kind)s-bestand, ook al eindigt de naam op .%(extension)s."
        )
    if extension in ZIP_FORMATS:
        names = _zip_names(uploaded)
        if names is None:
            return _("Dit bestand is beschadigd of geen echt %(kind)s-bestand.")
        member = ZIP_MEMBERS.get(extension)
        if member and not any(name.startswith(member) for name in names):
            return _(
                "Dit bestand is geen echt %(kind)s-bestand, ook al eindigt de naam op .%(extension)s."
            )
    if extension in TEXT_FORMATS:
        if b"\x00" in head:
            return _("Dit bestand is geen tekstbestand, ook al eindigt de naam op .%(extension)s.")
        if MARKUP.search(head):
            return _("Dit bestand bevat code van een webpagina en wordt daarom niet opgeslagen.")
    return None


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with a check of the content."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # A new upload is an UploadedFile; an unchanged file on edit is the stored FieldFile.
        if uploaded and hasattr(uploaded, "content_type"):
            problem = content_problem(uploaded)
            if problem:
                raise ValidationError(
                    problem,
                    code="document_content",
                    params={
                        "kind": extension_of(uploaded.name).upper(),
                        "extension": extension_of(uploaded.name),
                    },
                )
        return uploaded
