"""``manage.py setup``: the reference data a real site needs, for production as for the demo.

Every app with reference data has a ``setup`` module with a ``run()`` function that adds
what is missing and returns how much it added, by kind. The command finds those modules
(the way Django finds ``admin`` modules), so the core names no domain app, and runs them in
the order of ``INSTALLED_APPS``: the core first, the apps that build on it after. It is
idempotent: a second run changes nothing, and nothing an editor changed is overwritten.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


def setup_functions():
    """(app label, ``run``) of every installed app that has a ``setup`` module."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "setup"):
            module = import_module(f"{config.name}.setup")
            if callable(getattr(module, "run", None)):
                found.append((config.label, module.run))
    return found


def run_setup(write=None):
    """Run every app's setup; returns {app label: {kind: number added}}."""
    report = {}
    for label, run in setup_functions():
        with transaction.atomic():
            report[label] = run()
        if write:
            added = [f"{count} {kind}" for kind, count in report[label].items() if count]
            write(f"{label}: {', '.join(added) if added else 'alles was er al'}")
    return report


class Command(BaseCommand):
    help = (
        "Add the reference data a real site needs: municipalities, taxonomies, groups and "
        "permissions, the agenda's moderation workflow. Safe to run again: only what is "
        "missing is added."
    )

    def handle(self, *args, **options):
        report = run_setup(self.stdout.write)
        total = sum(sum(counts.values()) for counts in report.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Setup klaar: {total} dingen toegevoegd."
                if total
                else "Setup klaar: niets te doen."
            )
        )
