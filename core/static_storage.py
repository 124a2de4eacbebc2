"""Static file URLs looked up once per process.

``{% static %}`` asks the manifest storage for every file on every page (a dozen in the base
template's head): each a manifest lookup, a hash-name split, ``urljoin`` and quoting. The
manifest is read once, when the process starts, so an answer cannot change while the process
lives: a deploy with new files starts new processes.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage with ``url()`` remembered per name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = super().url(name)  # a name missing from the manifest raises: not remembered
            if len(self._urls) < 2000:  # template names, not visitor input: a bound all the same
                self._urls[name] = url
            return url
