"""Write docs/lenses.md from the lens classes, and docs/model.md from docs/model.in.md with the
code's constants filled in, so the docs state each rule and number exactly as the code does.

    .venv/bin/python tools/write_docs.py          # rewrite
    .venv/bin/python tools/write_docs.py --check  # exit 1 if the file is out of date (a test runs this)
"""
from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from alliance_sandbox.lenses import LENSES

DOCS = Path(__file__).resolve().parents[1] / "docs"
DOC = DOCS / "lenses.md"
MODEL_TEMPLATE, MODEL = DOCS / "model.in.md", DOCS / "model.md"
#: {{engine.perception.ALLY_TRUST}}: a module of alliance_sandbox and a constant in it
CONSTANT = re.compile(r"\{\{([a-z_.]+)\.([A-Z_]+)\}\}")


def render_model() -> str:
    """docs/model.in.md with every {{module.CONSTANT}} replaced by the constant's value."""
    def value(match: re.Match) -> str:
        module = importlib.import_module(f"alliance_sandbox.{match.group(1)}")
        return f"{getattr(module, match.group(2)):g}"

    return CONSTANT.sub(value, MODEL_TEMPLATE.read_text(encoding="utf-8"))


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
    outputs = {DOC: render(), MODEL: render_model()}
    if "--check" in argv:
        stale = [path for path, text in outputs.items()
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path} is out of date: run tools/write_docs.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
