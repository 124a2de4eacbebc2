"""The shared reading of spreadsheets: a broken file is a message for the coordinator, not a 500."""

import pytest

from core.spreadsheet import free_slug
from events import spreadsheet as events_spreadsheet
from social_map import spreadsheet as places_spreadsheet


@pytest.mark.parametrize("importer", [places_spreadsheet, events_spreadsheet])
def test_malformed_csv_is_a_dutch_error_in_both_imports(importer):
    # A stray quote opens a cell that swallows the rest of the file, until csv gives up
    # because the cell is larger than its field limit (128 KiB).
    header = ",".join(importer.COLUMNS)
    rest = "\n".join(f"rij-{n},Buurthuis {n},buurthuis,Samen koffie drinken" for n in range(4000))
    data = f'{header}\n"zw-1,Buurthuis De Stip\n{rest}\n'.encode()
    assert len(data) > 131072
    with pytest.raises(importer.SpreadsheetError, match="Dit CSV-bestand kunnen we niet lezen"):
        importer.read_rows(data, "lijst.csv")


def test_free_slug_numbers_past_taken_and_reserved_slugs():
    taken = {"koffie"}
    assert free_slug("Koffie", taken, fallback="plek") == "koffie-2"
    assert free_slug("Koffie", taken, reserved={"koffie-3"}, fallback="plek") == "koffie-4"
    assert free_slug("!!!", taken, fallback="activiteit") == "activiteit"
    assert {"koffie-2", "koffie-4", "activiteit"} <= taken
