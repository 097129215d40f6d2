"""What happened in a turn, with the numbers and the theory that explain it."""
from __future__ import annotations

from dataclasses import dataclass, field

#: Every kind of event the engine logs (views style them; tests check none is missing).
EVENT_KINDS: tuple[str, ...] = (
    "form", "tighten", "loosen", "leave", "switch", "arm", "shock", "lens",
    "crisis", "honoured", "coalition", "abandoned", "buck_pass", "entrapped", "chain_gang",
)


def possessive(name: str) -> str:
    """ "Germany's", "the United States'": how a log line or a bloc's name says whose."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


@dataclass(frozen=True)
class Event:
    """One logged happening.

    kind: form, tighten, loosen, leave, upgrade, downgrade, arm, shock, lens, crisis,
    abandoned, entrapped, chain_gang, buck_pass, honoured, coalition, switch (landscape).
    states: the ids involved, the actor first.
    explanation: a sentence with the numbers that drove it and its citation.
    values: the same numbers by name, for scripts.
    """

    kind: str
    states: tuple[str, ...]
    explanation: str
    values: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "states": list(self.states),
            "explanation": self.explanation,
            "values": {k: round(float(v), 6) for k, v in self.values.items()},
        }
