# ruff: noqa: F811 - the fixtures imported from the agenda's tests are arguments here
"""Caches built from imported data are invalidated when an import finishes (issue 15).

"After a command-line import the agenda's municipality filter refuses the new municipality
for up to an hour": the agenda keeps its municipalities in the shared cache, and every import
(command, admin, background) sends ``core.imports.signals.import_finished`` after its
transaction committed, which the agenda answers by forgetting them.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.signals import page_published

from core.imports.signals import import_finished
from core.models import Municipality
from events import occurrences
from events.models import EventPage
from events.tests.conftest import agenda, make_event, zwolle  # noqa: F401 (fixtures)
from events.tests.test_import import csv_bytes, geocoder, row, terms  # noqa: F401 (fixtures)

UNKNOWN = "niet als gemeente"


@pytest.fixture
def kampen(db):
    return Municipality.objects.create(
        name="Kampen", slug="kampen", cbs_code="GM0166", province="Overijssel"
    )


@pytest.fixture
def sent():
    """Every import_finished signal, as (sender, kwargs)."""
    calls = []

    def record(sender, **kwargs):
        calls.append((sender, kwargs))

    import_finished.connect(record)
    yield calls
    import_finished.disconnect(record)


def import_file(tmp_path, rows, *args):
    path = tmp_path / "agenda.csv"
    path.write_bytes(csv_bytes(rows))
    call_command("import_events", str(path), "--agenda", "agenda", *args, stdout=io.StringIO())


def test_the_filter_accepts_an_imported_municipality_at_once(
    agenda, make_event, terms, kampen, client, tmp_path, django_capture_on_commit_callbacks
):
    make_event(title="Koffie in Zwolle")
    html = client.get(f"{agenda.url}?gemeente=kampen").content.decode()
    assert UNKNOWN in html  # and the agenda's municipalities are now in the cache

    with django_capture_on_commit_callbacks(execute=True):
        import_file(tmp_path, [row(gemeente="Kampen", titel="Eettafel in Kampen")])

    html = client.get(f"{agenda.url}?gemeente=kampen").content.decode()
    assert UNKNOWN not in html
    assert "Eettafel in Kampen" in html and "Koffie in Zwolle" not in html


def test_a_list_cached_while_the_import_ran_is_forgotten_after_its_commit(
    agenda, terms, kampen, tmp_path, django_capture_on_commit_callbacks
):
    """With Redis a request during the import reads the old rows (not yet committed) under
    the version the import's own publishes set; only the bump after the commit is safe."""
    seen = []

    def during(sender, instance, **kwargs):
        seen.append(occurrences.version())

    page_published.connect(during, sender=EventPage)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_file(tmp_path, [row(gemeente="Kampen")])
    finally:
        page_published.disconnect(during, sender=EventPage)
    assert seen and occurrences.version() not in seen


def test_the_signal_names_the_importer_models_and_pages(
    agenda, terms, kampen, sent, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_file(tmp_path, [row()])
    [(sender, kwargs)] = sent
    assert sender.__name__ == "EventImporter"
    assert kwargs["models"] == (EventPage,)
    assert kwargs["parent"].pk == agenda.pk
    assert list(kwargs["pages"]) == list(EventPage.objects.values_list("pk", flat=True))

    # The same file again changes nothing: nothing to invalidate.
    with django_capture_on_commit_callbacks(execute=True):
        import_file(tmp_path, [row()])
    assert len(sent) == 1


def test_nothing_is_sent_for_a_dry_run_or_a_refused_file(
    agenda, terms, sent, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_file(tmp_path, [row()], "--dry-run")
        with pytest.raises(SystemExit):
            import_file(tmp_path, [row(), row(kenmerk="x", datum="31-02-2030")])
    assert sent == []


def test_the_signal_waits_for_the_commit(agenda, terms, sent, tmp_path):
    with transaction.atomic():
        import_file(tmp_path, [row()])
        assert sent == []  # a receiver would read rows no other process sees yet


def test_a_failing_receiver_does_not_fail_the_import(
    agenda, terms, tmp_path, django_capture_on_commit_callbacks, caplog
):
    def broken(sender, **kwargs):
        raise RuntimeError("cache down")

    import_finished.connect(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_file(tmp_path, [row()])
    finally:
        import_finished.disconnect(broken)
    assert EventPage.objects.filter(external_id="wte-1").exists()
    assert "cache down" in caplog.text


def test_an_admin_import_sends_it_too(
    agenda, terms, sent, admin_client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lijst.csv", csv_bytes([row()]), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/agenda/importeren/", {"parent": agenda.pk, "file": upload}, follow=True
        )
    assert response.status_code == 200
    assert [sender.__name__ for sender, _kwargs in sent] == ["EventImporter"]
