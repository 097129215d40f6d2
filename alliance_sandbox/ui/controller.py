"""The thin Qt layer over the engine: engine calls in, Qt signals out (napari's habit).

Views never change the simulation themselves: they call a controller method, the
controller changes the model (through the undo stack for edits) and emits `changed`,
and every view redraws itself from `controller.record`. Views never hold the `Simulation`
either: they read the run through the accessors under "what views show" (`history`,
`latest_turn`, `first_world`, `active_lens`, `run_seed`...), so the controller alone decides
how a run is kept (`tests/ui/test_views_use_the_controller.py` checks it).

Undo covers the edits made at the current turn (drags, inspector values, ties); each is
one snapshot-to-snapshot command, so undo restores exactly what was there. Step, Back and
Reset move along the history instead, and clear the undo stack.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from alliance_sandbox.branches import fork
from alliance_sandbox.engine.bloc_tracking import BlocTracker
from alliance_sandbox.engine.decision import Lens
from alliance_sandbox.engine.simulation import Simulation, TurnRecord
from alliance_sandbox.engine.world import Shock, World
from alliance_sandbox.lenses import LENSES, get_lens
from alliance_sandbox.scenario import Scenario, build_world, scenario_from_world


class WorldEdit(QUndoCommand):
    """Replace the current world by an edited copy; undo puts the old one back.

    `merge_key` lets consecutive edits of the same thing (a slider being dragged) merge
    into one undo step.
    """

    def __init__(self, controller: Controller, before: World, after: World, text: str, merge_key=None):
        super().__init__(text)
        self.controller, self.before, self.after, self.merge_key = controller, before, after, merge_key

    def id(self) -> int:
        return 1 if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, WorldEdit) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.controller._put_world(self.after)

    def undo(self) -> None:
        self.controller._put_world(self.before)


class Controller(QObject):
    #: the shown record changed (a step, back, reset, edit, load or lens switch)
    changed = Signal()
    #: the selected state id ("" for none)
    selectionChanged = Signal(str)
    #: the history grew or shrank (charts and the timeline follow)
    historyChanged = Signal()
    #: a new scenario was loaded (views rebuild)
    scenarioLoaded = Signal()
    #: ids to highlight on the map (from the log)
    highlightRequested = Signal(list)
    #: the seed of the next run from turn 0 changed (set_seed)
    seedChanged = Signal(int)

    def __init__(self, scenario: Scenario, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.selected = ""
        self.view_turn = 0
        self._bloc_tracker = BlocTracker()
        self._highlighted: list = []
        self._later_edits: set[int] = set()  # turns (> 0) edited since the last load or save
        self.load(scenario)

    # --- scenario ----------------------------------------------------------------------
    def load(self, scenario: Scenario) -> None:
        self.scenario = scenario
        lens = get_lens(scenario.lens if scenario.lens in LENSES else "threat")
        self._sim = Simulation(build_world(scenario), lens, seed=scenario.seed, shocks=scenario.shocks)
        self.view_turn = 0
        self.selected = ""
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._later_edits.clear()
        if self._highlighted:
            self.highlight([])
        self.scenarioLoaded.emit()
        self.historyChanged.emit()
        self.selectionChanged.emit("")
        self.changed.emit()

    def use_simulation(self, sim: Simulation) -> None:
        """Show another run of the same scenario (a branch), at its latest turn."""
        self._sim = sim
        self.view_turn = len(sim.history) - 1
        self.undo_stack.clear()
        self.historyChanged.emit()
        self.changed.emit()

    def restore(self, scenario: Scenario, first: World | None, turn_lenses: list[Lens], next_lens: Lens,
                last: World | None, rng_state: dict | None, view_turn: int) -> None:
        """Load `scenario` and replay a saved session onto it (ui/autosave.py): turn 0's edited
        world (`first`), one step under each of `turn_lenses`, the next step's lens, then the
        latest turn's world and random state as they were (`last`, `rng_state`). A world whose
        states or turn do not match (another engine version) is skipped: the replay still holds."""
        self.load(scenario)
        sim = self._sim
        if first is not None and first.ids == sim.world.ids:
            sim.replace_world(first)
        # the replay costs what playing did (about 1.5 ms a turn at 32 states): 1,000 turns in 1.5 s
        for lens in turn_lenses:
            sim.set_lens(lens)
            sim.step()
        sim.set_lens(next_lens)
        if last is not None and last.ids == sim.world.ids and last.turn == sim.world.turn:
            sim.replace_world(last)
            if isinstance(rng_state, dict):
                sim.rng.bit_generator.state = rng_state
                sim.history[-1].rng_state = sim.rng.bit_generator.state
        self.view_turn = max(0, min(view_turn, len(sim.history) - 1))
        self.historyChanged.emit()
        self.changed.emit()

    def current_scenario(self, turn: int = 0) -> Scenario:
        """The scenario to save: by default turn 0 with its edits (what File > Save writes);
        another turn gives that turn's world as a new starting point."""
        record = self._sim.history[turn]
        # the lens chosen for the turn after: a switch before the first step is saved too
        following = self._sim.history[turn + 1].lens if turn + 1 < len(self._sim.history) else self._sim.lens
        scenario = scenario_from_world(record.world, template=self.scenario, lens=following.id)
        if record.turn > 0:  # a later turn as a new turn 0: its year, and only the shocks still to come
            if scenario.start_year is not None:
                scenario.start_year += record.turn
            scenario.shocks = [dataclasses.replace(s, turn=s.turn - record.turn)
                               for s in scenario.shocks if s.turn > record.turn]
            scenario.questions = [dataclasses.replace(q, turn=q.turn - record.turn)
                                  for q in scenario.questions if q.turn > record.turn]
        return scenario

    def set_seed(self, seed: int) -> None:
        """The random seed of runs from turn 0: the next Reset (or a step from turn 0) uses it,
        and Save writes it. The turns already run keep the seed they were run with, so the
        history on screen never changes under the user's eyes."""
        seed = int(seed)
        if seed == self.scenario.seed and seed == self._sim.seed:
            return
        self.scenario = dataclasses.replace(self.scenario, seed=seed)
        sim = self._sim
        sim.seed = seed
        start = np.random.default_rng(seed).bit_generator.state  # as Simulation starts
        sim.history[0].rng_state = start
        if len(sim.history) == 1:  # still at turn 0: the next step draws from the new seed
            sim.rng.bit_generator.state = start
        self.seedChanged.emit(seed)

    def mark_saved(self, scenario: Scenario) -> None:
        """`scenario` (turn 0 as it is now) was written to `scenario.path`: it becomes the
        open scenario (Save writes there next time) and the edits so far count as saved."""
        self.scenario = scenario
        self.undo_stack.setClean()
        self._later_edits.clear()

    def has_later_edits(self) -> bool:
        """Edits made at a turn after 0 that are still in the history: stepping clears the undo
        stack and Save writes turn 0, so without this they would be lost without a word."""
        latest = len(self._sim.history) - 1
        return any(turn <= latest for turn in self._later_edits)

    # --- what views show -------------------------------------------------------------------
    @property
    def record(self) -> TurnRecord:
        """The turn on view."""
        return self._sim.history[self.view_turn]

    @property
    def history(self) -> Sequence[TurnRecord]:
        """Every turn of the run shown, from turn 0 (read it, never change it: the clock and the
        edits above do that)."""
        return self._sim.history

    @property
    def latest_turn(self) -> int:
        """The index of the run's newest turn (0 before the first step)."""
        return len(self._sim.history) - 1

    @property
    def has_run(self) -> bool:
        """True once there is a turn after turn 0 (charts, Reset and the autosave care)."""
        return len(self._sim.history) > 1

    @property
    def first_world(self) -> World:
        """Turn 0's world, with its edits: the states' ids, names and order for the whole run."""
        return self._sim.history[0].world

    @property
    def lens(self) -> Lens:
        """The lens the run's next step uses (the latest turn's switcher)."""
        return self._sim.lens

    @property
    def active_lens(self) -> Lens:
        """The lens a step from the turn on view would use: the switcher's at the latest turn,
        that turn's own lens back in the history (a step there continues with it)."""
        return self._sim.lens if self.at_latest else self.record.lens

    @property
    def run_seed(self) -> int:
        """The seed the run shown was started from (the scenario's seed may since have changed)."""
        return self._sim.seed

    @property
    def shocks(self) -> list[Shock]:
        """The scripted shocks of the run shown."""
        return self._sim.shocks

    @property
    def run(self) -> Simulation:
        """The run shown, as a handle: for keeping it aside (Branches) and giving it back to
        `use_simulation`. Views read a run through the accessors above, never through this."""
        return self._sim

    def fork(self, turn: int) -> Simulation:
        """An independent copy of the run shown as it stood at `turn` (a "what if?" branch)."""
        return fork(self._sim, turn)

    def tracked_blocs(self, turn: int | None = None) -> list:
        """The blocs of a turn (the one on view by default), followed from turn 0
        (engine.bloc_tracking): the same history always gives the same ids and colours."""
        turn = self.view_turn if turn is None else turn
        return self._bloc_tracker.at([r.world for r in self._sim.history], turn)

    @property
    def at_latest(self) -> bool:
        return self.view_turn == len(self._sim.history) - 1

    def view(self, turn: int) -> None:
        turn = max(0, min(turn, len(self._sim.history) - 1))
        if turn != self.view_turn:
            self.view_turn = turn
            self.changed.emit()

    def select(self, state_id: str) -> None:
        if state_id != self.selected:
            self.selected = state_id
            if self._highlighted and state_id not in self._highlighted:
                self.highlight([])  # another state chosen: the log entry's marks are stale
            self.selectionChanged.emit(state_id)

    def highlight(self, ids: list) -> None:
        self._highlighted = list(ids)
        self.highlightRequested.emit(list(ids))

    # --- the clock -------------------------------------------------------------------------
    def step(self, turns: int = 1) -> None:
        self.continue_from_view()
        self._sim.run(turns)
        self._moved_in_time()

    def back(self) -> None:
        self.continue_from_view()
        if self._sim.back():
            self._moved_in_time()

    def reset(self) -> None:
        self._sim.reset()
        if self._highlighted:
            self.highlight([])
        self._moved_in_time()

    def continue_from_view(self) -> None:
        """Drop the turns after the one on view, so play continues from what is shown."""
        dropped = False
        while len(self._sim.history) - 1 > self.view_turn:
            self._sim.back()
            dropped = True
        if dropped:  # the timeline and the charts must shrink too (an edit does not emit it)
            self.historyChanged.emit()

    def set_lens(self, lens_id: str) -> None:
        # Back in the history, the next step continues from the turn on view with that turn's
        # lens (Simulation.back restores it): truncate first, or the switch would be lost.
        if not self.at_latest:
            if lens_id == self.record.lens.id:
                return  # that turn's lens already: nothing to change
            self.continue_from_view()
        if lens_id != self._sim.lens.id:
            self._sim.set_lens(get_lens(lens_id))
            self.changed.emit()

    def _moved_in_time(self) -> None:
        self.view_turn = len(self._sim.history) - 1
        self.undo_stack.clear()
        self.historyChanged.emit()
        self.changed.emit()

    # --- edits (undoable) ---------------------------------------------------------------------
    def edit_state(self, state_id: str, merge: bool = False, **fields: float) -> None:
        """Change fields of one state; `merge` folds a run of the same edit into one undo step."""
        self.continue_from_view()
        before = self._sim.world.copy()
        i = before.index[state_id]
        self._sim.set_state(i, **fields)
        after = self._sim.world.copy()
        name = before.names[i]
        text = f"Change {', '.join(fields)} of {name}" if set(fields) - {"lon", "lat"} else f"Move {name}"
        key = (state_id, tuple(sorted(fields))) if merge else None
        self._push(before, after, text, key)

    def add_tie(self, a: str, b: str, kind: str = "alliance", commitment: float | None = None) -> None:
        from alliance_sandbox.engine.world import DEFAULT_COMMITMENT

        self.continue_from_view()
        before = self._sim.world.copy()
        i, j = before.index[a], before.index[b]
        self._sim.set_tie(i, j, kind, DEFAULT_COMMITMENT[kind] if commitment is None else commitment)
        self._push(before, self._sim.world.copy(), f"Add {kind} {before.names[i]} - {before.names[j]}")

    def set_commitment(self, a: str, b: str, commitment: float, merge: bool = False) -> None:
        """a's own commitment to its partner b; b's to a stays b's (each side sets its own)."""
        self.continue_from_view()
        before = self._sim.world.copy()
        i, j = before.index[a], before.index[b]
        if i == j or before.tie_kind[i, j] == 0:
            return  # no tie to change
        self._sim.set_commitment(i, j, commitment)
        key = ("commitment", a, b) if merge else None
        self._push(before, self._sim.world.copy(), f"Commitment of {before.names[i]} to {before.names[j]}", key)

    def remove_tie(self, a: str, b: str) -> None:
        self.continue_from_view()
        before = self._sim.world.copy()
        i, j = before.index[a], before.index[b]
        self._sim.remove_tie(i, j)
        self._push(before, self._sim.world.copy(), f"Remove tie {before.names[i]} - {before.names[j]}")

    def _push(self, before: World, after: World, text: str, key=None) -> None:
        if self._sim.history[-1].turn > 0:
            self._later_edits.add(self._sim.history[-1].turn)
        # the model already holds `after`; QUndoStack.push calls redo(), which puts it again
        self.undo_stack.push(WorldEdit(self, before, after, text, key))

    def _put_world(self, world: World) -> None:
        self._sim.replace_world(world)
        self.view_turn = len(self._sim.history) - 1
        self.changed.emit()
