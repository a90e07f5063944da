"""Checks the machine for what the Infopoint needs and says which package to install.

Run by ``make run`` / ``make test`` so that a missing library is reported as a package
name, not as a traceback deep inside a test.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def problems(*, browser: bool) -> list[str]:
    found = []
    if shutil.which("msgfmt") is None:
        found.append("gettext is missing (msgfmt): apt-get install gettext")
    try:
        import weasyprint  # noqa: F401, PLC0415
    except OSError as exc:
        found.append(
            "WeasyPrint cannot load Pango/HarfBuzz "
            f"({exc}): apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
        )
    if browser:
        if not Path(CHROMIUM).exists():
            found.append(f"Chromium is missing ({CHROMIUM}), needed for the browser tests: apt-get install chromium")
        if shutil.which("pdftoppm") is None:
            found.append("poppler-utils is missing (pdftoppm), needed for the PDF tests: apt-get install poppler-utils")
    return found


def main(argv: list[str]) -> int:
    found = problems(browser="--browser" in argv)
    for problem in found:
        print(f"Set-up problem: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
