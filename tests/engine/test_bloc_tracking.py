"""Blocs followed from turn to turn (engine/bloc_tracking.py) and their place in the run output."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from alliance_sandbox.engine.bloc_tracking import BlocTracker, bloc_name, track
from alliance_sandbox.engine.world import World

ROOT = Path(__file__).resolve().parents[2]


def world(alliances, capability=(9, 8, 7, 6, 5, 4, 3, 2)) -> World:
    """Eight states; `alliances` lists the allied pairs (by letter)."""
    ids = list("ABCDEFGH")
    n = len(ids)
    w = World(ids=ids, names=[f"State {s}" for s in ids], capability=np.array(capability, float),
              lon=np.linspace(0, 30, n), lat=np.full(n, 50.0), offense=np.full(n, 0.5),
              aggression=np.full(n, 0.3), satisfaction=np.zeros(n),
              tie_kind=np.zeros((n, n), np.int8), commitment=np.zeros((n, n)), affinity=np.zeros((n, n)))
    for a, b in alliances:
        w.set_tie(w.index[a], w.index[b], "alliance", 0.8)
    return w


TWO_BLOCS = [("A", "B"), ("A", "C"), ("B", "C"), ("E", "F"), ("E", "G"), ("F", "G")]


def test_a_bloc_keeps_its_id_and_slot_while_it_keeps_most_members():
    start = world(TWO_BLOCS)
    # C leaves the first bloc (2 of 3 stay); the second grows by H; capabilities reorder.
    later = world([("A", "B"), ("E", "F"), ("E", "G"), ("F", "G"), ("G", "H"), ("F", "H"), ("E", "H")],
                  capability=(1, 2, 7, 6, 9, 8, 3, 2))
    first, second = track([start, later])
    by_leader = {b.leader: b for b in first}
    after = {frozenset(b.members): b for b in second}
    ab, efgh = after[frozenset("AB")], after[frozenset("EFGH")]
    assert (ab.id, ab.slot) == (by_leader["A"].id, by_leader["A"].slot)
    assert (efgh.id, efgh.slot) == (by_leader["E"].id, by_leader["E"].slot)
    assert ab.leader == "B" and ab.name == "State B's bloc"  # named after today's strongest


def test_a_bloc_that_loses_most_members_is_a_new_bloc_with_a_new_id():
    start = world(TWO_BLOCS)
    later = world([("A", "D"), ("E", "F"), ("E", "G"), ("F", "G")])  # A's bloc: only A stays
    first, second = track([start, later])
    old_ids = {b.id for b in first}
    ad = next(b for b in second if set(b.members) == {"A", "D"})
    assert ad.id not in old_ids
    assert ad.slot not in {b.slot for b in second if b is not ad}  # no colour shared


def test_the_same_history_gives_the_same_blocs_and_the_tracker_follows_back_and_edits():
    history = [world(TWO_BLOCS), world(TWO_BLOCS[:3]), world(TWO_BLOCS[:3] + [("D", "H"), ("H", "G")])]
    expected = track(history)
    tracker = BlocTracker()
    assert [tracker.at(history, t) for t in range(3)] == expected
    assert tracker.at(history, 1) == expected[1]  # back
    edited = history[:2] + [world(TWO_BLOCS)]  # the last turn replaced by another world
    assert tracker.at(edited, 2) == track(edited)[2]


def test_bloc_names():
    assert bloc_name("Germany") == "Germany's bloc"
    assert bloc_name("United States") == "United States' bloc"


def test_the_run_output_gives_each_bloc_a_stable_id_and_a_name(tmp_path):
    out = tmp_path / "run.json"
    command = [sys.executable, "-m", "alliance_sandbox.cli", "run",
               str(ROOT / "assets" / "scenarios" / "cold-war-1955.json"), "--turns", "6", "--out", str(out)]
    assert subprocess.run(command, capture_output=True, timeout=120).returncode == 0
    turns = json.loads(out.read_text())["turns"]
    for turn in turns:
        details = turn["bloc_details"]
        assert [set(d["members"]) for d in details] == [set(b) for b in turn["blocs"]]
        for d in details:
            assert {"id", "name", "leader", "members"} <= set(d) and d["name"].endswith("bloc")
            for sid in d["members"]:
                assert turn["states"][sid]["bloc_id"] == d["id"]
    # a bloc that keeps more than half of its members keeps its id
    for before, after in zip(turns, turns[1:]):
        for old in before["bloc_details"]:
            for new in after["bloc_details"]:
                if 2 * len(set(old["members"]) & set(new["members"])) > len(old["members"]):
                    if new["id"] != old["id"]:
                        # only in a merger: it continues another bloc it overlaps at least as much
                        other = next(o for o in before["bloc_details"] if o["id"] == new["id"])
                        assert (len(set(other["members"]) & set(new["members"]))
                                >= len(set(old["members"]) & set(new["members"])))
    csv_out = tmp_path / "run.csv"
    command[-1] = str(csv_out)
    assert subprocess.run(command, capture_output=True, timeout=120).returncode == 0
    assert csv_out.read_text().splitlines()[0].endswith(",bloc,bloc_id")
