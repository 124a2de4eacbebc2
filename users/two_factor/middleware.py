"""Before any admin page (Wagtail's and Django's), a user who needs a second factor sets one
up, and a user who has one types a code. Public pages are never affected.

After django_otp's OTPMiddleware, which gives ``request.user.is_verified()``; it looks at the
view that was resolved (``process_view``), so the login, logout and the two-factor pages
themselves stay reachable.
"""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from . import policy

# Always reachable in the admin, verified or not.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
}
VERIFY_VIEW = "users_two_factor_verify"
SETUP_VIEW = "users_two_factor_setup"


def admin_prefixes():
    """The paths of both admins (Wagtail's and Django's), wherever urls.py mounts them."""
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not policy.is_enabled() or not user.is_authenticated or user.is_verified():
            return None
        if not request.path_info.startswith(admin_prefixes()):
            return None
        view_name = request.resolver_match.view_name
        if view_name in OPEN_VIEWS:
            return None
        if policy.has_device(user):
            target = VERIFY_VIEW
        elif policy.is_required(user):
            target = SETUP_VIEW
        else:
            return None
        if view_name == target:
            return None
        return redirect_to_login(request.get_full_path(), login_url=reverse(target))
