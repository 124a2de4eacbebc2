"""The import framework: an importer declares its columns and what a row means; this runs it.

The transaction rule, the same for every importer: **all or nothing, with a check first**.
Every row is read and checked before anything is written; then every row is written in one
transaction. Any error in any row, found while checking or while saving, rolls the whole
transaction back, so the site never holds half a list: the coordinator fixes the file and
imports it again, and because rows are keyed on ``kenmerk`` and an unchanged row is left
alone, importing the same file twice changes nothing. A dry run ("controleren") goes through
exactly the same steps, saving included, and always rolls back, so it reports what an import
would do, row by row, without looking addresses up on the map.

A subclass names its columns (``columns``), its parent and page models, and fills in
``parse`` (one row to page values); ``locate``, ``prepare``, ``find_page`` and
``apply_extra`` are optional. The page model has an ``external_id`` (the ``kenmerk``) and a
``last_checked`` date.
"""

import datetime as dt
import time
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.geocoding import GeocoderUnavailable, GeocodingError, geocode_address

from .reading import Limits, check_headers, data_rows, header_key, read_table
from .signals import announce
from .values import RowError, cell_text, free_slug

CHECK, LOCATE, SAVE = "check", "locate", "save"  # the stages a run reports progress in
PROGRESS_INTERVAL = 1.0  # seconds between two progress reports


@dataclass(frozen=True)
class Column:
    name: str  # as in the header row and IMPORT.md
    required: bool = False  # every row needs a value here


class Row:
    """One data row while it is parsed: its cells by column, and the problems found in it."""

    def __init__(self, number, cells, keep_time=False):
        self.number, self.cells, self.keep_time, self.errors = number, cells, keep_time, []

    def has(self, column):
        """Whether the sheet has this column at all (a left-out column leaves a field alone)."""
        return column in self.cells

    def get(self, column):
        return cell_text(self.cells.get(column), self.keep_time)

    def error(self, column, message):
        self.errors.append(RowError(self.number, column, str(message)))

    def clean(self, model, column, name, value=None):
        """``value`` (else the cell) checked by the model field ``name``; None on an error."""
        value = self.get(column) if value is None else value
        try:
            return model._meta.get_field(name).clean(value, None)
        except ValidationError as problem:
            if value:  # an empty required column is reported once, by the importer
                self.error(column, " ".join(problem.messages))
            return None


@dataclass
class Parsed:
    """A row that passed its checks: what it puts on a page."""

    number: int
    values: dict  # model field name → value; foreign keys as objects or by attname
    terms: dict = field(default_factory=dict)  # many-to-many name → terms; only columns present
    last_checked: dt.date | None = None
    extra: dict = field(default_factory=dict)  # the importer's own, e.g. opening hours
    key: str = ""
    page: Page | None = None


@dataclass
class RowOutcome:
    row: int
    key: str
    title: str
    outcome: str  # "created", "updated" or "unchanged"
    page_id: int | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    errors: list = field(default_factory=list)  # RowError; any error means nothing changed
    warnings: list = field(default_factory=list)  # RowError; imported all the same
    rows: list = field(default_factory=list)  # RowOutcome of every row, once all were good

    @property
    def ok(self):
        return not self.errors

    @property
    def error_rows(self):
        """How many rows have an error."""
        return len({error.row for error in self.errors})

    def count(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self):
        """One sentence for the coordinator, in the admin and on the command line."""
        if self.errors:
            errors = ngettext("%(count)s fout", "%(count)s fouten", len(self.errors)) % {
                "count": len(self.errors)
            }
            rows = ngettext("%(count)s rij", "%(count)s rijen", self.error_rows) % {
                "count": self.error_rows
            }
            return _(
                "Er is niets geïmporteerd: %(errors)s in %(rows)s. Verbeter het bestand en "
                "probeer het opnieuw."
            ) % {"errors": errors, "rows": rows}
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return (
                _(
                    "Dit was een controle: er is nog niets opgeslagen. Bij importeren: "
                    "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd."
                )
                % counts
            )
        return (
            _("Klaar: %(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd.")
            % counts
        )

    def as_json(self):
        def errors(items):
            return [[item.row, item.column, item.message] for item in items]

        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "errors": errors(self.errors),
            "warnings": errors(self.warnings),
            "rows": [[r.row, r.key, r.title, r.outcome, r.page_id] for r in self.rows],
        }

    @classmethod
    def from_json(cls, data):
        return cls(
            created=data["created"],
            updated=data["updated"],
            unchanged=data["unchanged"],
            dry_run=data["dry_run"],
            errors=[RowError(*item) for item in data["errors"]],
            warnings=[RowError(*item) for item in data["warnings"]],
            rows=[RowOutcome(*item) for item in data["rows"]],
        )


