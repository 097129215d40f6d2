"""The tie rules of engine/dynamics.py, one tie at a time: what moves, and what the log says."""
import numpy as np

from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.dynamics import apply_ties


def tighten_both(desire_a: float, desire_b: float):
    """A and B both tighten their entente (A's pledge 0.4, B's 0.5) with these desires; the
    explanations' verbs and actors as apply_ties writes them."""
    world = make_world([dict(id="A", name="Aland"), dict(id="B", name="Borland")], [("A", "B", "entente", 0.4)])
    world.commitment[1, 0] = 0.5
    said = []

    def explain(kind, i, j, verb, actor=None):
        said.append((kind, world.ids[actor], verb))

    apply_ties(world, np.array([[-1.0, desire_a], [desire_b, -1.0]]), explain)
    return world, said


def test_when_both_sides_move_the_log_speaks_for_the_keener_and_quotes_each_side_as_its_own():
    """"Borland tightens its tie (0.60, Aland's 0.50)": the first number is the actor's pledge,
    the one after a name is that state's. Before, the numbers were written from the pair's
    first state whoever acted, so the log read "Borland tightens its tie (0.50, Borland's 0.60)"."""
    world, said = tighten_both(0.2, 0.3)  # Borland is the keener
    assert world.commitment[0, 1] == 0.5 and world.commitment[1, 0] == 0.6  # both moved by one step
    assert said == [("tighten", "B", "tightens its tie (0.60, Aland's 0.50) with")]
    world, said = tighten_both(0.3, 0.2)  # now Aland is
    assert said == [("tighten", "A", "tightens its tie (0.50, Borland's 0.60) with")]


def test_a_commitment_follows_the_tie_s_worth_not_the_turn_s_misreading(monkeypatch):
    """A tie worth 0.2 to both (ceiling 0.3 + 3 x 0.2 = 0.9) read with this turn's noise: with
    the ceiling from the worth (`dynamics.STEADY_CEILING`), a commitment at 0.9 neither eases
    nor tightens whatever the misreading; ablation: with the ceiling from the misread desire, a
    reading 0.05 low (ceiling 0.75) eases it, and one 0.05 high would tighten it."""
    from alliance_sandbox.engine import dynamics

    def moved(misread: float) -> float:
        world = make_world([dict(id="A"), dict(id="B")], [("A", "B", "alliance", 0.9)])
        worth = np.array([[-1.0, 0.2], [0.2, -1.0]])
        apply_ties(world, worth + misread * (1 - np.eye(2)), lambda *a, **k: None, worth)
        return float(world.commitment[0, 1]) - 0.9

    assert moved(-0.05) == 0.0 and moved(+0.05) == 0.0
    monkeypatch.setattr(dynamics, "STEADY_CEILING", False)
    assert moved(-0.05) < 0.0 and moved(+0.05) > 0.0


def test_a_state_weighs_its_own_tie_by_its_own_desire_before_leaving_it(monkeypatch):
    """A wants its tie with B (0.19) though B hardly does (0.01), and C offers A a new tie worth
    0.15 to both: A adds C and keeps B (`dynamics.OWN_WORTH`). Ablation: weighed by the lesser
    side's desire (0.01), A's tie with B looks worthless and A leaves it for C."""
    from alliance_sandbox.engine import dynamics

    def after(own_worth: bool):
        monkeypatch.setattr(dynamics, "OWN_WORTH", own_worth)
        world = make_world([dict(id="A"), dict(id="B"), dict(id="C")], [("A", "B", "entente", 0.5)])
        desire = np.array([[-1.0, 0.19, 0.2], [0.01, -1.0, -0.5], [0.15, -0.5, -1.0]])
        kinds = []
        apply_ties(world, desire, lambda kind, i, j, verb, actor=None: kinds.append((kind, verb.split()[0])))
        return bool(world.tied()[0, 1]), bool(world.tied()[0, 2]), kinds

    assert after(True)[:2] == (True, True)
    kept_b, with_c, kinds = after(False)
    assert not kept_b and with_c and ("leave", "realigns") in kinds
