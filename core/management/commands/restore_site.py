"""``manage.py restore_site``: put a ``backup_site`` backup back, database and media files.

Meant for an empty installation (a new server, an empty database after a disaster) and for
going back to yesterday: the database is replaced as a whole (SQLite: the file; PostgreSQL:
``pg_restore --clean --if-exists``), the media files of the backup are written over the
ones there, and the cache is emptied so no page from before the restore is served. Without
``--noinput`` it asks first. By default the newest backup of each kind; ``--database-file``
and ``--media-file`` name others (``manage.py listbackups`` lists them). After a restore
with Elasticsearch run ``manage.py update_index``.
"""

from dbbackup.storage import get_storage
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

YES = ("j", "ja", "y", "yes")


def backup_storage():
    """Where backups are kept (``STORAGES["dbbackup"]``)."""
    return get_storage()


def cache_table():
    """The table of the database cache, if the site uses one."""
    default = settings.CACHES.get("default", {})
    if default.get("BACKEND", "").endswith("DatabaseCache"):
        return default.get("LOCATION")
    return None


class Command(BaseCommand):
    help = (
        "Restore the newest backup (or the named files) of backup_site: replaces the whole "
        "database and writes the media files back. Asks first unless --noinput."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database-file", help="A database backup in BACKUP_DIR.")
        parser.add_argument("--media-file", help="A media backup in BACKUP_DIR.")
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        parser.add_argument(
            "--noinput", action="store_false", dest="interactive", help="Do not ask first."
        )

    def handle(self, *args, database_file=None, media_file=None, no_media=False, **options):
        database_file = database_file or self.newest("db")
        media_file = None if no_media else (media_file or self.newest("media"))
        if options.get("interactive", True) and not self.confirmed(database_file, media_file):
            self.stdout.write(_("Er is niets veranderd."))
            return
        # SQLite: the file is replaced, so no connection may still hold it open.
        connections.close_all()
        self.step("dbrestore", input_filename=database_file)
        connections.close_all()
        if media_file:
            self.step("mediarestore", input_filename=media_file, replace=True)
        cache.clear()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Klaar: de database (%(database)s) en de mediabestanden (%(media)s) zijn teruggezet."
                )
                % {"database": database_file, "media": media_file or "-"}
            )
        )
        if any(
            "elasticsearch" in backend.get("BACKEND", "")
            for backend in settings.WAGTAILSEARCH_BACKENDS.values()
        ):
            self.stdout.write(_("Bouw nu de zoekindex opnieuw op: manage.py update_index"))

    def newest(self, content_type):
        storage = backup_storage()
        try:
            return storage.get_latest_backup(content_type=content_type)
        except Exception as error:  # dbbackup raises its own error when there is none
            raise CommandError(
                _("Geen back-up gevonden in %(location)s (%(error)s).")
                % {"location": getattr(storage.storage, "location", ""), "error": error}
            ) from error

    def confirmed(self, database_file, media_file):
        self.stdout.write(
            _(
                "Dit vervangt de hele database door %(database)s en zet de mediabestanden "
                "uit %(media)s terug. Wat sinds die back-up is veranderd, gaat verloren."
            )
            % {"database": database_file, "media": media_file or "-"}
        )
        return input(_("Doorgaan? [j/N] ")).strip().lower() in YES

    def step(self, command, **options):
        try:
            call_command(command, uncompress=True, interactive=False, quiet=True, **options)
        except (CommandError, OSError) as error:
            raise CommandError(
                _("Terugzetten is mislukt (%(step)s): %(error)s")
                % {"step": command, "error": error}
            ) from error
