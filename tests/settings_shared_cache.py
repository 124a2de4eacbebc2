"""Test settings whose cache is shared by separate processes, as in production.

For the tests that start processes of their own (``test_shared_rate_limit.py``,
``test_backup_restore.py``): the database is the file named by ``SHARED_TEST_DB`` (or
PostgreSQL when ``SHARED_TEST_DATABASE_URL`` is set) and the cache is the production default,
Django's database cache in it, or Redis when ``SHARED_TEST_REDIS_URL`` is set. The normal
test settings keep a cache in memory because the suite counts SQL queries per page.
"""

import os

import dj_database_url

from coalition.settings.test import *  # noqa: F403

if os.environ.get("SHARED_TEST_DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["SHARED_TEST_DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SHARED_TEST_DB", "/tmp/shared-test.sqlite3"),
            # Several processes write at once: wait for the lock instead of failing.
            "OPTIONS": {"timeout": 30},
        }
    }

if os.environ.get("SHARED_TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": os.environ["SHARED_TEST_REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "coalition_cache",
        }
    }

if os.environ.get("SHARED_TEST_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["SHARED_TEST_MEDIA_ROOT"]
