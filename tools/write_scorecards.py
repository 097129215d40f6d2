"""Write the tables the docs quote from runs: the teacher's guide scorecards and the fidelity
table of docs/predictions.md, so no figure is copied by hand.

    python tools/write_scorecards.py [--check]

Each table sits between `<!-- generated: NAME -->` and `<!-- /generated -->`:
`score: CASE` is `alliance-sandbox score` on assets/scenarios/CASE.json (seeds 0-4);
`fidelity` is tools/fidelity_table.py's table; `ties: CASE` is tools/tie_changes.py's table
of the ties each lens loses and forms on CASE. With --check nothing is written and the exit
code says whether a doc is stale (tests/test_docs.py runs it).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from fidelity_table import table as fidelity_table
from tie_changes import table as tie_table

from alliance_sandbox.scenario import load_scenario
from alliance_sandbox.score import score_scenario

DOCS = ROOT / "docs"
BLOCK = re.compile(r"(<!-- generated: (?P<name>[^>]+?) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.S)


def scorecard(case: str) -> str:
    """A Markdown table: each lens's score and score per history year, best first, then no change."""
    result = score_scenario(load_scenario(ROOT / "assets" / "scenarios" / f"{case}.json"))
    lines = ["| lens | score | " + " | ".join(str(y) for y in result.years) + " |",
             "|---|---|" + "---|" * len(result.years)]
    lines += [f"| {s.lens} | {s.score:.3f} | " + " | ".join(f"{s.year_score(y):.3f}" for y in result.years) + " |"
              for s in result.ranked()]
    lines.append(f"| no change | {result.baseline_score:.3f} | "
                 + " | ".join(f"{c.score:.3f}" for c in result.baseline) + " |")
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    def fill(match: re.Match) -> str:
        name = match["name"].strip()
        if name == "fidelity":
            body = fidelity_table()
        elif name.startswith("ties:"):
            body = tie_table(name.removeprefix("ties:").strip())
        else:
            body = scorecard(name.removeprefix("score:").strip())
        return match.group(1) + body + match.group(4)
    return BLOCK.sub(fill, text)


def main(argv: list[str]) -> int:
    stale = []
    for path in (DOCS / "teachers-guide.md", DOCS / "predictions.md"):
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new == text:
            continue
        stale.append(path)
        if "--check" not in argv:
            path.write_text(new, encoding="utf-8")
            print(f"wrote {path}")
    if "--check" in argv:
        for path in stale:
            print(f"{path} is out of date: run tools/write_scorecards.py", file=sys.stderr)
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
