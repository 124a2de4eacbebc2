"""Backups of the database and the media files (django-dbbackup; ``manage.py backup_site``).

Imported at the end of base.py. The backups go to ``BACKUP_DIR`` (default ``backups/`` in
the project, kept out of git); put that directory on another disk or sync it off the server,
since a backup on the machine it protects is lost with it. django-dbbackup 5 takes its
storage from ``STORAGES["dbbackup"]`` (the old ``DBBACKUP_STORAGE`` settings are refused).
"""

from pathlib import Path

from .base import BASE_DIR, STORAGES
from .env import env_int, env_str

BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
STORAGES = {
    **STORAGES,
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR)},
    },
}
# How many backups of each kind `backup_site --clean` keeps (the oldest go first).
DBBACKUP_CLEANUP_KEEP = env_int("BACKUP_KEEP", 14)
DBBACKUP_CLEANUP_KEEP_MEDIA = DBBACKUP_CLEANUP_KEEP
# Without a mail server set up, a failed backup is reported on stderr and in the exit code.
DBBACKUP_SEND_EMAIL = False
# One name for every server of a site, so a backup made on one restores on another.
DBBACKUP_HOSTNAME = env_str("BACKUP_SERVER_NAME", "coalition")
