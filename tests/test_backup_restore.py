"""Backup and restore round trip (issue 15): ``backup_site``, wipe, ``restore_site``, compare.

The commands run as they do on a server: in processes of their own against a database file
(or, when the suite runs on PostgreSQL, a PostgreSQL database of its own) that the test
migrates once, with media files on disk. Pages with revisions, an image and a document with
their files, and a form submission are made, backed up, the database and the media are
wiped, and the backup is restored into that empty installation: everything, file bytes
included, must be as it was, and the page must be served again.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

MAKE_CONTENT = """
import io
import django

django.setup()
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import StandardPage
from signups.factories import volunteer_form

home = Site.objects.get(is_default_site=True).root_page
page = home.add_child(instance=StandardPage(title="Wat is eenzaamheid", slug="eenzaamheid", intro="Eerste versie"))
page.save_revision().publish()
page.intro = "Tweede versie, nog een concept"
page.save_revision()

buffer = io.BytesIO()
Image.new("RGB", (40, 30), (200, 30, 90)).save(buffer, "PNG")
get_image_model().objects.create(
    title="Koffietafel", alt_text="Mensen aan een koffietafel",
    file=ContentFile(buffer.getvalue(), name="koffietafel.png"),
)
get_document_model().objects.create(
    title="Handreiking", file=ContentFile(b"%PDF-1.4 handreiking " * 50, name="handreiking.pdf")
)
form = volunteer_form(home, title="Vrijwilliger worden", slug="vrijwilliger")
form.get_submission_class().objects.create(
    page=form, form_data={"uw_naam": "Anna", "uw_woonplaats": "Zwolle"}
)
"""

SNAPSHOT = """
import hashlib
import json
import django

django.setup()
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision


def digest(field):
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


response = Client().get("/eenzaamheid/", follow=True)
print(json.dumps({
    "pages": list(Page.objects.order_by("path").values_list("pk", "path", "title", "live", "latest_revision_id")),
    "revisions": [
        [r.pk, r.object_id, r.content.get("intro"), r.created_at.isoformat()]
        for r in Revision.objects.order_by("pk")
    ],
    "images": [[i.pk, i.title, i.alt_text, i.file.name, digest(i.file)] for i in get_image_model().objects.order_by("pk")],
    "documents": [[d.pk, d.title, d.file.name, digest(d.file)] for d in get_document_model().objects.order_by("pk")],
    "submissions": list(FormSubmission.objects.order_by("pk").values_list("pk", "page_id", "form_data")),
    "page_served": [response.status_code, "Wat is eenzaamheid" in response.content.decode()],
}, default=str))
"""


class Installation:
    """One site on disk: its database (SQLite file or PostgreSQL), media and backups."""

    def __init__(self, tmp_path, postgres_url=None):
        self.tmp_path, self.postgres_url = tmp_path, postgres_url
        self.media = tmp_path / "media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings_shared_cache",
            "PYTHONPATH": str(ROOT),
            "SHARED_TEST_DB": str(tmp_path / "site.sqlite3"),
            "SHARED_TEST_MEDIA_ROOT": str(self.media),
            "BACKUP_DIR": str(tmp_path / "backups"),
        }
        self.env.pop("SHARED_TEST_REDIS_URL", None)
        self.env.pop("SHARED_TEST_DATABASE_URL", None)
        if postgres_url:
            self.env["SHARED_TEST_DATABASE_URL"] = postgres_url

    def run(self, *args, code=None, stdin=None):
        command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, input=stdin
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def snapshot(self):
        return json.loads(self.run(code=SNAPSHOT))

    def wipe(self):
        """An empty installation: no database tables, no media files."""
        shutil.rmtree(self.media, ignore_errors=True)
        if self.postgres_url:
            recreate_postgres_database(self.postgres_url)
        else:
            Path(self.env["SHARED_TEST_DB"]).unlink()


def postgres_admin(url):
    import psycopg

    base, name = url.rsplit("/", 1)
    return psycopg.connect(f"{base}/postgres", autocommit=True), name


def recreate_postgres_database(url):
    connection, name = postgres_admin(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def installation(tmp_path):
    """On the suite's own database engine: SQLite, or PostgreSQL when DATABASE_URL says so."""
    database = settings.DATABASES["default"]
    url = None
    if database["ENGINE"].endswith("postgresql"):
        user = database.get("USER") or "postgres"
        host = database.get("HOST") or "127.0.0.1"
        port = database.get("PORT") or 5432
        name = f"{database['NAME']}_roundtrip"
        url = f"postgres://{user}@{host}:{port}/{name}"
        recreate_postgres_database(url)
    site = Installation(tmp_path, url)
    yield site
    if url:
        connection, name = postgres_admin(url)
        with connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_installation(installation):
    installation.run("migrate", "--noinput", "-v0")
    installation.run("createcachetable")
    installation.run(code=MAKE_CONTENT)
    before = installation.snapshot()
    assert len(before["revisions"]) >= 2  # a published version and a draft after it
    assert before["images"] and before["documents"] and before["submissions"]
    assert before["page_served"] == [200, True]

    made = installation.run("backup_site")
    assert "Klaar. De back-up staat in" in made

    installation.wipe()
    assert not installation.media.exists()

    answer = installation.run("restore_site", stdin="nee\n")
    assert "Er is niets veranderd." in answer
    restored = installation.run("restore_site", "--noinput")
    assert "zijn teruggezet" in restored

    assert installation.snapshot() == before
