"""Bulk import of events: what a coalition with a spreadsheet of the Week tegen Eenzaamheid needs.

Good rows land in the agenda, a bad row is reported by row and column and then nothing is
imported (all or nothing, as for the sociale kaart), a check shows what would happen, and
importing the same sheet again updates instead of doubling.
"""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from core.models import AccessibilityFeature, Organisation, TargetGroup
from events.models import EventEdition, EventOccurrence, EventPage
from events.spreadsheet import COLUMNS, SpreadsheetError, import_events, read_rows

from .conftest import local

URL = "/admin/agenda/importeren/"


@pytest.fixture(autouse=True)
def geocoder(monkeypatch):
    """No test calls PDOK: every address lies at one point, and calls are recorded."""
    calls = []

    def geocode(postcode, house_number):
        calls.append((postcode, house_number))
        return 52.51, 6.09

    monkeypatch.setattr("core.imports.importer.geocode_address", geocode)
    return calls


@pytest.fixture
def terms(home, zwolle):
    locale = home.locale
    return {
        "ouderen": TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=locale),
        "mantelzorgers": TargetGroup.objects.create(
            name="Mantelzorgers", slug="mantelzorgers", locale=locale
        ),
        "rolstoel": AccessibilityFeature.objects.create(
            name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=locale
        ),
        "welzijn": Organisation.objects.create(
            name="Welzijn Zwolle", slug="welzijn-zwolle", locale=locale
        ),
        "week": EventEdition.objects.create(
            name="Week tegen Eenzaamheid 2030",
            slug="wte-2030",
            starts_on=dt.date(2030, 9, 26),
            ends_on=dt.date(2030, 10, 5),
            locale=locale,
        ),
    }


def soon(days):
    """A date a little ahead, as a coordinator types it: so the event is upcoming."""
    return (timezone.localdate() + dt.timedelta(days=days)).strftime("%d-%m-%Y")


def row(**values):
    base = {
        "kenmerk": "wte-1",
        "titel": "De Langste Eettafel",
        "korte omschrijving": "Samen eten aan één lange tafel.",
        "beschrijving": "Iedereen is welkom.\n\nNeem gerust <b>iemand</b> mee.",
        "datum": soon(10),
        "begintijd": "17:30",
        "eindtijd": "20:00",
        "hele dag": "nee",
        "herhaling": "",
        "status": "gaat door",
        "plek": "",
        "locatie": "Buurthuis De Stip",
        "straat": "Dorpsstraat",
        "huisnummer": "12a",
        "postcode": "8011ab",
        "plaats": "Zwolle",
        "gemeente": "GM0193",
        "organisator": "welzijn-zwolle",
        "doelgroepen": "Ouderen, mantelzorgers",
        "prijs": "3,50",
        "aanmelden": "www.eettafel.nl/aanmelden",
        "toegankelijkheid": "rolstoeltoegankelijk",
        "editie": "wte-2030",
        "laatst gecontroleerd": "01-03-2025",
    }
    return {**base, **values}


SECOND = {
    "kenmerk": "wte-2",
    "titel": "Kom erbij Festival",
    "korte omschrijving": "Muziek, koffie en nieuwe mensen ontmoeten.",
    "datum": soon(12),
    "begintijd": "",
    "eindtijd": "",
    "hele dag": "ja",
    "prijs": "",
    "aanmelden": "038-123 45 67",
    "doelgroepen": "",
    "toegankelijkheid": "",
    "laatst gecontroleerd": "",
}
BAD = {
    "kenmerk": "wte-3",
    "titel": "Wandeling in de Beweegtuin",
    "datum": "31-02-2030",  # there is no 31 February
    "gemeente": "Atlantis",  # no such municipality
}


def csv_bytes(rows, columns=COLUMNS, delimiter=","):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def import_csv(agenda, rows, **kwargs):
    return import_events(agenda, read_rows(csv_bytes(rows), "agenda.csv"), **kwargs)


def events(agenda):
    return EventPage.objects.child_of(agenda).order_by("external_id")


def test_a_bad_row_is_reported_and_nothing_is_imported(agenda, terms, geocoder):
    result = import_csv(agenda, [row(), row(**BAD), row(**SECOND)])

    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert result.error_rows == 1 and not result.ok
    problems = {(error.row, error.column) for error in result.errors}
    assert problems == {(3, "datum"), (3, "gemeente")}  # row 3: the header is row 1
    assert "Rij 3, kolom gemeente" in str(next(e for e in result.errors if e.column == "gemeente"))
    assert not events(agenda).exists()  # nothing of the good rows either
    assert geocoder == []  # a file with errors is not looked up on the map


