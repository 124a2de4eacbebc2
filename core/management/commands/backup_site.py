"""``manage.py backup_site``: the database and the media files, in two dated files.

A thin wrapper around django-dbbackup's ``dbbackup`` and ``mediabackup`` (compressed), so
one command (for cron) makes a backup that ``restore_site`` can put back into an empty
installation: pages and their revisions, images and documents with their files, form
submissions, everything in the database. Where the files go: ``BACKUP_DIR``
(``coalition/settings/backup.py``). ``--clean`` keeps the newest ``BACKUP_KEEP`` of each.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from .restore_site import backup_storage, cache_table


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into BACKUP_DIR (two compressed files, "
        "restored with restore_site). --clean removes all but the newest BACKUP_KEEP backups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--clean", action="store_true", help="Remove old backups, keeping the newest ones."
        )
        parser.add_argument("--no-media", action="store_true", help="Back up the database only.")

    def handle(self, *args, clean=False, no_media=False, **options):
        storage = backup_storage()
        location = getattr(storage.storage, "location", "")
        if location:
            Path(location).mkdir(parents=True, exist_ok=True)
        before = set(storage.list_directory())
        steps = [("dbbackup", self.database_options())]
        if not no_media:
            steps.append(("mediabackup", {}))
        for command, extra in steps:
            try:
                call_command(
                    command, compress=True, clean=clean, interactive=False, quiet=True, **extra
                )
            except (CommandError, OSError) as error:
                raise CommandError(
                    _("De back-up is mislukt (%(step)s): %(error)s")
                    % {"step": command, "error": error}
                ) from error
        made = sorted(set(storage.list_directory()) - before)
        for name in made:
            self.stdout.write(_("Back-up gemaakt: %(name)s") % {"name": name})
        self.stdout.write(
            self.style.SUCCESS(
                _("Klaar. De back-up staat in %(location)s. Terugzetten: manage.py restore_site")
                % {"location": location}
            )
        )

    def database_options(self):
        """PostgreSQL: the cache's rows are left out (its table is kept): a restored site
        starts with an empty cache, not with pages cached before the backup."""
        table = cache_table()
        if table and settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            return {"exclude_tables": table}
        return {}
