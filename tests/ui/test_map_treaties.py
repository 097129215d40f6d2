"""Treaty hubs never lie: on every bundled scenario, under every lens, at turns 0 and 10, every
two members of a drawn hub are tied with the hub's kind, and every tie is drawn (as its own
line or inside a hub of its kind). Also the clique cover itself on small hand-made graphs."""
import itertools
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from alliance_sandbox.engine.simulation import Simulation
from alliance_sandbox.lenses import LENS_IDS, get_lens
from alliance_sandbox.scenario import load_scenario
from alliance_sandbox.scenario.convert import build_world
from alliance_sandbox.ui.map_items import TIE_KIND_NAMES
from alliance_sandbox.ui.map_treaties import MIN_TREATY, cover_by_cliques
from alliance_sandbox.ui.map_view import MapView
from alliance_sandbox.ui.palette import COMMITMENT_WIDTH_FACTORS

#: A world with this many ties, held mostly in treaties (a clique of one kind of at least
#: BLOC members), draws at most half as many strokes (lines and spokes).
DENSE = 100
#: What makes a dense web a treaty bloc: NATO in 1955 is a clique of 15 (105 pairs). A web as
#: dense with no clique this large (NATO half dissolved under the autonomy lens after 1991: 100
#: ties of two kinds, no clique of one kind above 6) cannot be drawn as hubs without drawing
#: ties that do not exist (map_treaties' one rule), so it is drawn pair by pair, honestly.
BLOC = 10
SCENARIOS = sorted((Path(__file__).parents[2] / "assets" / "scenarios").glob("*.json"))


def drawn_lines(view) -> list[tuple[int, int, str]]:
    """The ties drawn as lines (ends i, j; a hub is n + k) with the kind each is drawn as."""
    codes = view.ties.key_index // len(COMMITMENT_WIDTH_FACTORS) + 1
    return [(int(i), int(j), TIE_KIND_NAMES[int(c) - 1])
            for i, j, c in zip(view.ties.ti, view.ties.tj, codes)]


def check_honest(view, world) -> int:
    """Asserts the map draws the world's ties and no other; returns the hubs drawn."""
    n = world.n
    hubs = view.treaties()
    kinds = view.treaty_kinds()
    hub_pairs = {}
    for members, kind in zip(hubs, kinds):
        assert len(members) >= MIN_TREATY
        for a, b in itertools.combinations(members, 2):
            i, j = world.index[a], world.index[b]
            tie = int(world.tie_kind[i, j])
            assert tie and TIE_KIND_NAMES[tie - 1] == kind, (a, b, kind, members)
            hub_pairs[(min(i, j), max(i, j))] = kind
    lines = drawn_lines(view)
    for i, j, kind in lines:
        if j >= n:  # a spoke: from a member of hub j - n, in the hub's kind
            assert view._ids[i] in hubs[j - n] and kind == kinds[j - n]
        else:
            tie = int(world.tie_kind[i, j])
            assert tie and TIE_KIND_NAMES[tie - 1] == kind, (world.ids[i], world.ids[j])
    direct = {(min(i, j), max(i, j)) for i, j, _ in lines if j < n}
    pinned = view._pinned_mask()  # both ends off a regional view: left out of it
    rows, cols = np.nonzero(np.triu(world.tie_kind != 0, 1))
    for i, j in zip(rows.tolist(), cols.tolist()):
        assert (i, j) in direct or (i, j) in hub_pairs or (pinned[i] and pinned[j]), \
            (world.ids[i], world.ids[j])
    return len(hubs)


def largest_clique(world) -> int:
    """The most states all tied to each other with one kind of tie."""
    import networkx as nx

    best = 0
    for kind in set(world.tie_kind[world.tie_kind != 0].tolist()):
        graph = nx.Graph()
        graph.add_edges_from(zip(*np.nonzero(np.triu(world.tie_kind == kind, 1))))
        best = max([best] + [len(c) for c in nx.find_cliques(graph)])
    return best


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_hub_member_pair_is_tied_with_the_hubs_kind(qtbot, path):
    scenario = load_scenario(path)
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.set_presentation(True)
    view.show()
    qtbot.waitExposed(view)
    for lens_id in LENS_IDS:
        sim = Simulation(build_world(scenario), get_lens(lens_id), seed=scenario.seed,
                         shocks=scenario.shocks)
        for turns in (0, 10):
            sim.run(turns)
            world = sim.history[-1].world
            view.set_world(world)
            view.fit_all()
            QApplication.processEvents()
            check_honest(view, world)
            ties = int(np.count_nonzero(np.triu(world.tie_kind != 0, 1)))
            if ties >= DENSE and largest_clique(world) >= BLOC:  # NATO after enlargement: not pair by pair
                assert len(view.ties.ti) <= ties / 2, (lens_id, turns, ties, len(view.ties.ti))


def test_overlapping_cliques_each_get_a_hub_and_no_pair_outside_is_implied():
    # A core of 6 all allied; G and T each allied with the whole core and with P, but G and T
    # are not allied (as Greece and Turkey after NATO's enlargement): no hub may hold both.
    core = list(range(6))
    g, t, p = 6, 7, 8
    edges = {(a, b) for a, b in itertools.combinations(core, 2)}
    edges |= {(a, x) for a in core for x in (g, t, p)}
    edges |= {(g, p), (t, p)}
    hubs = cover_by_cliques(sorted(edges))
    assert hubs, "a dense web is drawn with hubs"
    for members in hubs:
        for a, b in itertools.combinations(members, 2):
            assert (a, b) in edges
    assert not any(g in m and t in m for m in hubs)
    covered = {pair for m in hubs for pair in itertools.combinations(m, 2)}
    assert len(edges - covered) < len(edges) // 4  # most lines become spokes


def test_a_sparse_web_gets_no_hub():
    ring = [(k, k + 1) for k in range(9)] + [(0, 9)]
    assert cover_by_cliques(ring) == []
