"""Build handreiking.fingerprint from the source document (run again if the source changes).

The repository keeps the hashed ten-word runs of the handreiking, not its text: enough for
tests/test_plain_language.py to find a sentence copied word for word, on any machine.

    .venv/bin/python tests/data/build_handreiking_fingerprint.py ../shared/seed/handreiking-lokale-aanpak-eenzaamheid-2017.txt
"""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings.dev")
django.setup()

from core.readability import fingerprint  # noqa: E402

OUT = Path(__file__).with_name("handreiking.fingerprint")

if __name__ == "__main__":
    hashes = sorted(fingerprint(Path(sys.argv[1]).read_text(encoding="utf-8")))
    OUT.write_bytes(b"".join(hashes))
    print(f"{len(hashes)} runs written to {OUT}")
