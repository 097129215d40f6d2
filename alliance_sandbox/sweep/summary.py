"""The one-screen summary printed when a sweep ends: outcome by scenario and lens.

For each scenario, one line per lens: mean ties, blocs, abandonment and entrapment risk,
realignments and poles at the last turn, the share of the starting ties kept, the mean
agreement with history (`score`, for scenarios with a history), and, for
its (up to) three strongest starting alliances, the share of runs in which the two states
are still tied at the last turn ("does NATO persist?"). Means are over every run of that
scenario and lens, so over seeds and over any swept settings and shock sets.
"""
from __future__ import annotations

from collections import defaultdict

ALLIANCE_COLUMNS = 3
#: (column, label, width, decimals) of the numbers on each lens's line
NUMBERS = (("ties", "ties", 6, 1), ("blocs", "blocs", 6, 1), ("final_abandonment", "aband", 7, 2),
           ("final_entrapment", "entrap", 7, 2), ("realignments", "realign", 8, 1), ("poles", "poles", 6, 1))


def strongest_alliances(world, count: int = ALLIANCE_COLUMNS) -> list[str]:
    """`A-B` keys of the starting alliances with the most combined capability."""
    from alliance_sandbox.engine.world import tie_code

    share = world.share
    pairs = [(i, j) for i, j in world.tie_list() if world.tie_kind[i, j] == tie_code("alliance")]
    pairs.sort(key=lambda p: (-(share[p[0]] + share[p[1]]), p))
    return [f"{world.ids[i]}-{world.ids[j]}" for i, j in pairs[:count]]


def summary_lines(rows: list[dict], alliances: dict[str, list[str]], turns: int, lenses: list[str]) -> list[str]:
    """`alliances`: scenario name -> the `A-B` keys to follow (see strongest_alliances), in the
    sweep's scenario order; `lenses` the order of the lens lines (rows finish in any order)."""
    groups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        groups[row["scenario"]][row["lens"]].append(row)
    lines = []
    for scenario in [name for name in alliances if name in groups]:
        by_lens = {lens: groups[scenario][lens] for lens in lenses if lens in groups[scenario]}
        watched = alliances.get(scenario, [])
        runs = sum(len(v) for v in by_lens.values())
        scored = any(_has_score(r) for group in by_lens.values() for r in group)
        lines.append(f"{scenario}: {runs} runs; means at turn {turns}; kept = share of starting ties kept"
                     + ("; score = agreement with history" if scored else "")
                     + ("; A-B = share of runs still tied" if watched else ""))
        head = f"  {'lens':<18}" + "".join(f"{label:>{width}}" for _, label, width, _ in NUMBERS) + f"{'kept':>6}"
        head += f"{'score':>7}" if scored else ""
        lines.append(head + ("  |" + "".join(f"{key:>10}" for key in watched) if watched else ""))
        for lens, group in by_lens.items():
            line = f"  {lens:<18}"
            for column, _, width, digits in NUMBERS:
                line += f"{_mean(float(r[column]) for r in group):>{width}.{digits}f}"
            kept = [int(r["ties_kept"]) / int(r["ties_start"]) for r in group if int(r["ties_start"])]
            line += f"{_mean(kept):>6.2f}" if kept else f"{'-':>6}"
            if scored:
                scores = [float(r["score"]) for r in group if _has_score(r)]
                line += f"{_mean(scores):>7.2f}" if scores else f"{'-':>7}"
            if watched:
                final = [_pairs(r["final_ties"]) for r in group]
                line += "  |" + "".join(f"{_mean(key in f for f in final):>10.2f}" for key in watched)
            lines.append(line)
    return lines


def _has_score(row: dict) -> bool:
    return row.get("score") not in (None, "")


def _pairs(text: str) -> set[str]:
    return {item.split(":")[0] for item in text.split(";") if item}


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else float("nan")
