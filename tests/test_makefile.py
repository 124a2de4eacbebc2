"""The Makefile: every target `make help` lists has a rule that does something.

`serve`, `ci` and `check-migrations` were once declared and listed in the README but had
no rule ("Nothing to be done"). `make -n` prints the commands without running them (a
line that calls `$(MAKE)` still runs, with `-n` passed on).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def run_make(*args):
    # Not the MAKEFLAGS of a `make test` this suite may run under (jobserver, -n, -k).
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    return subprocess.run(
        [MAKE, "--no-print-directory", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def listed_targets():
    result = run_make("help")
    assert result.returncode == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines() if line.strip()]


def test_help_lists_every_phony_target():
    makefile = (BASE_DIR / "Makefile").read_text()
    phony = set(re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE).group(1).split())
    assert set(listed_targets()) == phony


def test_help_lists_what_the_readme_promises():
    assert {"run", "test", "serve", "ci", "check-migrations", "static-build"} <= set(
        listed_targets()
    )


@pytest.mark.parametrize("target", listed_targets() if MAKE else [])
def test_every_listed_target_has_commands(target):
    # -B: as on a fresh machine, where nothing is installed yet (`npm` has nothing to do
    # once node_modules is up to date).
    result = run_make("-n", "-B", target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nothing to be done" not in result.stdout + result.stderr
    assert result.stdout.strip(), f"make -n {target} printed no command"


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("serve", "manage.py runserver 127.0.0.1:8000"),
        ("ci", ".ci/run"),
        ("check-migrations", "makemigrations --check --dry-run"),
        ("static-build", "DJANGO_SETTINGS_MODULE=coalition.settings.production"),
    ],
)
def test_targets_do_what_help_says(target, command):
    assert command in run_make("-n", target).stdout


def test_serve_does_not_install():
    assert "pip install" not in run_make("-n", "serve").stdout


def test_the_python_install_never_builds_the_project():
    for target in ("install", "install-test"):
        out = run_make("-n", target).stdout
        assert "pip install --quiet -r requirements.lock" in out
        assert "-e ." not in out


def test_the_admin_hint_runs_outside_the_virtual_environment():
    command = (BASE_DIR / "core/management/commands/create_local_admin.py").read_text()
    assert ".venv/bin/python manage.py changepassword" in command


def test_make_test_says_how_long_it_took():
    assert "make test took" in run_make("-n", "test").stdout
