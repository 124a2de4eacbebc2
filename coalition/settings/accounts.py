"""Admin accounts: lock-out after failed logins (django-axes) and two-factor authentication.

Imported at the end of base.py; the apps and middleware are in base.py's lists. Both admin
logins (/admin/login/ and /django-admin/login/) count failures per user name and, separately,
per address; the password reset is throttled per address and per e-mail address; superusers
and moderators need a second factor (an authenticator app, with one-time backup codes).
"""

from datetime import timedelta

from .env import env_int, env_list, env_str

# django-axes must see the request in authenticate(); its backend comes first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lock-out: after AXES_FAILURE_LIMIT failed logins for one user name, or from one address
# (two separate counters: a guesser spreading over many names is caught by the address, one
# spreading over many addresses by the name), logins are refused for AXES_COOLOFF_MINUTES,
# counted from the last failure that counted. Attempts while locked do not extend the lock,
# so nobody can keep an editor out for longer than that by trying on. A successful login
# does not reset the counters: one valid account must not reset an address's count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
# The Dutch page that says what happened and until when (users/lockout.py).
AXES_LOCKOUT_CALLABLE = "users.lockout.lockout_response"
# The client's address as the rate limits read it: behind a proxy RATELIMIT_IP_META_KEY
# (for example HTTP_X_REAL_IP) names the header the proxy sets; IPv6 counted per /64.
AXES_CLIENT_IP_CALLABLE = "users.lockout.client_ip"
# Failed attempts are kept only while they count (they expire after the cool-off); the log of
# successful logins (AccessLog: user name, address, browser) is personal data, deleted after
# LOGIN_LOG_RETENTION_DAYS by `manage.py delete_old_login_records` (a daily job).
AXES_ENABLE_ACCESS_FAILURE_LOG = False
LOGIN_LOG_RETENTION_DAYS = env_int("LOGIN_LOG_RETENTION_DAYS", 90)

# Password reset requests (users/password_reset.py), counted in the shared cache: per
# address and per e-mail address. Over the limit the answer looks the same but no e-mail goes.
PASSWORD_RESET_RATE = env_str("PASSWORD_RESET_RATE", "5/h")
PASSWORD_RESET_EMAIL_RATE = env_str("PASSWORD_RESET_EMAIL_RATE", "3/h")

# Two-factor authentication (users/two_factor/): who must use it before any other admin page:
# "superusers", "moderators" (members of TWO_FACTOR_GROUPS), "all" (everyone with admin
# access), or "none" (switched off, for development only: `check --deploy` warns).
TWO_FACTOR_REQUIRED_FOR = env_list("TWO_FACTOR_REQUIRED_FOR", ["superusers", "moderators"])
TWO_FACTOR_GROUPS = env_list("TWO_FACTOR_GROUPS", ["Moderators"])
TWO_FACTOR_BACKUP_CODES = 10
# The name authenticator apps show next to the codes.
OTP_TOTP_ISSUER = env_str(
    "OTP_TOTP_ISSUER", env_str("WAGTAIL_SITE_NAME", "Samen tegen eenzaamheid")
)
