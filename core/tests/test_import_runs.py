"""The import in the admin: a check first, all or nothing, long files in the background.

Tried with the sociale kaart's importer; the events import uses the same views and runs.
"""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from core.imports import importer as importer_module
from core.imports import runs
from core.models import AccessibilityFeature, ImportRun, Municipality, Organisation, TargetGroup
from social_map.models import PlaceKind, PlacePage, SocialMapPage
from social_map.spreadsheet import PlaceImporter
from social_map.tests.test_spreadsheet import csv_bytes, row

URL = "/admin/sociale-kaart/importeren/"


@pytest.fixture
def kaart(home):
    """A sociale kaart with the terms ``row()`` names; addresses lie at one point."""
    locale = home.locale
    PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=locale)
    for name in ("Ouderen", "Mantelzorgers"):
        TargetGroup.objects.create(name=name, slug=name.lower(), locale=locale)
    AccessibilityFeature.objects.create(
        name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=locale
    )
    Organisation.objects.create(name="Welzijn Zwolle", slug="welzijn-zwolle", locale=locale)
    Municipality.objects.create(
        name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel"
    )
    return home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))


@pytest.fixture(autouse=True)
def geocoder(monkeypatch):
    monkeypatch.setattr(
        "core.imports.importer.geocode_address", lambda postcode, number: (52.51, 6.09)
    )


def upload(data, name="lijst.csv"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def places(kaart):
    return PlacePage.objects.child_of(kaart)


def three_rows():
    return csv_bytes([row(kenmerk=f"zw-{n}", naam=f"Plek {n}") for n in range(1, 4)])


def bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (2 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x00\x01garbage\xff" * 100, "lijst.xlsx", "geen geldig Excel-bestand"),
        (b"Dit is een tekstbestand.\n", "lijst.xlsx", "geen geldig Excel-bestand"),
        (b"", "lijst.csv", "is leeg."),  # Django's FileField says so first
        (b"\xff\xfe\x81garbage\x00", "lijst.csv", "niet opgeslagen als UTF-8"),
        (bomb(), "lijst.xlsx", "uitgepakt te groot"),
        (b",".join([b"kolom"] * 60), "lijst.csv", "meer dan 50 kolommen"),
    ],
)
def test_a_broken_file_is_a_message_on_the_form_not_a_500(kaart, admin_client, data, name, message):
    response = admin_client.post(URL, {"parent": kaart.pk, "file": upload(data, name)})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<code>wat_gebeurt_er</code> (verplicht)" in html  # the columns, beside the form
    assert not ImportRun.objects.exists() and not places(kaart).exists()


def test_a_check_changes_nothing_and_what_was_checked_can_then_be_imported(kaart, admin_client):
    data = {"parent": kaart.pk, "file": upload(three_rows()), "action": "check"}
    response = admin_client.post(URL, data, follow=True)
    html = response.content.decode()
    assert "Dit was een controle: er is nog niets opgeslagen." in html
    assert "Bij importeren: 3 nieuw" in html and "Nu importeren" in html
    assert not places(kaart).exists()
    checked = ImportRun.objects.get()
    assert checked.dry_run and checked.can_import_checked_rows

    response = admin_client.post(f"{URL}{checked.pk}/importeren/", follow=True)
    assert "Klaar: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd." in response.content.decode()
    assert places(kaart).count() == 3
    checked.refresh_from_db()
    assert checked.rows == [] and not checked.can_import_checked_rows  # imported once
    admin_client.post(f"{URL}{checked.pk}/importeren/")
    assert ImportRun.objects.count() == 2


def test_a_check_with_errors_offers_no_import(kaart, admin_client):
    bad = csv_bytes([row(), row(kenmerk="zw-2", soort="Zwembad")])
    data = {"parent": kaart.pk, "file": upload(bad), "action": "check"}
    html = admin_client.post(URL, data, follow=True).content.decode()
    assert "Er is niets geïmporteerd: 1 fout in 1 rij." in html and "Nu importeren" not in html
    assert ImportRun.objects.get().rows == []  # nothing to keep


def test_a_long_import_runs_in_the_background_and_reports_progress(
    kaart, admin_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    monkeypatch.setattr(importer_module, "PROGRESS_INTERVAL", 0)
    seen = []  # what the admin page would read from the database while the rows are looked up
    locate = PlaceImporter.locate

    def watching(self, item, geocode):
        seen.append(ImportRun.objects.values_list("status", "stage", "processed", "total").get())
        return locate(self, item, geocode)

    monkeypatch.setattr(PlaceImporter, "locate", watching)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(URL, {"parent": kaart.pk, "file": upload(three_rows())})
    # Enqueued after the commit, not run in the request (other callbacks purge caches).
    enqueued = [callback for callback in callbacks if "start" in callback.__qualname__]
    assert len(enqueued) == 1
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{run.pk}/"

    assert seen == [
        ("running", "locate", 1, 3),
        ("running", "locate", 2, 3),
        ("running", "locate", 3, 3),
    ]
    assert (run.status, run.processed, run.total, run.rows) == ("done", 3, 3, [])
    assert run.result["created"] == 3 and places(kaart).count() == 3
    html = admin_client.get(response["Location"]).content.decode()
    assert "Klaar: 3 nieuw" in html and 'http-equiv="refresh"' not in html


def test_a_queued_or_running_import_shows_progress_and_refreshes_itself(
    kaart, admin_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    settings.TASKS = {
        **settings.TASKS,
        "imports": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"parent": kaart.pk, "file": upload(three_rows())})
    run = ImportRun.objects.get()
    assert run.status == "queued" and not places(kaart).exists()  # no worker has taken it yet
    html = admin_client.get(response["Location"]).content.decode()
    assert "wachtrij" in html and '<meta http-equiv="refresh" content="2">' in html

    ImportRun.objects.filter(pk=run.pk).update(status="running", stage="check", processed=1)
    html = admin_client.get(response["Location"]).content.decode()
    assert "1 van 3 rijen" in html and "<progress" in html and 'http-equiv="refresh"' in html

    ImportRun.objects.filter(pk=run.pk).update(status="queued", stage="", processed=0)
    assert runs.execute(run.pk) == "done"  # what the worker does
    assert places(kaart).count() == 3
    assert runs.execute(run.pk) == "done"  # delivered twice: imported once
    assert places(kaart).count() == 3


def test_a_failing_import_is_recorded_and_shown_not_a_500(kaart, admin_client, monkeypatch):
    def broken(self, row):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PlaceImporter, "parse", broken)
    response = admin_client.post(
        URL, {"parent": kaart.pk, "file": upload(three_rows())}, follow=True
    )
    assert response.status_code == 200
    assert (
        "Er ging iets mis bij het importeren; er is niets veranderd." in response.content.decode()
    )
    assert ImportRun.objects.get().status == "failed" and not places(kaart).exists()


def test_runs_are_only_for_editors_who_may_publish_under_the_parent(
    kaart, admin_client, client, django_user_model
):
    admin_client.post(URL, {"parent": kaart.pk, "file": upload(three_rows()), "action": "check"})
    run = ImportRun.objects.get()
    user = django_user_model.objects.create_user("lezer", password="x-wachtwoord-9")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for response in (client.get(f"{URL}{run.pk}/"), client.post(f"{URL}{run.pk}/importeren/")):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not places(kaart).exists()