def test_good_rows_are_published_in_the_agenda(agenda, terms, client, geocoder):
    result = import_csv(agenda, [row(), row(**SECOND)])

    assert (result.created, result.updated, result.unchanged) == (2, 0, 0), result.errors
    eettafel, festival = events(agenda)
    assert eettafel.live and festival.live
    assert eettafel.starts_at == local(*map(int, reversed(soon(10).split("-"))), 17, 30)
    assert eettafel.ends_at - eettafel.starts_at == dt.timedelta(hours=2, minutes=30)
    assert eettafel.price == "€ 3,50" and eettafel.is_free is False
    assert (eettafel.registration, eettafel.registration_url) == (
        "link",
        "https://www.eettafel.nl/aanmelden",
    )
    assert eettafel.postcode == "8011 AB" and eettafel.municipality.name == "Zwolle"
    assert (eettafel.latitude, eettafel.longitude) == (52.51, 6.09)
    assert eettafel.organiser == terms["welzijn"] and eettafel.edition == terms["week"]
    assert set(eettafel.target_groups.values_list("slug", flat=True)) == {
        "ouderen",
        "mantelzorgers",
    }
    assert list(eettafel.accessibility.all()) == [terms["rolstoel"]]
    assert eettafel.last_checked == dt.date(2025, 3, 1)
    # Typed markup is kept as text, escaped as the editor stores it: no <b> element, no loss.
    assert eettafel.description == (
        "<p>Iedereen is welkom.</p>\n<p>Neem gerust &lt;b&gt;iemand&lt;/b&gt; mee.</p>"
    )
    assert festival.all_day and festival.is_free and festival.registration == "phone"
    assert festival.registration_phone == "038-123 45 67"
    assert festival.last_checked == timezone.localdate()

    html = client.get(agenda.url).content.decode()
    assert "De Langste Eettafel" in html and "Kom erbij Festival" in html


def test_imported_description_opens_in_the_editor_and_reads_back_as_typed(
    agenda, terms, admin_client, client
):
    """Django's linebreaks() wrote <br>, which the editor cannot load (a 500 on edit), and
    strip_tags() lost "<voor 55+>"; JSON-LD showed "&lt;" and ran the lines together."""
    typed = (
        "Kom gezellig kaarten.\r\nOok als u het spel nog niet kent.\r\n\r\n"
        "Kaartavond <voor 55+> & meer"
    )
    result = import_csv(agenda, [row(beschrijving=typed)])
    assert (result.created, result.errors) == (1, [])
    event = events(agenda).get()

    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    converter = ContentstateConverter(features=EventPage._meta.get_field("description").features)
    blocks = json.loads(converter.from_database_format(event.description))["blocks"]
    assert [block["text"] for block in blocks] == [
        "Kom gezellig kaarten.\nOok als u het spel nog niet kent.",
        "Kaartavond <voor 55+> & meer",
    ]

    html = client.get(event.url).content.decode()
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["description"] == (
        "Samen eten aan één lange tafel.\n\n"
        "Kom gezellig kaarten.\nOok als u het spel nog niet kent.\n\n"
        "Kaartavond <voor 55+> & meer"
    )


def test_reimport_updates_by_kenmerk_instead_of_duplicating(agenda, terms):
    import_csv(agenda, [row(), row(**SECOND)])
    before = dict(events(agenda).values_list("external_id", "latest_revision_id"))

    again = import_csv(agenda, [row(), row(**SECOND)])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2), again.errors
    assert dict(events(agenda).values_list("external_id", "latest_revision_id")) == before

    changed = import_csv(agenda, [row(titel="De Langste Eettafel van Zwolle"), row(**SECOND)])
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1), changed.errors
    assert events(agenda).count() == 2
    eettafel = events(agenda).get(external_id="wte-1")
    assert eettafel.title == "De Langste Eettafel van Zwolle" and eettafel.live
    assert eettafel.latest_revision_id != before["wte-1"]
    assert eettafel.occurrences.count() == 1  # rebuilt on publish, not doubled


def test_recurring_row_gets_its_occurrences(agenda, terms):
    start = timezone.localdate() + dt.timedelta(days=7)
    until = start + dt.timedelta(weeks=5)
    result = import_csv(
        agenda,
        [
            row(
                kenmerk="koffie",
                titel="Koffieochtend",
                datum=start.isoformat(),
                begintijd="10:00",
                eindtijd="12:00",
                herhaling=f"FREQ=WEEKLY;UNTIL={until:%Y%m%d}",
            )
        ],
    )
    assert result.ok, result.errors
    event = events(agenda).get()
    dates = list(event.occurrences.order_by("starts_at"))
    assert len(dates) == 6
    assert all(o.local_start.time() == dt.time(10, 0) for o in dates)  # also across DST
    assert EventOccurrence.objects.filter(event=event).count() == 6


