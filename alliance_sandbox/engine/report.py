"""A run's history as the documented JSON and CSV formats (docs/run-output.md).

Scripts read these files, so keys and columns only ever get added, never renamed.
Numbers are rounded to 6 decimals so the same run gives the same bytes on any machine.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

import numpy as np

from .bloc_tracking import TrackedBloc, next_blocs, track
from .polarity import polarity
from .simulation import Simulation, TurnRecord
from .world import STATE_FIELDS, TIE_KINDS, tie_code

OUTPUT_VERSION = 2  # 2: a tie's commitment is [a's, b's] (each side its own), December 2026
CSV_COLUMNS = (
    "turn", "year", "lens", "state", "name", "capability", "share", "abandonment_risk",
    "entrapment_risk", "security", "autonomy", "arming", "ties", "bloc", "bloc_id",
)


def _r(value: float) -> float:
    return round(float(value), 6)


def turn_to_dict(record: TurnRecord, tracked: list[TrackedBloc] | None = None) -> dict:
    """One turn as the JSON format; `tracked`: its blocs from bloc_tracking (computed from this
    turn alone when not given, so ids are then only those of a one-turn history)."""
    w, risks = record.world, record.risks
    if tracked is None:
        tracked = track([w])[0]
    bloc_id = _bloc_ids(w, tracked)
    share = w.share
    bloc_of = _bloc_numbers(record)
    ties = [
        {
            "a": w.ids[i], "b": w.ids[j], "kind": TIE_KINDS[w.tie_kind[i, j] - 1],
            "commitment": [_r(w.commitment[i, j]), _r(w.commitment[j, i])],
            "abandonment_risk": [_r(risks.tie_abandonment[i, j]), _r(risks.tie_abandonment[j, i])],
            "entrapment_risk": [_r(risks.tie_entrapment[i, j]), _r(risks.tie_entrapment[j, i])],
        }
        for i, j in w.tie_list()
    ]
    states = {
        sid: {
            "capability": _r(w.capability[i]), "share": _r(share[i]),
            "abandonment_risk": _r(risks.abandonment[i]), "entrapment_risk": _r(risks.entrapment[i]),
            "security": _r(risks.security[i]), "autonomy": _r(risks.autonomy[i]),
            "arming": _r(record.arm[i]),
            **{name: _r(getattr(w, name)[i]) for name in STATE_FIELDS if name != "capability"},
            "bloc": bloc_of[i], "bloc_id": bloc_id[i],
        }
        for i, sid in enumerate(w.ids)
    }
    return {
        "turn": record.turn, "year": record.year, "lens": record.lens.id,
        "ties": ties, "states": states,
        "events": [e.to_dict() for e in record.events],
        "blocs": [[w.ids[i] for i in bloc] for bloc in w.blocs() if len(bloc) > 1],
        "realignments": record.realignments,
        "polarity": polarity(w.capability).to_dict(),
        "bloc_details": [b.to_dict() for b in tracked],
    }


def _bloc_ids(world, tracked: list[TrackedBloc]) -> list[int]:
    """Tracked bloc id per state (bloc_tracking); 0 for a state standing alone."""
    ids = [0] * world.n
    for bloc in tracked:
        for sid in bloc.members:
            ids[world.index[sid]] = bloc.id
    return ids


def _bloc_numbers(record: TurnRecord) -> list[int]:
    """Bloc number per state (0 = the strongest bloc); -1 for a state standing alone."""
    numbers = [-1] * record.world.n
    for k, bloc in enumerate(b for b in record.world.blocs() if len(b) > 1):
        for i in bloc:
            numbers[i] = k
    return numbers


def with_blocs(records: Iterable[TurnRecord]) -> Iterator[tuple[TurnRecord, list[TrackedBloc]]]:
    """Each record with its tracked blocs (bloc_tracking), followed from the first record;
    read once, in order, so records may be made as they are asked for."""
    blocs: list[TrackedBloc] = []
    next_id = 1
    for record in records:
        blocs, next_id = next_blocs(blocs, record.world, next_id)
        yield record, blocs


def _run_head(sim: Simulation, scenario_name: str) -> dict:
    return {"format": "alliance-sandbox-run", "format_version": OUTPUT_VERSION,
            "scenario": scenario_name, "lens": sim.history[0].lens.id, "seed": sim.seed}


def run_to_dict(sim: Simulation, scenario_name: str) -> dict:
    return {**_run_head(sim, scenario_name), "turns": [turn_to_dict(r, b) for r, b in with_blocs(sim.history)]}


def _dumps(value) -> str:
    return json.dumps(value, indent=1, ensure_ascii=False, allow_nan=False)


def write_run_json(out: TextIO, sim: Simulation, scenario_name: str, records: Iterable[TurnRecord]) -> None:
    """The run's JSON, written turn by turn as `records` come (the same bytes as one
    json.dumps of `run_to_dict`): a run of 100,000 turns never holds more than one."""
    head = _dumps({**_run_head(sim, scenario_name), "turns": [0]})
    before, after = head.rsplit("0", 1)  # the list's one element: where the turns go
    out.write(before.rstrip(" "))
    for k, (record, blocs) in enumerate(with_blocs(records)):
        if k:
            out.write(",\n")
        out.write("\n".join("  " + line for line in _dumps(turn_to_dict(record, blocs)).split("\n")))
    out.write(after + "\n")


def run_to_json(sim: Simulation, scenario_name: str) -> str:
    out = io.StringIO()
    write_run_json(out, sim, scenario_name, sim.history)
    return out.getvalue()


def turn_rows(record: TurnRecord, tracked: list[TrackedBloc] | None = None) -> list[list]:
    """One row per state in CSV_COLUMNS order (`year` None without a start year): what
    `run --out x.csv` writes and what a sweep's turns table holds. `tracked`: the turn's
    blocs followed from turn 0 (bloc_tracking); alone, the turn is its own history."""
    w, risks = record.world, record.risks
    share = w.share
    degree = np.count_nonzero(w.tied(), axis=1)
    bloc_of = _bloc_numbers(record)
    bloc_id = _bloc_ids(w, track([w])[0] if tracked is None else tracked)
    return [
        [
            record.turn, record.year, record.lens.id, sid, w.names[i],
            _r(w.capability[i]), _r(share[i]), _r(risks.abandonment[i]), _r(risks.entrapment[i]),
            _r(risks.security[i]), _r(risks.autonomy[i]), _r(record.arm[i]), int(degree[i]), bloc_of[i],
            bloc_id[i],
        ]
        for i, sid in enumerate(w.ids)
    ]


def history_rows(history: Iterable[TurnRecord]) -> Iterator[list]:
    """Every turn's `turn_rows`, in order: a run's CSV body, and a sweep's turns table
    (a column that needs the whole run, not one turn, is computed here, for both: `bloc_id`).
    Read once, in order: records may be made as they are asked for."""
    for record, blocs in with_blocs(history):
        yield from turn_rows(record, blocs)


def write_run_csv(out: TextIO, records: Iterable[TurnRecord]) -> None:
    """The run's CSV, written turn by turn as `records` come."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = CSV_COLUMNS.index("year")
    for row in history_rows(records):
        row[year] = "" if row[year] is None else row[year]
        writer.writerow(row)


