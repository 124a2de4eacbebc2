"""One spreadsheet import framework for every list a coalition keeps in Excel.

- ``reading``: a CSV or .xlsx file into rows, within limits, or a ``SpreadsheetError``;
- ``values``: cells as text, dates, terms of a vocabulary, free slugs, ``RowError``;
- ``importer``: the ``Importer`` base class and its one transaction rule (all or nothing,
  with a dry run first);
- ``runs``: an ``ImportRun`` right away or as a background task, with its progress;
- ``admin``: the admin views and menu item; ``commands``: the management command base;
- ``signals``: ``import_finished``, sent after an import saved pages, for the caches built
  from imported data.

The places of the sociale kaart and the events of the agenda subclass ``Importer`` with
their columns and what they mean; the columns, limits and rule are in ``core/IMPORT.md``.
This package imports no domain app.
"""

from .importer import Column, Importer, ImportResult, Parsed, Row, RowOutcome
from .reading import Limits, SpreadsheetError, read_table
from .values import (
    FORMULA_START,
    NO,
    YES,
    RowError,
    Vocabulary,
    cell_text,
    checked_date,
    free_slug,
    municipality_codes,
    parse_date,
)

__all__ = [
    "FORMULA_START",
    "NO",
    "YES",
    "Column",
    "ImportResult",
    "Importer",
    "Limits",
    "Parsed",
    "Row",
    "RowError",
    "RowOutcome",
    "SpreadsheetError",
    "Vocabulary",
    "cell_text",
    "free_slug",
    "municipality_codes",
    "checked_date",
    "parse_date",
    "read_table",
]
