"""The second factors: one authenticator app (TOTP) per user and a set of one-time backup
codes for when the phone is lost. An unconfirmed app stays the same until it is confirmed, so
reloading the set-up page does not change the QR code someone already scanned."""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def unconfirmed_app(user):
    """The app being set up: the one waiting for its first code, or a new one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)
    return device


def secret(device):
    """The key in the form people type into an app, in groups of four."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    """The otpauth:// link as an inline SVG (segno: drawn here, no third party sees the key)."""
    code = segno.make(device.config_url, error="m", micro=False)
    return code.svg_inline(scale=5, border=4, light="#fff", title=_("QR-code voor uw app"))


@transaction.atomic
def confirm_app(device):
    """The first right code confirms the app; it replaces any app the user had before."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


@transaction.atomic
def new_backup_codes(user):
    """A fresh set of one-time codes (the old ones stop working), shown to the user once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("Reservecodes"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(settings.TWO_FACTOR_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def confirmed_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def remove_all(user):
    """Forget every second factor of this user (a lost phone; `manage.py reset_two_factor`)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
