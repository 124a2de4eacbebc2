"""Settings come from environment variables; production refuses to start insecurely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x7!" + "k3yMaterial-" * 6,
    "ALLOWED_HOSTS": "samentegeneenzaamheid.nl",
    "DATABASE_URL": "sqlite:////tmp/coalition-check.sqlite3",
    "SITE_URL": "https://samentegeneenzaamheid.nl",
}


# Variables of the test process that a production start must not inherit (the browser
# tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
NOT_INHERITED = {
    "SECRET_KEY",
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SITE_URL",
    "WAGTAILADMIN_BASE_URL",
    "STATIC_ROOT",
    "STATIC_URL",
}


def clean_environ():
    return {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}


def run_python(code, settings_module, extra_env):
    env = clean_environ()
    env.update(extra_env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )


def settings_as_seen_with(extra_env, settings_module="coalition.settings.production"):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'],"
        "'search': settings.WAGTAILSEARCH_BACKENDS['default'],"
        "'search_backends': settings.WAGTAILSEARCH_BACKENDS,"
        "'cache': settings.CACHES['default']['BACKEND'],"
        "'hosts': settings.ALLOWED_HOSTS, 'media': str(settings.MEDIA_ROOT),"
        "'site_url': settings.SITE_URL, 'admin_url': settings.WAGTAILADMIN_BASE_URL}))"
    )
    result = run_python(code, settings_module, extra_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_secret_key_stops_with_one_line():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_python("import django; django.setup()", "coalition.settings.production", env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


@pytest.mark.parametrize("extra", [{}, {"WAGTAILADMIN_BASE_URL": "https://beheer.example"}])
def test_production_without_site_url_stops_with_one_line(extra):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    result = run_python(
        "import django; django.setup()", "coalition.settings.production", {**env, **extra}
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("SITE_URL is not set")


@pytest.mark.parametrize("value", ["samentegeneenzaamheid.nl", "ftp://example.nl", "https://"])
def test_production_with_a_site_url_that_is_no_address_stops_with_one_line(value):
    result = run_python(
        "import django; django.setup()",
        "coalition.settings.production",
        {**PRODUCTION_ENV, "SITE_URL": value},
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("SITE_URL must be a full address")


def test_admin_base_url_follows_site_url_unless_set():
    seen = settings_as_seen_with({**PRODUCTION_ENV, "SITE_URL": "https://eenzaam.example/"})
    assert seen["site_url"] == "https://eenzaam.example"
    assert seen["admin_url"] == "https://eenzaam.example"
    seen = settings_as_seen_with(
        {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": "https://beheer.eenzaam.example"}
    )
    assert seen["site_url"] == "https://samentegeneenzaamheid.nl"
    assert seen["admin_url"] == "https://beheer.eenzaam.example"


def test_development_site_url_is_where_make_run_serves():
    seen = settings_as_seen_with({"SECRET_KEY": "s"}, "coalition.settings.dev")
    assert seen["site_url"] == "http://127.0.0.1:8000"
    assert seen["admin_url"] == "http://127.0.0.1:8000"


def test_production_passes_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **clean_environ(),
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "coalition.settings.production",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_defaults_are_sqlite_database_search_and_a_cache_shared_by_all_workers():
    seen = settings_as_seen_with({"SECRET_KEY": "s"}, "coalition.settings.dev")
    assert seen["db"] == "django.db.backends.sqlite3"
    assert seen["search"]["BACKEND"] == "search.backends.database"  # Dutch stemming on SQLite
    # Not the memory of one process: rate limits and the page cache hold across workers.
    assert seen["cache"] == "django.core.cache.backends.db.DatabaseCache"


def test_environment_chooses_postgres_elasticsearch_redis_and_media():
    seen = settings_as_seen_with(
        {
            **PRODUCTION_ENV,
            "DATABASE_URL": "postgres://user@db.example:5432/coalition",
            "ELASTICSEARCH_URL": "http://search.example:9200",
            "REDIS_URL": "redis://cache.example:6379/1",
            "MEDIA_ROOT": "/srv/media",
            "ALLOWED_HOSTS": "a.example,b.example",
        }
    )
    assert seen["db"] == "django.db.backends.postgresql"
    # One index for the admin and one per language, each with its own analysers.
    backends = seen["search_backends"]
    assert set(backends) == {"default", "nl", "en"}
    assert {alias: b["BACKEND"] for alias, b in backends.items()} == dict.fromkeys(
        backends, "search.backends.elasticsearch"
    )
    assert {alias: b["URLS"] for alias, b in backends.items()} == dict.fromkeys(
        backends, ["http://search.example:9200"]
    )
    assert [backends[alias]["INDEX_PREFIX"] for alias in ("default", "nl", "en")] == [
        "coalition_",
        "coalition_nl_",
        "coalition_en_",
    ]
    assert backends["en"]["LANGUAGE"] == backends["en"]["ONLY_LANGUAGE"] == "en"
    assert seen["cache"] == "core.redis_cache.RedisCache"
    assert seen["media"] == "/srv/media"
    assert seen["hosts"] == ["a.example", "b.example"]


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_bad_boolean_is_a_clear_error(value):
    result = run_python(
        "import django; django.setup()",
        "coalition.settings.production",
        {**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": value},
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be true or false" in result.stderr
