"""Agreement scores on tiny hand-made worlds: the expected numbers are worked out by hand
(the metrics are arithmetic; no engine behaviour is assumed except where a test runs it)."""
from __future__ import annotations

import math

import pytest

from alliance_sandbox.engine.demo import make_world
from alliance_sandbox.engine.scoring import (
    Comparison,
    HistoryDate,
    agreement,
    compare,
    dyad_same_bloc,
    dyad_ties,
    headline,
    score_lens,
    world_with_ties,
)
from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import get_lens

FOUR = [{"id": s, "capability": 1.0} for s in "ABCD"]


def test_kappa_s_and_balanced_accuracy_by_hand():
    # dyads AB AC AD BC BD CD; simulated AB, CD; actual AB, AC
    got = agreement([1, 0, 0, 0, 0, 1], [1, 1, 0, 0, 0, 0])
    assert (got.both, got.only_simulated, got.only_actual, got.neither) == (1, 1, 1, 3)
    # p_o = 4/6, p_e = (2*2 + 4*4)/36 = 5/9, kappa = (2/3 - 5/9) / (4/9) = 1/4
    assert got.kappa == pytest.approx(0.25)
    # S = 1 - 2 * 2/6
    assert got.s == pytest.approx(1 / 3)
    # (1/2 of the actual ties found + 3/4 of the actual non-ties kept) / 2
    assert got.balanced_accuracy == pytest.approx(0.625)


def test_perfect_and_opposite_agreement():
    same = agreement([1, 0, 1, 0], [1, 0, 1, 0])
    assert (same.kappa, same.s, same.balanced_accuracy) == (1.0, 1.0, 1.0)
    opposite = agreement([0, 1, 0, 1], [1, 0, 1, 0])
    assert (opposite.kappa, opposite.s, opposite.balanced_accuracy) == (-1.0, -1.0, 0.0)
    assert headline(opposite.kappa) == 0.0


def test_nobody_tied_is_not_credited_by_kappa():
    # 1 actual tie among 10 dyads; the simulation has none: 90% raw agreement, kappa 0
    got = agreement([0] * 10, [1] + [0] * 9)
    assert got.s == pytest.approx(1 - 2 * 1 / 10)
    assert got.kappa == pytest.approx(0.0)
    assert got.balanced_accuracy == pytest.approx(0.5)  # (0/1 + 9/9) / 2


def test_degenerate_vectors():
    assert agreement([0, 0, 0], [0, 0, 0]).kappa == 1.0  # both constant and equal
    assert agreement([], []).kappa == 1.0
    with pytest.raises(ValueError):
        agreement([1, 0], [1])


def test_dyads_are_the_upper_triangle_in_row_order():
    world = make_world(FOUR, ties=[("A", "B", "alliance", 0.8), ("C", "D", "entente", 0.4)])
    assert dyad_ties(world).tolist() == [True, False, False, False, False, True]


def test_history_blocs_follow_the_world_rule():
    world = make_world(FOUR)
    actual = world_with_ties(world, [("A", "B", "alliance"), ("C", "D", "alliance")])
    assert dyad_same_bloc(actual).tolist() == [True, False, False, False, False, True]
    # an entente is too loose for a bloc, as in World.blocs()
    loose = world_with_ties(world, [("A", "B", "entente")])
    assert not dyad_same_bloc(loose).any()
    assert dyad_ties(loose).tolist() == [True, False, False, False, False, False]
    with pytest.raises(ValueError, match="'Z'"):
        world_with_ties(world, [("A", "Z", "alliance")])


def test_compare_by_hand():
    # simulated: blocs {A,B} and {C,D}; history: alliances A-B and A-C
    world = make_world(FOUR, ties=[("A", "B", "alliance", 0.75), ("C", "D", "alliance", 0.75)])
    got = compare(world, 1915, [("A", "B", "alliance"), ("A", "C", "alliance")])
    assert got.ties.kappa == pytest.approx(0.25)
    # history's blocs: the star A-B, A-C is one community {A, B, C} (modularity 0.5 at
    # resolution 0.5 against 0.1875 split); same-bloc dyads AB AC BC against AB CD:
    # counts 1, 1, 2, 2 -> p_o = 1/2, p_e = (2*3 + 4*3)/36 = 1/2, kappa 0
    assert dyad_same_bloc(world_with_ties(world, [("A", "B", "alliance"), ("A", "C", "alliance")])).tolist() == [
        True, True, False, True, False, False]
    assert got.blocs.kappa == pytest.approx(0.0)
    assert got.blocs.s == pytest.approx(0.0)
    assert got.score == pytest.approx((0.25 + 0.0) / 2)


def test_comparison_score_clips_each_measure_at_zero():
    bad = agreement([0, 1], [1, 0])
    good = agreement([1, 0], [1, 0])
    assert Comparison(2000, ties=bad, blocs=good).score == pytest.approx(0.5)


def test_score_lens_at_the_start_year_compares_turn_zero():
    ties = [("A", "B", "alliance", 0.75)]
    world = make_world(FOUR, ties=ties, start_year=1900)
    lens = get_lens("threat")
    result = score_lens(world, lens, [HistoryDate(1900, (("A", "B", "alliance"),))], seeds=[0, 1])
    assert result.score == 1.0
    assert [c.year for c in result.comparisons[1900]] == [1900, 1900]


def test_score_lens_runs_each_seed_to_each_year():
    world = make_world(FOUR, ties=[("A", "B", "alliance", 0.75)], start_year=1900)
    lens = get_lens("power")
    dates = [HistoryDate(1903, (("A", "B", "alliance"),)), HistoryDate(1905, (("C", "D", "alliance"),))]
    result = score_lens(world, lens, dates, seeds=[3, 4])
    expected = []
    for year, hist in ((1903, dates[0].ties), (1905, dates[1].ties)):
        for seed in (3, 4):
            sim = Simulation(world, lens, seed=seed)
            sim.run(year - 1900)
            expected.append(compare(sim.world, year, hist).score)
    assert result.year_score(1903) == pytest.approx((expected[0] + expected[1]) / 2)
    assert result.year_score(1905) == pytest.approx((expected[2] + expected[3]) / 2)
    assert result.score == pytest.approx(sum(expected) / 4)
    out = result.to_dict()
    assert [d["year"] for d in out["by_year"]] == [1903, 1905]
    assert out["seeds"] == 2 and not math.isnan(out["kappa_ties"])


def test_score_lens_refuses_dates_before_the_start():
    world = make_world(FOUR, start_year=1900)
    with pytest.raises(ValueError, match="before the start year"):
        score_lens(world, get_lens("threat"), [HistoryDate(1899, ())], seeds=[0])