def run_to_csv(sim: Simulation) -> str:
    out = io.StringIO()
    write_run_csv(out, sim.history)
    return out.getvalue()


def allied_mean(values: np.ndarray, world) -> float:
    """The mean of a per-state value over the states with at least one tie (0 if none): what
    the app's risk chart plots when no state is selected, for one run or an ensemble."""
    tied = (world.tie_kind != 0).any(axis=1)
    return float(values[tied].mean()) if tied.any() else 0.0


def turn_outcome(record: TurnRecord) -> dict:
    """The turn's headline numbers: ties, alliances, blocs (of two or more states), mean
    abandonment and entrapment risk over the states, realignments, poles and polarity
    (engine/polarity.py). The run summary and a sweep's outcomes both read them here."""
    w, risks = record.world, record.risks
    system = polarity(w.capability)
    return {
        "ties": len(w.tie_list()),
        "alliances": int(np.count_nonzero(np.triu(w.tie_kind == tie_code("alliance"), 1))),
        "blocs": sum(1 for b in w.blocs() if len(b) > 1),
        "abandonment_risk": float(risks.abandonment.mean()) if w.n else 0.0,
        "entrapment_risk": float(risks.entrapment.mean()) if w.n else 0.0,
        "realignments": record.realignments,
        "poles": system.poles,
        "polarity": system.label,
    }


def summary_lines(record: TurnRecord) -> list[str]:
    """The readable per-turn summary printed by `alliance-sandbox run` without --out."""
    w = record.world
    year = f" ({record.year})" if record.year is not None else ""
    blocs = [b for b in w.blocs() if len(b) > 1]
    outcome = turn_outcome(record)
    lines = [
        f"Turn {record.turn}{year} · {record.lens.name} · {outcome['ties']} ties · {outcome['blocs']} blocs · "
        f"mean abandonment {outcome['abandonment_risk']:.2f} · mean entrapment {outcome['entrapment_risk']:.2f}"
    ]
    for bloc in blocs:
        lines.append("  bloc: " + ", ".join(w.names[i] for i in bloc))
    for event in record.events:
        lines.append(f"  [{event.kind}] {event.explanation}")
    return lines
