"""Help > Teacher's Guide and Help > Lens Reference: our own docs, read inside the app.

These are the project's markdown files (docs/), so rendering their markdown is safe; links
to the other docs open in the same window, web links in the browser. The pages come from the
checkout's docs/ or, installed, from the copy the wheel carries (resources.docs_dir); a page
that is missing all the same is not offered (no dead entries).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout

from alliance_sandbox.resources import docs_dir

#: The docs' pages: the checkout's docs/, or the wheel's copy.
DOCS = docs_dir()
#: (action key, menu text, file)
PAGES = (
    ("guide", "&Teacher's Guide", "teachers-guide.md"),
    ("lens_docs", "&Lens Reference", "lenses.md"),
)


class HelpWindow(QDialog):
    """One markdown page in a QTextBrowser; not modal, so the class can keep running."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.resize(820, 700)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(DOCS)])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.browser)
        self.browser.sourceChanged.connect(lambda _url: self.setWindowTitle(self.browser.documentTitle()
                                                                             or "Alliance Sandbox help"))

    def open_page(self, path: Path) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        self.setWindowTitle(path.stem.replace("-", " ").capitalize())


def help_actions(window) -> list[QAction]:
    """The Help menu's page actions for `window` (one help window per main window, reused):
    the pages that exist here."""
    actions = []
    for key, text, name in PAGES:
        if not (DOCS / name).is_file():
            continue
        action = QAction(text, window)
        action.setObjectName(f"help:{key}")
        action.triggered.connect(lambda _=False, n=name: open_help(window, DOCS / n))
        actions.append(action)
    return actions


def open_help(window, path: Path) -> HelpWindow | None:
    if not path.is_file():
        window.show_error("Help not found", f"{path}: (file): not found; the docs are in the "
                          "project's docs/ folder")
        return None
    help_window = getattr(window, "help_window", None)
    if help_window is None:
        help_window = window.help_window = HelpWindow(window)
    help_window.open_page(path)
    help_window.show()
    help_window.raise_()
    return help_window