def test_row_errors_name_the_column(agenda, terms):
    result = import_csv(
        agenda,
        [
            row(kenmerk="a", herhaling="FREQ=SOMETIMES"),
            row(kenmerk="b", begintijd="10:00", eindtijd="09:00"),
            row(kenmerk="c", status="misschien", prijs="veel"),
            row(kenmerk="d", aanmelden="bel maar"),
            row(kenmerk="e", datum="01-01-99999"),
            row(kenmerk="f", begintijd=""),
            row(kenmerk="", titel=""),
            row(kenmerk="g", doelgroepen="Katten"),
            row(kenmerk="g"),  # good: the row above with "g" was left out
            row(kenmerk="g"),  # but now "g" is taken
            row(kenmerk="h", herhaling="FREQ=MINUTELY"),  # bounded, but never an event
        ],
    )
    problems = {(error.row, error.column) for error in result.errors}
    assert problems == {
        (2, "herhaling"),
        (3, "eindtijd"),
        (4, "status"),
        (4, "prijs"),
        (5, "aanmelden"),
        (6, "datum"),
        (7, "begintijd"),
        (8, "kenmerk"),
        (8, "titel"),
        (9, "doelgroepen"),
        (11, "kenmerk"),
        (12, "herhaling"),
    }
    assert result.created == 0  # all or nothing
    assert not events(agenda).exists()


def test_sheet_with_unknown_or_missing_headers_is_refused_as_a_whole(agenda):
    with pytest.raises(SpreadsheetError, match="kennen we niet: kleur"):
        read_rows(csv_bytes([], columns=[*COLUMNS, "kleur"]), "agenda.csv")
    with pytest.raises(SpreadsheetError, match="ontbreken: datum"):
        read_rows(csv_bytes([], columns=["kenmerk", "titel", "korte omschrijving"]), "a.csv")
    with pytest.raises(SpreadsheetError, match="xlsx"):
        read_rows(b"", "agenda.xls")


