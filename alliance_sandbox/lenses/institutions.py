"""Liberal institutionalism: an alliance is an institution that outlives its first purpose.

What the theory predicts, and so what this lens does (docs/predictions.md):
* An alliance persists after its threat is gone when it has built institutional assets
  (integrated commands, planning staffs, habits of consultation) that still serve its
  members (Keohane 1984; Wallander 2000): the value of keeping a tie is its assets times
  its legitimacy.
* Legitimacy is voluntary membership among states that share values: the affinity of the
  pair (0 when they are estranged), and none at all for a tie held by force. Wallander
  (2000) contrasts NATO's general, adaptable assets with the Warsaw Pact's specific assets
  of Soviet control: once Moscow cannot hold the Pact, nothing institutional is left of it.
* An institution adapts and takes in new members (Wallander 2000; Schimmelfennig 2003): a
  state whose regime has changed to one the members share is drawn to the members'
  institution in proportion to its assets, and the members pay no extra crowding for one
  more member (institutions lower the cost of cooperating, Keohane 1984).
"""
from __future__ import annotations

import numpy as np

from alliance_sandbox.engine.dynamics import CROWDING
from alliance_sandbox.engine.events import Text

from .base import Decision, Lens, arming, balancing_desire, common_threat_reason

#: What a fully built, fully legitimate institution (assets 1.0) adds to the wish to keep a tie.
INSTITUTION_WEIGHT = 0.35
#: What membership of a fully built institution is worth to a legitimate newcomer.
ENLARGEMENT_WEIGHT = 0.5
#: The depth (assets, or shared identity) from which a state's ties make an institution that
#: can take in members: below it, two newcomers are not an institution for each other.
MEMBER_DEPTH = 0.2


def legitimacy(world) -> np.ndarray:
    """[i, j] = max(0, affinity) for a voluntary tie, 0 for one held by force.

    Why affinity: an institution lasts among members who share its purpose and values
    (Wallander 2000; Risse-Kappen 1996); imposed on unwilling members it is brittle.
    """
    return np.clip(world.affinity, 0.0, 1.0) * (world.held_by < 0)


def depth_of(world, bond: np.ndarray) -> np.ndarray:
    """(n,) the deepest bond (assets, or shared identity) of each state's voluntary ties:
    what its institution or community can offer a newcomer."""
    held = np.where(world.tied() & (world.held_by < 0), bond, 0.0)
    return held.max(axis=1) if world.n else np.zeros(0)


def enlargement(world, depth: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
    """([i, j] the pull between a new regime and a member of an institution, [i, j] the crowding waived).

    A state whose regime changed by a shock is drawn to j by weight x j's depth x their
    shared values (max(0, affinity)), and j welcomes it as much: on a tie they already have
    too, so the newcomer stays while the tie builds its own assets. For a new tie the member
    pays no extra crowding for one more member (institutions lower the cost of cooperating,
    Keohane 1984): the second array gives that back, untied pairs only.
    """
    newcomer = world.regime_changed >= 0
    shared = np.clip(world.affinity, 0.0, 1.0)
    pull = np.where(newcomer[:, None], weight * depth[None, :] * shared, 0.0)
    member = newcomer[None, :] & (depth[:, None] >= MEMBER_DEPTH)
    welcome = np.where(member, weight * depth[:, None] * shared, 0.0)
    waived = np.where(member & ~world.tied(), CROWDING * world.tied().sum(axis=1)[:, None], 0.0)
    out = pull + welcome
    np.fill_diagonal(out, 0.0)
    np.fill_diagonal(waived, 0.0)
    return out, waived


def bond_reason(world, decision, i, j, bond_name: str, bond: float) -> Text:
    """What the tie's assets (or identity) and the pull on a newcomer add, as the decision computed them."""
    parts = decision.parts
    holder = world.names[int(world.held_by[i, j])] if world.held_by[i, j] >= 0 else None
    pull = parts["pull"][i, j]
    newcomer = (i if world.regime_changed[i] >= 0 else j) if pull > 0 else None
    return Text(_bond_text, holder, parts["keep"][i, j], bond_name, bond, world.affinity[i, j], pull,
                None if newcomer is None else world.names[newcomer],
                None if newcomer is None else world.regimes[newcomer], parts["waived"][i, j])


def _bond_text(holder: str | None, keep: float, bond_name: str, bond: float, affinity: float, pull: float,
               newcomer: str | None, regime: str | None, waived: float) -> str:
    text = ""
    if holder is not None:
        text += f"; a tie held by {holder}'s force has no legitimacy"
    elif keep > 0:
        text += (f"; {bond_name} {bond:.2f} x legitimacy {max(0.0, min(1.0, float(affinity))):.2f} "
                 f"add {keep:+.2f}")
    if pull > 0:
        text += f"; {newcomer}, a new {regime}, is drawn in: {pull:+.2f}"
    if waived > 0:
        text += f" (one more member costs no crowding: {waived:+.2f})"
    return text


class InstitutionsLens(Lens):
    id = "institutions"
    name = "Liberal institutionalism"
    claim = (
        "An alliance is an institution: it persists, adapts to a new environment and takes on "
        "new missions and members, thanks to the institutional assets it built."
    )
    citation = "Keohane (1984); Wallander (2000), Institutional Assets and Adaptability: NATO after the Cold War"
    rule = (
        "desire = realist balancing (as balance of threat) + 0.35 x institutional assets x "
        "legitimacy, legitimacy = max(0, affinity) for a voluntary tie and 0 for one held by force; "
        "assets grow while a tie lasts (+5% x commitment a turn) and stay after the threat. A state "
        "whose regime changed is drawn to a member's institution (+0.5 x its assets x affinity) and "
        "the members pay no crowding for it."
    )

    def decide(self, world, seen):
        threat = self.threat(world, seen)
        keep = INSTITUTION_WEIGHT * world.institution * legitimacy(world) * world.tied()
        pull, waived = enlargement(world, depth_of(world, world.institution), ENLARGEMENT_WEIGHT)
        extra = keep + pull + waived
        parts = {"keep": keep, "pull": pull, "waived": waived}
        desire = balancing_desire(world, seen, threat, parts=parts) + extra
        return Decision(threat, desire, arming(world, seen, threat), extra, parts=parts)

    def reason(self, world, seen, decision, i, j):
        return common_threat_reason(world, seen, decision, i, j) + bond_reason(
            world, decision, i, j, "institutional assets", world.institution[i, j])
