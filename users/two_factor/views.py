"""The admin's two-factor pages: type a code, set up an app (QR code, first code, backup
codes shown once), and the overview in the account menu. Registered as Wagtail admin URLs
(wagtail_hooks.py), so only people with admin access reach them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import devices, policy
from .forms import CodeForm, ConfirmAppForm


def next_url(request):
    """Where to go afterwards: the page that sent the user here, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def with_next(request, view_name):
    url = reverse(view_name)
    next_path = request.GET.get("next")
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


@sensitive_post_parameters("code")
def verify(request):
    """The second step of the login for a user who has an app or backup codes."""
    if not policy.has_device(request.user):
        return redirect(with_next(request, "users_two_factor_setup"))
    form = CodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(next_url(request))
    return render(
        request, "users/two_factor/verify.html", {"form": form, "next": next_url(request)}
    )


@sensitive_post_parameters("code")
def setup(request):
    """Link an authenticator app: scan the QR code (or type the key), confirm with a code."""
    device = devices.unconfirmed_app(request.user)
    form = ConfirmAppForm(request.POST or None, user=request.user, device=device)
    if request.method == "POST" and form.is_valid():
        devices.confirm_app(device)
        otp_login(request, device)
        return show_backup_codes(request, first_time=True)
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": devices.qr_code_svg(device),
        "secret": devices.secret(device),
        "required": policy.is_required(request.user),
        "replaces_app": devices.confirmed_app(request.user) is not None,
    }
    return render(request, "users/two_factor/setup.html", context)


def show_backup_codes(request, first_time=False):
    """New backup codes, shown this once (only their use is stored)."""
    codes = devices.new_backup_codes(request.user)
    context = {"codes": codes, "next": next_url(request), "first_time": first_time}
    return render(request, "users/two_factor/backup_codes.html", context)


@require_POST
def backup_codes(request):
    return show_backup_codes(request)


def overview(request):
    """The account menu's page: is an app linked, how many backup codes are left."""
    user = request.user
    context = {
        "app": devices.confirmed_app(user),
        "codes_left": devices.backup_codes_left(user),
        "required": policy.is_required(user),
        "verified": user.is_verified(),
    }
    return render(request, "users/two_factor/overview.html", context)


@require_POST
def disable(request):
    """Remove the app and codes: only for a user who is not required to have them."""
    if policy.is_required(request.user):
        messages.error(request, _("Voor uw account is tweestapsverificatie verplicht."))
    else:
        devices.remove_all(request.user)
        messages.success(request, _("Tweestapsverificatie staat uit."))
    return redirect("users_two_factor")
