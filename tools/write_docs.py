"""Write docs/lenses.md from the lens classes, so the docs state each rule exactly as the code does.

    .venv/bin/python tools/write_docs.py          # rewrite
    .venv/bin/python tools/write_docs.py --check  # exit 1 if the file is out of date (a test runs this)
"""
from __future__ import annotations

import sys
from pathlib import Path

from alliance_sandbox.lenses import LENSES

DOC = Path(__file__).resolve().parents[1] / "docs" / "lenses.md"


def render() -> str:
    lines = [
        "# The theory lenses",
        "",
        "Generated from `alliance_sandbox/lenses/` by `tools/write_docs.py`; do not edit by hand.",
        "Each lens decides, every turn, what each state perceives as a threat, how much it wants a tie",
        "with each other state, and how much it arms. The engine's common rules (how wishes become ties,",
        "crises, risks) are in [model.md](model.md). Keys 1 to 8 in the app follow this order.",
        "",
    ]
    for number, (lens_id, cls) in enumerate(LENSES.items(), start=1):
        lines += [
            f"## {number}. {cls.name} (`{lens_id}`)",
            "",
            f"**Claim.** {cls.claim}",
            "",
            f"**Rule.** {cls.rule}",
            "",
            f"**Source.** {cls.citation}. Code: `alliance_sandbox/lenses/{cls.__module__.rsplit('.', 1)[1]}.py`.",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is out of date: run tools/write_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
