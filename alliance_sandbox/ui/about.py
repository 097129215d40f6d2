"""What Help > About says besides the lenses: the version, the licence, the data's credits.

In one place so the dialog, `alliance-sandbox --version` and the tests agree. Text only
(escaped by the caller's HTML builder): no Qt here beyond what the window passes in.
"""
from __future__ import annotations

import html

from alliance_sandbox import __version__

LICENCE = "MIT licence"
#: (what, credit) for every data set the program ships or was built from.
CREDITS: tuple[tuple[str, str], ...] = (
    ("Capabilities", "Correlates of War National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972; "
                     "Greig & Enterline 2021)"),
    ("Alliances", "Correlates of War Formal Alliances v4.1 (Gibler 2009)"),
    ("Ally reliability", "Leeds, Long & Mitchell (2000)"),
    ("World map", "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com "
                  "(1:110m Admin 0 countries, public domain)"),
)


def version_line() -> str:
    return f"Version {__version__} · {LICENCE}"


def version_html() -> str:
    return f"<p><b>{html.escape(version_line())}</b></p>"


def credits_html() -> str:
    rows = "".join(f"<li><b>{html.escape(what)}</b>: {html.escape(credit)}</li>" for what, credit in CREDITS)
    return f"<p>Data:</p><ul>{rows}</ul>"
