"""The theory lenses: one theory per module, one registry.

A lens decides; the engine applies. Ids are stable: scenario files and the app use them.
One name per lens: the module is `lenses/<id>.py` and the class `<Id>Lens` (the id in
CamelCase); the theory's own name, for people, is the class's `name`.
"""
from __future__ import annotations

from .autonomy_security import AutonomySecurityLens
from .base import Decision, Lens
from .identity import IdentityLens
from .institutions import InstitutionsLens
from .interest import InterestLens
from .landscape import LandscapeLens
from .power import PowerLens
from .security_dilemma import SecurityDilemmaLens
from .threat import ThreatLens

#: Lens id -> class, in the order of the app's switcher (its keys 1, 2, ... follow this order).
LENSES: dict[str, type[Lens]] = {
    cls.id: cls
    for cls in (
        PowerLens,
        ThreatLens,
        InterestLens,
        SecurityDilemmaLens,
        AutonomySecurityLens,
        InstitutionsLens,
        IdentityLens,
        LandscapeLens,
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
