"""WSGI entry point (gunicorn coalition.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the models, the URL patterns) lives as long as the
# worker: moved out of the garbage collector's reach, a full collection no longer walks those
# few hundred thousand objects (about a millisecond, on some requests) while pages are served.
gc.freeze()
