"""What happened in a turn, with the numbers and the theory that explain it.

Why explanations are written lazily: a 200-state turn logs hundreds of tie events, and
writing each sentence (a dozen numbers formatted) cost more than the decisions. Most are
never read (sweeps, scoring, a run stepped past). So an event keeps its explanation as a
`Text`: a writer function and the numbers it quotes, taken at the moment of the decision
(the world changes within the turn, so the numbers cannot be looked up later), and the
sentence is written the first time someone reads `Event.explanation`, then kept.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Every kind of event the engine logs (views style them; tests check none is missing).
EVENT_KINDS: tuple[str, ...] = (
    "form", "tighten", "loosen", "leave", "switch", "arm", "shock", "lens",
    "crisis", "honoured", "coalition", "abandoned", "buck_pass", "entrapped", "chain_gang",
)


def possessive(name: str) -> str:
    """ "Germany's", "the United States'": how a log line or a bloc's name says whose."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


class Text:
    """A sentence not written yet: `write(*args)` returns it; `str(text)` writes it.

    args are the quoted values themselves (numbers as numpy or Python scalars, names,
    other Texts), never arrays the engine may change later. Texts join with `+` (and with
    a plain str on either side) without being written.
    """

    __slots__ = ("write", "args")

    def __init__(self, write: Callable[..., str], *args: Any):
        self.write = write
        self.args = args

    def __str__(self) -> str:
        return self.write(*self.args)

    def __add__(self, other: str | Text) -> Text:
        return Text(_join, self, other)

    def __radd__(self, other: str) -> Text:
        return Text(_join, other, self)

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"


def _join(*pieces: str | Text) -> str:
    return "".join(str(p) for p in pieces)


def written(text: str | Text) -> str:
    """The sentence itself, whether it was given written or not."""
    return text if isinstance(text, str) else str(text)


class Event:
    """One logged happening.

    kind: form, tighten, loosen, leave, upgrade, downgrade, arm, shock, lens, crisis,
    abandoned, entrapped, chain_gang, buck_pass, honoured, coalition, switch (landscape).
    states: the ids involved, the actor first.
    explanation: a sentence with the numbers that drove it and its citation (given as a
    str or a `Text`; written when first read).
    values: the headline numbers by name, for scripts.
    """

    __slots__ = ("kind", "states", "_text", "values")

    def __init__(self, kind: str, states: tuple[str, ...], explanation: str | Text, values: dict | None = None):
        self.kind = kind
        self.states = states
        self._text = explanation
        self.values = {} if values is None else values

    @property
    def explanation(self) -> str:
        text = self._text
        if not isinstance(text, str):
            text = self._text = str(text)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return (self.kind, self.states, self.explanation, self.values) == (
            other.kind, other.states, other.explanation, other.values)

    def __hash__(self) -> int:
        return hash((self.kind, self.states, self.explanation))

    def __repr__(self) -> str:
        return f"Event({self.kind!r}, {self.states!r}, {self.explanation!r}, {self.values!r})"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "states": list(self.states),
            "explanation": self.explanation,
            "values": {k: round(float(v), 6) for k, v in self.values.items()},
        }