class Importer:
    """Rows of one spreadsheet into child pages of one parent page, by the rule above."""

    do_not_call_in_templates = True  # the import page shows the class's columns and words
    columns: tuple[Column, ...] = ()
    all_columns_in_header = False  # True: the header must have every column, in any order
    keep_time = False  # keep the time of Excel date-time cells (for time columns)
    parent_model = None
    page_model = None
    key_column, key_field = "kenmerk", "external_id"
    column_of_field = {}  # a model field's ValidationError → the column the coordinator fixes
    slug_fallback = "pagina"
    reserved_slugs = frozenset()
    prefetch = ()  # what ``apply`` compares, for every existing page at once
    # Words on the admin page and in messages; a subclass says them for its pages.
    title = parent_label = parent_help = intro = ""
    duplicate_key_message = gettext_lazy("Dit kenmerk staat ook in rij %(row)s.")
    ambiguous_key_message = gettext_lazy(
        "Er staan meer pagina's met dit kenmerk. Geef ze in het beheer elk een eigen kenmerk."
    )
    offline_message = gettext_lazy(
        "Deze pagina staat offline. De wijziging is opgeslagen als concept."
    )
    draft_message = gettext_lazy(
        "Deze pagina had een concept dat nog niet gepubliceerd was. De import is gepubliceerd; "
        "het concept vindt u terug in de geschiedenis van de pagina."
    )

    def __init__(self, parent, user=None, *, dry_run=False, progress=None):
        self.parent, self.user, self.dry_run = parent, user, dry_run
        self.progress = progress  # called as progress(stage, done, total)
        self.result = ImportResult(dry_run=dry_run)
        self._stage, self._reported = None, 0.0

    # --- reading ---------------------------------------------------------------------

    @classmethod
    def read_rows(cls, uploaded_file, filename):
        """The data rows of a .csv or .xlsx file as dicts keyed by the columns it has.

        Blank rows stay, so rows are numbered as in Excel. Raises ``SpreadsheetError`` for a
        file that cannot be read, is over a limit or has a wrong header row.
        """
        limits = Limits.from_settings()
        table = read_table(uploaded_file, filename, limits)
        headers = [header_key(cell) for cell in table[0]]
        names = [column.name for column in cls.columns]
        check_headers(
            headers,
            known=names,
            required=names
            if cls.all_columns_in_header
            else [c.name for c in cls.columns if c.required],
            all_required=cls.all_columns_in_header,
        )
        by_key = {header_key(name): name for name in names}
        columns = [by_key.get(header) for header in headers]
        rows = data_rows(table, columns, limits.rows, keep_time=cls.keep_time)
        present = [column for column in columns if column]
        return [{column: row.get(column, "") for column in present} for row in rows]

    @classmethod
    def parents_for(cls, user):
        """The parent pages this user may import into: add and publish pages under them.

        Asked of Wagtail's page permission policy: two subqueries, not a check per page.
        """
        policy = PagePermissionPolicy(cls.parent_model)
        publishable = policy.instances_user_has_permission_for(user, "publish")
        return list(
            policy.instances_user_has_permission_for(user, "add")
            .filter(pk__in=publishable.values("pk"))
            .order_by("path")
        )

    @classmethod
    def path(cls):
        """How an import run names its importer: the dotted path of the class."""
        return f"{cls.__module__}.{cls.__qualname__}"

    # --- what a subclass fills in ------------------------------------------------------

    def prepare(self):
        """Load what every row needs once, such as the terms of a vocabulary; ``self.pages``
        holds the pages under the parent already."""

    def parse(self, row):
        """One ``Row`` as a ``Parsed``; problems go to ``row.error`` (the result is ignored)."""
        raise NotImplementedError

    def locate(self, item, geocode):
        """Put coordinates in ``item.values``; ``geocode`` is False in a dry run."""

    def find_page(self, item, matches):
        """The page a row updates (None: a new one); ``matches`` have the row's kenmerk."""
        return matches[0] if matches else None

    def apply_extra(self, page, item):
        """Put what ``apply`` does not know on ``page``; True when anything changed."""
        return False

    def warn(self, number, column, message):
        self.result.warnings.append(RowError(number, column, str(message)))

    def point_for(self, item, address, geocode, without_point):
        """(latitude, longitude) for a row's address, or None with a warning.

        The page's own point when the address is unchanged (a re-import is then a no-op and
        a point an editor corrected by hand stays); else PDOK (cached), unless ``geocode`` is
        off. A failing map service is only a warning; ``without_point`` tells the coordinator
        what that means for this kind of entry.
        """
        page = item.page
        same_address = page is not None and all(
            getattr(page, name) == value for name, value in address.items()
        )
        if same_address and page.latitude is not None:
            return page.latitude, page.longitude
        if not (geocode and len(address["postcode"]) == 7 and address["house_number"]):
            return None
        try:
            return geocode_address(address["postcode"], address["house_number"])
        except GeocodingError as failure:
            reason = (
                _("de kaartdienst was niet bereikbaar")
                if isinstance(failure, GeocoderUnavailable)
                else _("de kaartdienst kent dit adres niet")
            )
            message = _("Geen punt op de kaart: %(reason)s. %(without_point)s")
            self.warn(
                item.number,
                "postcode",
                message % {"reason": reason, "without_point": without_point},
            )
            return None

    # --- running ---------------------------------------------------------------------

    def run(self, rows):
        """Check every row, then save them all in one transaction, or nothing at all."""
        self.pages = list(
            self.page_model.objects.child_of(self.parent).prefetch_related(*self.prefetch)
        )
        self.prepare()
        parsed = self._check(rows)
        if not self.result.errors:
            for number, item in enumerate(parsed, start=1):
                self._report(LOCATE, number, len(parsed))
                self.locate(item, geocode=not self.dry_run)
            self._save_all(parsed)
            self._announce()
        if self.result.errors:
            self.result.created = self.result.updated = self.result.unchanged = 0
            self.result.rows, self.result.warnings = [], []
        self.result.errors.sort(key=lambda error: error.row)
        self.result.warnings.sort(key=lambda warning: warning.row)
        return self.result

    def _announce(self):
        """Tell the caches built from this kind of page (``signals.import_finished``)."""
        changed = [row.page_id for row in self.result.rows if row.outcome != "unchanged"]
        if changed and not self.dry_run and not self.result.errors:
            announce(type(self), self.changed_models(), self.parent, changed)

    def changed_models(self):
        """The models whose rows an import writes; a subclass adds what ``apply_extra`` writes."""
        return (self.page_model,)

    def _report(self, stage, done, total):
        now = time.monotonic()
        if self.progress and (
            stage != self._stage or done == total or now - self._reported >= PROGRESS_INTERVAL
        ):
            self._stage, self._reported = stage, now
            self.progress(stage, done, total)

    def _check(self, rows):
        by_key = {}
        for page in self.pages:
            by_key.setdefault(getattr(page, self.key_field), []).append(page)
        parsed, first_row_of = [], {}
        for index, cells in enumerate(rows):
            self._report(CHECK, index + 1, len(rows))
            if not any(cell_text(value) for value in cells.values()):
                continue
            row = Row(index + 2, cells, self.keep_time)
            for column in self.columns:
                if column.required and not row.get(column.name):
                    row.error(column.name, _("Dit is verplicht."))
            item = self.parse(row)
            if row.errors:
                self.result.errors.extend(row.errors)
                continue
            item.number, item.key = row.number, item.values[self.key_field]
            matches = by_key.get(item.key, [])
            if item.key in first_row_of:
                message = self.duplicate_key_message % {"row": first_row_of[item.key]}
            elif len(matches) > 1:
                message = self.ambiguous_key_message
            else:
                first_row_of[item.key] = row.number
                page = self.find_page(item, matches)
                # An offline page is edited as a draft, so compare with its latest draft.
                item.page = page.get_latest_revision_as_object() if page and not page.live else page
                parsed.append(item)
                continue
            self.result.errors.append(RowError(row.number, self.key_column, str(message)))
        return parsed

    def _save_all(self, parsed):
        self._report(SAVE, 0, len(parsed))
        self.taken_slugs = set(Page.objects.child_of(self.parent).values_list("slug", flat=True))
        with transaction.atomic():
            for item in parsed:
                try:
                    with transaction.atomic():
                        outcome, page = self.save(item)
                except ValidationError as error:
                    messages = (
                        error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
                    )
                    self.result.errors.extend(
                        RowError(item.number, self.column_of_field.get(name, ""), message)
                        for name, texts in messages.items()
                        for message in texts
                    )
                    continue
                self.result.count(outcome)
                self.result.rows.append(
                    RowOutcome(item.number, item.key, page.title, outcome, page.pk)
                )
            if self.result.errors or self.dry_run:
                transaction.set_rollback(True)

    def save(self, item):
        """Create, update or leave alone one page; returns (outcome, page)."""
        page, user = item.page, self.user
        if page is None:
            page = self.page_model(
                locale=self.parent.locale,
                slug=free_slug(
                    item.values["title"],
                    self.taken_slugs,
                    self.reserved_slugs,
                    fallback=self.slug_fallback,
                ),
                owner=user,
                live=False,
                last_checked=item.last_checked or timezone.localdate(),
            )
            self.apply(page, item)
            self.parent.add_child(instance=page)
            log(instance=page, action="wagtail.create", user=user)
            page.save_revision(user=user).publish(user=user)
            return "created", page
        had_draft = page.has_unpublished_changes
        if not self.apply(page, item):
            return "unchanged", page
        revision = page.save_revision(user=user, log_action=True)
        if not page.live:  # taken offline by an editor: the import does not undo that
            self.warn(item.number, self.key_column, self.offline_message)
            return "updated", page
        revision.publish(user=user)
        if had_draft:
            self.warn(item.number, self.key_column, self.draft_message)
        return "updated", page

    def apply(self, page, item):
        """Put the row on ``page``; True when anything differs from what the page had."""
        changed = self.apply_extra(page, item)
        for name, value in item.values.items():
            attname = page._meta.get_field(name).attname
            wanted = value.pk if isinstance(value, models.Model) else value
            if getattr(page, attname) != wanted:
                setattr(page, attname, wanted)
                changed = True
        if item.last_checked and page.last_checked != item.last_checked:
            page.last_checked = item.last_checked
            changed = True
        for name, terms in item.terms.items():
            if {term.pk for term in getattr(page, name).all()} != {term.pk for term in terms}:
                setattr(page, name, terms)
                changed = True
        return changed
