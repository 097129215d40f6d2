"""The errors a scenario file can have: one `Problem` per field, many per `ScenarioError`."""
from __future__ import annotations

from dataclasses import dataclass


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
        return f"{self.path}: {self.field}: {self.reason}"


class ScenarioError(Exception):
    """A scenario could not be read, validated or written; `problems` says every reason."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid scenario")

    def __reduce__(self):  # keep `problems` when pickled (e.g. sent across processes)
        return (type(self), (self.problems,))
