"""requirements.lock pins every Python package the site and its tests need (`make lock`)."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parent.parent
PINNED = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)")


def pins():
    lines = (BASE_DIR / "requirements.lock").read_text().splitlines()
    found = {}
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PINNED.match(line)
        assert match, f"not pinned to one version: {line!r}"
        found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def test_every_dependency_of_pyproject_is_pinned_to_a_version_it_allows():
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    locked = pins()
    for text in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{requirement.name}=={locked[name]} does not match {requirement.specifier}"
        )


def test_the_lock_names_no_machine_of_its_own():
    text = (BASE_DIR / "requirements.lock").read_text()
    assert "--index-url" not in text and "--find-links" not in text and "file://" not in text
