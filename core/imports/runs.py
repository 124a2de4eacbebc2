"""Running an import: right away for a short file, as a background task for a long one.

Every import, short or long, from the admin is an ``ImportRun``. A file with more than
``IMPORT_BACKGROUND_ROWS`` rows runs as a ``django_tasks`` task on the ``imports`` backend
(``TASKS`` in the settings: the database backend, worked off by ``manage.py db_worker
--backend imports``), so no web worker waits for it; the run records its progress while it
checks and looks up rows, and the admin page polls the run.

Progress is written between rows, outside any transaction, so the polling page sees it. The
saving itself is one transaction (the all-or-nothing rule of ``importer.py``): while it runs
the page says that it is saving, and then shows the result all at once.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from core.models import ImportRun

from .importer import Importer

logger = logging.getLogger(__name__)
BACKEND = "imports"


def background_rows():
    return getattr(settings, "IMPORT_BACKGROUND_ROWS", 25)


def importer_class(run):
    cls = import_string(run.importer)
    if not (isinstance(cls, type) and issubclass(cls, Importer)):
        raise TypeError(f"{run.importer} is not an Importer")
    return cls


def start(importer, parent, rows, *, user, file_name, dry_run):
    """Record a run for ``rows`` and run it, here or in the background; returns the run."""
    ImportRun.forget_old_rows()
    run = ImportRun.objects.create(
        importer=importer.path(),
        parent=parent,
        user=user,
        file_name=file_name[:255],
        dry_run=dry_run,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        rows=rows,
        total=len(rows),
    )
    if len(rows) > background_rows():
        # After the commit, so a worker never looks for a run it cannot see yet.
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
    else:
        execute(run.pk)
        run.refresh_from_db()
    return run


@task(backend=BACKEND)
def run_import(run_id):
    """The background task: run the import of one ``ImportRun``."""
    return execute(run_id)


def execute(run_id):
    """Run the import of one run and record how it went; never raises for a bad import."""
    run = ImportRun.objects.select_related("parent").get(pk=run_id)
    if run.status != ImportRun.Status.QUEUED:
        return run.status  # a task delivered twice does not import twice
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)

    def progress(stage, done, total):
        ImportRun.objects.filter(pk=run.pk).update(stage=stage, processed=done, total=total)

    with translation.override(run.language):
        try:
            importer = importer_class(run)(
                run.parent.specific, run.user, dry_run=run.dry_run, progress=progress
            )
            result = importer.run(run.rows)
        except Exception:
            logger.exception("Import run %s failed", run.pk)
            message = _(
                "Er ging iets mis bij het importeren; er is niets veranderd. Probeer het later "
                "opnieuw, of vraag de beheerder van de website om hulp."
            )
            run.status, run.result = ImportRun.Status.FAILED, {"failure": message}
        else:
            run.status, run.result = ImportRun.Status.DONE, result.as_json()
    # The rows are kept only to import a good check without uploading the file again.
    if not run.can_import_checked_rows:
        run.rows = []
    run.finished_at = timezone.now()
    fields = ["status", "result", "rows", "finished_at"]
    if run.status == ImportRun.Status.DONE:
        run.processed = run.total
        fields.append("processed")
    run.save(update_fields=fields)
    return run.status