def test_too_many_rows_is_an_error(agenda, settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(SpreadsheetError, match="meer dan 2 rijen"):
        read_rows(csv_bytes([row(kenmerk=str(n)) for n in range(3)]), "agenda.csv")


def test_fewer_columns_and_dutch_excel_semicolons(agenda, terms):
    columns = ["Kenmerk", "Titel", "Korte omschrijving", "Datum", "Begintijd", "Gemeente"]
    data = "\ufeff" + ";".join(columns) + "\r\n" + f"k1;Buurtsoep;Soep;{soon(5)};12:00;Zwolle\r\n"
    result = import_events(agenda, read_rows(data.encode(), "agenda.csv"))
    assert result.ok, result.errors
    event = events(agenda).get()
    assert event.title == "Buurtsoep" and event.municipality.slug == "zwolle"
    assert event.ends_at is None and event.is_free is None  # no prijs column: unknown


def test_xlsx_with_excel_dates_and_times(agenda, terms):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    values = row(huisnummer=12, prijs=0)
    values["datum"] = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=3), dt.time())
    values["begintijd"], values["eindtijd"] = dt.time(14, 0), dt.time(16, 0)
    values["laatst gecontroleerd"] = dt.datetime(2025, 3, 1)
    sheet.append([values[column] for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = import_events(agenda, read_rows(buffer.getvalue(), "agenda.xlsx"))

    assert result.ok, result.errors
    event = events(agenda).get()
    assert event.house_number == "12" and event.is_free
    assert timezone.localtime(event.starts_at).time() == dt.time(14, 0)
    assert event.last_checked == dt.date(2025, 3, 1)
    assert event.occurrences.count() == 1


def test_place_slug_gives_place_coordinates_and_municipality(agenda, terms, zwolle, geocoder):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    kaart = agenda.get_parent().add_child(instance=SocialMapPage(title="Kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=agenda.locale)
    place = kaart.add_child(
        instance=PlacePage(
            title="Buurthuis De Kroon",
            slug="de-kroon",
            kind=kind,
            summary="Koffie.",
            municipality=zwolle,
            latitude=52.5,
            longitude=6.1,
        )
    )
    place.save_revision().publish()
    result = import_csv(
        agenda, [row(plek="de-kroon", gemeente="", straat="", huisnummer="", postcode="")]
    )
    assert result.ok, result.errors
    event = events(agenda).get()
    assert event.place_id == place.pk and event.municipality == zwolle
    assert (event.latitude, event.longitude) == (52.5, 6.1)
    assert geocoder == []


def test_dry_run_checks_but_saves_nothing(agenda, terms, geocoder):
    result = import_csv(agenda, [row(), row(**SECOND)], dry_run=True)
    assert result.ok and result.dry_run and result.created == 2
    assert [(outcome.row, outcome.outcome) for outcome in result.rows] == [
        (2, "created"),
        (3, "created"),
    ]
    assert not events(agenda).exists() and geocoder == []
    assert "Dit was een controle" in result.summary()

    checked = import_csv(agenda, [row(), row(**BAD)], dry_run=True)
    assert not checked.ok and checked.created == 0 and not events(agenda).exists()


def test_command_prints_row_errors_and_exits_1(agenda, terms, tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes(csv_bytes([row(), row(**BAD)]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("import_events", str(path), "--agenda", "agenda", stdout=out, stderr=err)
    assert caught.value.code == 1
    assert "Rij 3, kolom datum" in err.getvalue()
    assert "Er is niets geïmporteerd: 2 fouten in 1 rij." in err.getvalue()
    assert not events(agenda).exists()

    path.write_bytes(csv_bytes([row()]))
    out = io.StringIO()
    call_command("import_events", str(path), "--agenda", "agenda", stdout=out)
    assert "Rij 2 (wte-1): nieuw" in out.getvalue()

    path.write_bytes(csv_bytes([row(titel="Nieuwe titel")]))
    out = io.StringIO()
    call_command("import_events", str(path), "--agenda", str(agenda.pk), "--dry-run", stdout=out)
    assert "Dit was een controle" in out.getvalue() and "1 bijgewerkt" in out.getvalue()
    assert events(agenda).get().title == "De Langste Eettafel"


def test_admin_import_needs_login_and_shows_the_report(agenda, terms, client, admin_client):
    assert client.get(URL).status_code == 302  # to the login page
    assert admin_client.get(URL).status_code == 200

    upload = SimpleUploadedFile("lijst.csv", csv_bytes([row(), row(**BAD)]), "text/csv")
    response = admin_client.post(URL, {"parent": agenda.pk, "file": upload}, follow=True)
    html = response.content.decode()
    assert "Er is niets geïmporteerd: 2 fouten in 1 rij." in html
    assert "We kennen de gemeente “Atlantis” niet." in html
    assert not events(agenda).exists()

    upload = SimpleUploadedFile("lijst.csv", csv_bytes([row()]), "text/csv")
    response = admin_client.post(URL, {"parent": agenda.pk, "file": upload}, follow=True)
    html = response.content.decode()
    assert "Klaar: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd." in html
    assert "De Langste Eettafel" in html
    assert events(agenda).count() == 1

    check = SimpleUploadedFile("lijst.csv", csv_bytes([row(kenmerk="wte-9")]), "text/csv")
    response = admin_client.post(
        URL, {"parent": agenda.pk, "file": check, "action": "check"}, follow=True
    )
    assert "er is nog niets opgeslagen" in response.content.decode()
    assert events(agenda).count() == 1

    wrong = SimpleUploadedFile("lijst.pdf", b"%PDF", content_type="application/pdf")
    html = admin_client.post(URL, {"parent": agenda.pk, "file": wrong}).content.decode()
    assert "Kies een .csv- of .xlsx-bestand." in html

    columns = SimpleUploadedFile("lijst.csv", b"kenmerk,kleur\r\n1,rood\r\n", "text/csv")
    html = admin_client.post(URL, {"parent": agenda.pk, "file": columns}).content.decode()
    assert "Deze kolommen kennen we niet: kleur." in html


def test_editors_without_rights_on_an_agenda_cannot_import(agenda, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("lezer", password="x-wachtwoord-9")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_example_in_import_md_imports(agenda, zwolle):
    from pathlib import Path

    import core

    text = (Path(core.__file__).parent / "IMPORT.md").read_text()
    example = text.split("```csv\n", 1)[1].split("```", 1)[0]

    result = import_events(agenda, read_rows(example.encode(), "voorbeeld.csv"))

    assert result.ok, result.errors
    assert result.created == 3
    koffie = events(agenda).get(external_id="koffie-1")
    assert koffie.recurrence_text().startswith("Elke week op dinsdag")
    assert koffie.occurrences.count() == 9  # 6 October up to and including 1 December
    assert events(agenda).get(external_id="wte-001").price == "€ 3,50"


def test_a_municipality_without_cbs_code_is_found_by_name(agenda, terms):
    from core.models import Municipality

    Municipality.objects.create(name="Kampen", slug="kampen", cbs_code=None, province="Overijssel")
    result = import_csv(agenda, [row(gemeente="Kampen")])
    assert result.ok, result.errors
    assert events(agenda).get().municipality.slug == "kampen"
