"""Spreadsheet import and CSV export of the sociale kaart: what coalition coordinators rely on."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from core.geocoding import GeocoderUnavailable
from core.models import AccessibilityFeature, Municipality, Organisation, TargetGroup
from social_map.filters import prefetch_for_listing
from social_map.models import PlaceKind, PlacePage, SocialMapPage
from social_map.spreadsheet import (
    COLUMNS,
    SpreadsheetError,
    csv_export,
    import_places,
    parse_opening_hours,
    read_rows,
)

T = dt.time


@pytest.fixture
def kaart(home):
    PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    PlaceKind.objects.create(name="Huiskamer van de buurt", slug="huiskamer", locale=home.locale)
    TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=home.locale)
    TargetGroup.objects.create(name="Mantelzorgers", slug="mantelzorgers", locale=home.locale)
    AccessibilityFeature.objects.create(
        name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=home.locale
    )
    Organisation.objects.create(name="Welzijn Zwolle", slug="welzijn-zwolle", locale=home.locale)
    Municipality.objects.create(
        name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel"
    )
    return home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))


@pytest.fixture(autouse=True)
def geocoder(monkeypatch):
    """No test calls PDOK: every address lies at one point, and calls are recorded."""
    calls = []

    def geocode(postcode, house_number):
        calls.append((postcode, house_number))
        return 52.51, 6.09

    monkeypatch.setattr("core.imports.importer.geocode_address", geocode)
    return calls


def row(**values):
    base = {
        "kenmerk": "zw-1",
        "naam": "Buurthuis De Stip",
        "soort": "Buurthuis",
        "wat_gebeurt_er": "Samen koffie drinken en een praatje maken.",
        "organisatie": "welzijn-zwolle",
        "straat": "Dorpsstraat",
        "huisnummer": "12a",
        "postcode": "8011ab",
        "plaats": "Zwolle",
        "gemeente": "GM0193",
        "wijk": "Assendorp",
        "breedtegraad": "52,5085",
        "lengtegraad": "6,0944",
        "telefoon": "038-1234567",
        "email": "info@destip.nl",
        "website": "www.destip.nl",
        "doelgroepen": "Ouderen, mantelzorgers",
        "gratis": "ja",
        "prijs": "",
        "toegankelijkheid": "rolstoeltoegankelijk",
        "talen": "Nederlands, Turks",
        "openingstijden": "ma 10:00-12:00; wo 13:30-16:00; vr 20:00-01:00",
        "opmerking_openingstijden": "In de schoolvakanties gesloten.",
        "laatst_gecontroleerd": "01-03-2025",
    }
    return {**base, **values}


SECOND = {
    "kenmerk": "zw-2",
    "naam": "Huiskamer Holtenbroek",
    "soort": "huiskamer",
    "breedtegraad": "",
    "lengtegraad": "",
    "postcode": "8024 AA",
    "huisnummer": "3",
    "doelgroepen": "",
    "toegankelijkheid": "",
    "telefoon": "+31 38 765 4321",
    "gratis": "",
    "prijs": "€ 2 per keer",
    "openingstijden": "ma-vr 9-12",
    "laatst_gecontroleerd": "2025-02-14",
}


def csv_bytes(rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def places(kaart):
    return PlacePage.objects.child_of(kaart).order_by("external_id")


def revisions(kaart):
    return dict(places(kaart).values_list("external_id", "latest_revision_id"))


def import_csv(kaart, rows, **kwargs):
    return import_places(kaart, read_rows(csv_bytes(rows, **kwargs), "kaart.csv"))


def test_import_creates_published_places_with_opening_hours(kaart, geocoder):
    result = import_csv(kaart, [row(), row(**SECOND)])

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    stip, huiskamer = places(kaart)
    assert stip.live and stip.latest_revision_id == stip.live_revision_id
    assert stip.kind.slug == "buurthuis" and stip.municipality.name == "Zwolle"
    assert stip.organisation.slug == "welzijn-zwolle"
    assert stip.postcode == "8011 AB" and stip.website == "https://www.destip.nl"
    assert (stip.latitude, stip.longitude) == (52.5085, 6.0944)
    assert {g.slug for g in stip.target_groups.all()} == {"ouderen", "mantelzorgers"}
    assert [a.slug for a in stip.accessibility.all()] == ["rolstoeltoegankelijk"]
    assert stip.is_free and stip.last_checked == dt.date(2025, 3, 1)
    hours = sorted(
        (h.weekday, h.opens, h.closes, h.closes_next_day) for h in stip.opening_hours.all()
    )
    assert hours == [
        (0, T(10), T(12), False),
        (2, T(13, 30), T(16), False),
        (4, T(20), T(1), True),  # past midnight
    ]
    friday_night = dt.datetime(2026, 12, 5, 0, 30)  # Saturday 00:30, still Friday's evening
    assert stip.is_open_at(friday_night)

    assert huiskamer.kind.slug == "huiskamer" and not huiskamer.is_free  # a price: not free
    assert [h.weekday for h in huiskamer.opening_hours.all()] == [0, 1, 2, 3, 4]
    assert (huiskamer.latitude, huiskamer.longitude) == (52.51, 6.09)  # geocoded
    assert geocoder == [("8024 AA", "3")]  # only the row without coordinates


def test_one_bad_row_imports_nothing_and_names_row_and_column(kaart):
    rows = [
        row(),
        row(kenmerk="zw-2", soort="Zwembad"),
        row(kenmerk="zw-3", openingstijden="maandag tien uur", postcode="811"),
        row(kenmerk="zw-1"),
    ]
    result = import_csv(kaart, rows)

    assert not result.ok
    assert not places(kaart).exists()
    assert not PlaceKind.objects.filter(slug="zwembad").exists()  # terms are never invented
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "soort"),
        (4, "openingstijden"),
        (4, "postcode"),
        (5, "kenmerk"),  # the same kenmerk twice
    }
    soort = next(e for e in result.errors if e.column == "soort")
    assert "Zwembad" in soort.message and "Buurthuis" in soort.message
    assert str(soort).startswith("Rij 3, kolom soort:")


def test_required_columns_and_bad_values_are_row_errors(kaart):
    result = import_csv(
        kaart,
        [row(naam="", email="geen-adres", gratis="misschien", laatst_gecontroleerd="maart")],
    )
    assert {e.column for e in result.errors} == {"naam", "email", "gratis", "laatst_gecontroleerd"}


def test_reimporting_the_same_file_changes_nothing(kaart, geocoder):
    rows = [row(), row(**SECOND)]
    import_csv(kaart, rows)
    before = revisions(kaart)

    result = import_csv(kaart, rows)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert revisions(kaart) == before
    assert len(geocoder) == 1  # the unchanged address keeps its geocoded point


def test_a_changed_row_updates_and_publishes_that_place(kaart):
    import_csv(kaart, [row(), row(**SECOND)])
    before = revisions(kaart)

    result = import_csv(
        kaart,
        [row(wat_gebeurt_er="Nu ook soep.", openingstijden="di 10:00-12:00"), row(**SECOND)],
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    after = revisions(kaart)
    assert after["zw-2"] == before["zw-2"] and after["zw-1"] != before["zw-1"]
    stip = places(kaart).get(external_id="zw-1")
    assert stip.summary == "Nu ook soep." and stip.live_revision_id == after["zw-1"]
    assert [(h.weekday, h.opens) for h in stip.opening_hours.all()] == [(1, T(10))]
    assert places(kaart).count() == 2


def test_an_offline_place_gets_a_draft_not_republished(kaart):
    import_csv(kaart, [row()])
    places(kaart).get().unpublish()
    changed = [row(wat_gebeurt_er="Nu ook soep.")]

    result = import_csv(kaart, changed)

    assert result.updated == 1 and [w.column for w in result.warnings] == ["kenmerk"]
    stip = places(kaart).get()
    assert not stip.live and stip.get_latest_revision_as_object().summary == "Nu ook soep."
    before = revisions(kaart)
    again = import_csv(kaart, changed)  # compared with the draft: nothing new
    assert again.unchanged == 1 and revisions(kaart) == before


def test_a_changed_row_over_an_editors_draft_publishes_and_warns(kaart):
    import_csv(kaart, [row()])
    draft = places(kaart).get()
    draft.description = "<p>Nog niet klaar.</p>"
    draft.save_revision()

    result = import_csv(kaart, [row(wat_gebeurt_er="Nu ook soep.")])

    stip = places(kaart).get()
    assert result.updated == 1 and len(result.warnings) == 1
    assert stip.summary == "Nu ook soep." and not stip.has_unpublished_changes


def test_geocoder_failure_imports_without_point_and_warns(kaart, monkeypatch):
    def unavailable(postcode, house_number):
        raise GeocoderUnavailable("time-out")

    monkeypatch.setattr("core.imports.importer.geocode_address", unavailable)
    result = import_csv(kaart, [row(**SECOND)])

    assert result.ok and result.created == 1
    assert [w.row for w in result.warnings] == [2]
    assert places(kaart).get().latitude is None


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ([c for c in COLUMNS if c != "naam"], ["naam"]),
        ([*COLUMNS[:-1], "laatst gecontroleerd", "kleur"], ["kleur"]),
    ],
)
def test_wrong_headers_give_one_clear_error(header, named):
    data = ",".join(header).encode() + b"\nzw-1\n"
    with pytest.raises(SpreadsheetError) as caught:
        read_rows(io.BytesIO(data), "kaart.csv")
    assert all(name in str(caught.value) for name in named)


def test_cp1252_csv_gives_a_clear_error(kaart):
    data = csv_bytes([row(naam="Café De Ontmoeting")], delimiter=";", encoding="cp1252")
    with pytest.raises(SpreadsheetError, match="UTF-8"):
        read_rows(io.BytesIO(data), "kaart.csv")


def test_semicolon_csv_from_dutch_excel_with_bom(kaart):
    data = "\ufeff".encode() + csv_bytes([row()], delimiter=";")
    result = import_places(kaart, read_rows(io.BytesIO(data), "Kaart.CSV"))
    assert result.ok and result.created == 1
    assert places(kaart).get().latitude == 52.5085


def test_xlsx_with_numbers_and_dates_in_cells(kaart):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    values = row(huisnummer=12, breedtegraad=52.5085, lengtegraad=6.0944, gratis=True)
    values["laatst_gecontroleerd"] = dt.datetime(2025, 3, 1)
    values["telefoon"] = 381234567  # Excel made a number of 038-... without its zero
    sheet.append([values[column] for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    result = import_places(kaart, read_rows(buffer, "kaart.xlsx"))

    assert result.ok, result.errors
    place = places(kaart).get()
    assert (place.house_number, place.phone) == ("12", "0381234567")
    assert place.last_checked == dt.date(2025, 3, 1) and place.is_free


def test_not_a_spreadsheet(kaart):
    with pytest.raises(SpreadsheetError):
        read_rows(io.BytesIO(b"not a zip"), "kaart.xlsx")
    with pytest.raises(SpreadsheetError, match="xlsx"):
        read_rows(io.BytesIO(b""), "kaart.xls")


def test_export_then_reimport_round_trips_unchanged(kaart, django_assert_num_queries):
    import_csv(kaart, [row(), row(**SECOND)])
    admin_made = kaart.add_child(  # a place made in the admin has no kenmerk
        instance=PlacePage(
            title="=Inloop", slug="inloop", kind=PlaceKind.objects.get(slug="buurthuis"),
            summary="Binnenlopen.", languages="",
        )
    )  # fmt: skip
    admin_made.save_revision().publish()
    before = revisions(kaart)
    listed = list(prefetch_for_listing(places(kaart)))

    with django_assert_num_queries(0):
        exported = csv_export(listed)

    assert exported.startswith("\ufeffkenmerk;naam;")
    assert "'=Inloop" in exported and "'+31 38 765 4321" in exported  # no Excel formulas
    assert "vr 20:00-01:00" in exported and "ma 09:00-12:00" in exported
    result = import_places(kaart, read_rows(exported.encode(), "export.csv"))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3), result.errors
    assert revisions(kaart) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("zaterdag 20.00-24.00", [(5, T(20), T(0), True)]),
        ("di 10:00-12:00, 14:00-16:00", [(1, T(10), T(12), False), (1, T(14), T(16), False)]),
        ("za t/m ma 10-11", [(0, T(10), T(11), False), (5, T(10), T(11), False), (6, T(10), T(11), False)]),
    ],
)  # fmt: skip
def test_opening_hours_notation(text, expected):
    assert parse_opening_hours(text) == expected


@pytest.mark.parametrize(
    "text", ["xx 10-12", "ma", "ma 10-10", "ma 25:00-26:00", "vr 20:00-02:00; za 01:00-03:00"]
)
def test_opening_hours_mistakes(text):
    with pytest.raises(ValueError):
        parse_opening_hours(text)


def test_command_imports_and_fails_with_exit_code_1(kaart, tmp_path, capsys):
    path = tmp_path / "kaart.csv"
    path.write_bytes(csv_bytes([row()]))
    out = io.StringIO()
    call_command("import_social_map", str(path), "--kaart", "kaart", stdout=out)
    assert "1 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out.getvalue()

    path.write_bytes(csv_bytes([row(soort="Zwembad")]))
    err = io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("import_social_map", str(path), "--kaart", str(kaart.pk), stderr=err)
    assert caught.value.code == 1
    assert "Rij 2, kolom soort" in err.getvalue() and "niets geïmporteerd" in err.getvalue()


def test_coordinators_import_through_the_admin_and_see_row_errors(kaart, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = "/admin/sociale-kaart/importeren/"
    assert admin_client.get(url).status_code == 200
    good = SimpleUploadedFile("lijst.csv", csv_bytes([row()]), content_type="text/csv")
    response = admin_client.post(url, {"parent": kaart.pk, "file": good}, follow=True)
    assert "Klaar: 1 nieuw" in response.content.decode()
    assert places(kaart).count() == 1

    bad = SimpleUploadedFile(
        "lijst.csv", csv_bytes([row(kenmerk="zw-2", soort="kasteel")]), content_type="text/csv"
    )
    html = admin_client.post(url, {"parent": kaart.pk, "file": bad}, follow=True).content.decode()
    assert "Er is niets geïmporteerd" in html and "soort" in html
    assert places(kaart).count() == 1

    wrong = SimpleUploadedFile("lijst.pdf", b"%PDF", content_type="application/pdf")
    html = admin_client.post(url, {"parent": kaart.pk, "file": wrong}).content.decode()
    assert "Kies een .csv- of .xlsx-bestand." in html


def test_editors_without_rights_on_a_map_cannot_import(kaart, client, django_user_model):
    user = django_user_model.objects.create_user("lezer", password="x-wachtwoord-9")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/sociale-kaart/importeren/")
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_municipality_without_cbs_code_does_not_break_the_import(kaart):
    """The admin allows a municipality without CBS code; the import once crashed on it."""
    Municipality.objects.create(name="Kampen", slug="kampen", cbs_code=None, province="Overijssel")
    result = import_csv(kaart, [row(gemeente="Kampen"), row(kenmerk="zw-2", gemeente="GM0193")])
    assert result.ok, result.errors
    assert [p.municipality.name for p in places(kaart)] == ["Kampen", "Zwolle"]


def test_a_dry_run_changes_nothing(kaart, geocoder):
    result = import_places(kaart, read_rows(csv_bytes([row(**SECOND)]), "k.csv"), dry_run=True)
    assert result.ok and result.dry_run and result.created == 1
    assert not places(kaart).exists() and geocoder == []  # no look-ups for a check
