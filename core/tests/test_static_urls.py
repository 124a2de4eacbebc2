"""Static URLs: the manifest storage remembers them per process (core.static_storage)."""

import json

import pytest

from core.static_storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"core/site.css": "core/site.0123abcd.css"}})
    )
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_a_url_is_looked_up_once(storage):
    assert storage.url("core/site.css") == "/static/core/site.0123abcd.css"
    storage.hashed_files = {}  # the manifest is not asked again

    assert storage.url("core/site.css") == "/static/core/site.0123abcd.css"


def test_a_file_missing_from_the_manifest_still_raises(storage):
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("core/missing.css")
    with pytest.raises(ValueError):
        storage.url("core/missing.css")
