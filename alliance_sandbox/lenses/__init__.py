"""The theory lenses: one theory per module, one registry.

A lens decides; the engine applies. Ids are stable: scenario files and the app use them.
"""
from __future__ import annotations

from .autonomy_security import AutonomySecurity
from .base import Decision, Lens
from .identity import Constructivism
from .institutions import Institutionalism
from .interest import BalanceOfInterests
from .landscape import Landscape
from .power import BalanceOfPower
from .security_dilemma import AllianceSecurityDilemma
from .threat import BalanceOfThreat

#: Lens id -> class, in the order of the app's switcher (keys 1 to 8).
LENSES: dict[str, type[Lens]] = {
    cls.id: cls
    for cls in (
        BalanceOfPower,
        BalanceOfThreat,
        BalanceOfInterests,
        AllianceSecurityDilemma,
        AutonomySecurity,
        Institutionalism,
        Constructivism,
        Landscape,
    )
}
LENS_IDS: tuple[str, ...] = tuple(LENSES)


def get_lens(lens_id: str) -> Lens:
    """A new lens object for an id; KeyError names the known ids."""
    try:
        return LENSES[lens_id]()
    except KeyError:
        raise KeyError(f"unknown lens {lens_id!r}; known: {', '.join(LENS_IDS)}") from None


__all__ = ["Decision", "Lens", "LENSES", "LENS_IDS", "get_lens"]
