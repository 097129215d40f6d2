"""C8: the autonomy-security trade-off (Morrow 1991): in an asymmetric alliance the minor
partner gains security and gives up autonomy, the major partner gains autonomy and pays for
the security it provides; equal partners both gain security and trade no autonomy."""
import numpy as np
import pytest
from test_claims import rising_power_world

from alliance_sandbox.engine import risk
from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.perception import perceive
from alliance_sandbox.engine.risk import alliance_risks
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens

pytestmark = pytest.mark.claims


def pair(major, minor, commitment=0.8):
    world = make_world([dict(id="MAJ", capability=major, lon=0, lat=50),
                        dict(id="MIN", capability=minor, lon=10, lat=50)],
                       [("MAJ", "MIN", "alliance", commitment)])
    seen = perceive(world)
    r = alliance_risks(world, seen, seen.walt_threat)
    return {sid: (r.security[i], r.autonomy[i]) for i, sid in enumerate(world.ids)}


def test_c8_minor_partner_trades_autonomy_for_security_and_the_major_pays_for_it():
    r = pair(40, 10)
    minor_security, minor_autonomy = r["MIN"]
    major_security, major_autonomy = r["MAJ"]
    assert minor_security > 0 > minor_autonomy
    assert major_autonomy > 0 > major_security


def test_c8_a_symmetric_alliance_gives_both_security_and_changes_no_autonomy():
    r = pair(20, 20)
    for security, autonomy in r.values():
        assert security > 0
        assert autonomy == pytest.approx(0.0, abs=1e-12)


def test_c8_without_the_provision_cost_the_major_partner_no_longer_pays(monkeypatch):
    monkeypatch.setattr(risk, "PROVISION", 0.0)
    major_security, major_autonomy = pair(40, 10)["MAJ"]
    assert major_security > 0 and major_autonomy > 0


def test_c8_no_tie_no_trade():
    world = make_world([dict(id="A", capability=40), dict(id="B", capability=10)])
    seen = perceive(world)
    r = alliance_risks(world, seen, seen.walt_threat)
    assert np.all(r.security == 0) and np.all(r.autonomy == 0)


@pytest.mark.parametrize("seed", range(5))
def test_c8_asymmetric_alliances_form_under_the_autonomy_security_lens(seed):
    sim = Simulation(rising_power_world(), get_lens("autonomy_security"), seed=seed)
    world = sim.run(8)[-1].world
    tied = world.tied()
    great, small = {"B", "C"}, {"D", "E"}
    assert any(tied[world.index[s], world.index[g]] for s in small for g in great)
