"""The Content-Security-Policy per part of the site: strict for visitors, looser for the admin.

django-csp sets one policy from settings; Wagtail's and Django's admin still need inline
scripts and styles, so requests under ``CSP_ADMIN_PREFIXES`` get ``CSP_ADMIN_DIRECTIVES``
instead (both in coalition/settings/security.py). A view's own ``@csp_replace``/``@csp_update``
still wins.

Wagtail renders a preview or draft by passing a made-up request for the page's own address
through the whole middleware stack, so the response comes back with the public policy
(``frame-ancestors 'none'``), which would stop the preview panel from showing it. Under the
admin's prefixes that header is replaced by the admin's.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware
from django.conf import settings


class CoalitionCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if self.is_admin(request):
            for header in (HEADER, HEADER_REPORT_ONLY):
                if header in response:
                    del response[header]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.config is None and self.is_admin(request) and self.enabled(report_only):
            parts.config = dict(settings.CSP_ADMIN_DIRECTIVES)
        return parts

    @staticmethod
    def is_admin(request):
        return request.path_info.startswith(tuple(settings.CSP_ADMIN_PREFIXES))

    @staticmethod
    def enabled(report_only):
        """Whether the policy of this kind (enforced or report-only) is switched on."""
        name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        return bool(getattr(settings, name, None))
