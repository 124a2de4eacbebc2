"""Where a note goes: the organisation behind the entry, or else the site's editors.

The organisation's address comes from the page (the contact paths its app registered).
Without one, the site's contact address gets it, and without that the Moderators (and
superusers) with an e-mail address: someone must read it, and the admin lists it anyway.
"""

import logging
from functools import reduce

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import SiteSettings

from .registry import contact_paths

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Moderators"


def _follow(obj, dotted):
    try:
        return reduce(lambda value, name: getattr(value, name, None), dotted.split("."), obj)
    except Exception:  # a broken relation must not lose the note
        return None


def organisation_email(page):
    """The first address filled in along the page type's contact paths, or ""."""
    for dotted in contact_paths(page):
        value = _follow(page, dotted)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def editor_emails(request):
    """The site's contact address, or the active Moderators and superusers with an address."""
    contact = SiteSettings.for_request(request).contact_email
    if contact:
        return [contact]
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP))
    return sorted(set(users.values_list("email", flat=True)))


def recipients(request, page):
    """(addresses, for_editors): the organisation's address, or the editors'."""
    address = organisation_email(page)
    return ([address], False) if address else (editor_emails(request), True)


def _admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def send_note(request, correction):
    """E-mail the note; record where it went. Trouble with the mail is only logged."""
    page = correction.page.specific
    to, for_editors = recipients(request, page)
    correction.sent_to = ", ".join(to)
    correction.save(update_fields=["sent_to"])
    if not to:
        logger.warning("Feedback %s on page %s has nobody to go to", correction.pk, page.pk)
        return
    context = {
        "page_title": page.title,
        "page_url": page.get_full_url(request),
        "message": correction.message,
        "name": correction.name,
        "email": correction.email,
        "for_editors": for_editors,
        "edit_url": _admin_url("wagtailadmin_pages:edit", page.pk),
        "list_url": _admin_url("feedback:index"),
        "site_name": SiteSettings.for_request(request).organisation_name,
    }
    subject = _("Klopt er iets niet? Melding over: %(title)s") % {
        "title": " ".join(page.title.split())
    }
    mail = EmailMessage(
        subject,
        render_to_string("core/feedback/email.txt", context, request=request),
        to=to,
        reply_to=[correction.email] if correction.email else None,
    )
    try:
        mail.send()
    except Exception:  # a mail server hiccup must not lose the note: the admin lists it
        logger.exception("Could not send feedback %s", correction.pk)
