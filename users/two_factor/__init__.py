"""Two-factor authentication for the admin on django-otp (wagtail-2fa 1.8 does not load on
Wagtail 8: its hooks import ``wagtail.users.widgets``, which is gone).

``policy`` says who needs a second factor, ``middleware`` sends them to set one up or to type
a code before any other admin page, ``views`` are those pages, ``devices`` makes the
authenticator key and the one-time backup codes.
"""
