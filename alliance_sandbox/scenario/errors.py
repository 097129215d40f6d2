"""The errors a scenario file can have: one `Problem` per field, many per `ScenarioError`."""
from __future__ import annotations

import re
from dataclasses import dataclass

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with any lone surrogate written as its escape (\\ud800): safe to print, show
    or save (a file name the system could not decode holds such characters, too)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(text) else text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where (file and field) and why.

    `path` is the file (or "<string>" when parsed from text), `field` a JSON-path-like
    location such as ``states[3].capability``, ``settings.offense_dominance``,
    ``(file)`` for the file as a whole, ``(json)`` for a syntax error.
    """

    path: str
    field: str
    reason: str

    def __str__(self) -> str:
        return printable(f"{self.path}: {self.field}: {self.reason}")


class ScenarioError(Exception):
    """A scenario could not be read, validated or written; `problems` says every reason."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid scenario")

    def __reduce__(self):  # keep `problems` when pickled (e.g. sent across processes)
        return (type(self), (self.problems,))
