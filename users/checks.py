"""System checks: TWO_FACTOR_REQUIRED_FOR holds known words (a typo would silently switch the
second factor off), and `check --deploy` warns when it is switched off on purpose."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from .two_factor import policy

KNOWN = {"superusers", "moderators", "all", "none"}


@register()
def two_factor_setting_is_known(app_configs, **kwargs):
    unknown = set(settings.TWO_FACTOR_REQUIRED_FOR) - KNOWN
    if not unknown:
        return []
    return [
        Error(
            f"TWO_FACTOR_REQUIRED_FOR has unknown values: {', '.join(sorted(unknown))}.",
            hint="Use superusers, moderators, all or none, separated by commas.",
            id="users.E001",
        )
    ]


@register(deploy=True)
def two_factor_is_on(app_configs, **kwargs):
    if policy.is_enabled():
        return []
    return [
        Warning(
            "Two-factor authentication is switched off (TWO_FACTOR_REQUIRED_FOR=none).",
            hint="Leave TWO_FACTOR_REQUIRED_FOR unset (superusers and moderators) or set it to 'all'.",
            id="users.W001",
        )
    ]
