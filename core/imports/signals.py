"""``import_finished``: sent once an import has saved pages, after its transaction committed.

Caches built from imported data (the agenda's municipalities, a page cache, search
suggestions) listen to it, so a command-line, admin or background import shows at once in
every process that shares the cache. Receivers get ``sender`` (the ``Importer`` class),
``models`` (a tuple of the model classes whose rows changed), ``parent`` (the page the
rows went under) and ``pages`` (the ids of the created or updated pages). A dry run, a
failed import or one that changed nothing sends nothing.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

import_finished = Signal()


def announce(importer_class, models, parent, pages):
    """Send ``import_finished`` once the surrounding transaction (if any) has committed.

    After the commit, so a receiver that rebuilds a cache reads the imported rows, and a
    visitor's request between the bump and the commit cannot cache the old state again.
    """

    def send():
        for receiver, response in import_finished.send_robust(
            sender=importer_class, models=tuple(models), parent=parent, pages=tuple(pages)
        ):
            if isinstance(response, Exception):
                # A cache that could not be cleared must not turn a good import into an error.
                logger.error("import_finished receiver %r failed", receiver, exc_info=response)

    transaction.on_commit(send)
