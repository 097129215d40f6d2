"""Write the generated parts of the scenario format's description from the field tables.

    python tools/write_schema.py          # write assets/scenario.schema.json and the
                                          # generated sections of docs/scenario-format.md
    python tools/write_schema.py --check  # exit 1 if either is out of date (for CI)

Both come from alliance_sandbox/scenario/fields.py, where each field is defined once;
tests/scenario/test_schema.py fails when they are out of date.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from alliance_sandbox import resources
from alliance_sandbox.scenario import ScenarioError, json_schema, loads_scenario
from alliance_sandbox.scenario.fields import (
    FREE_KEYS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    RECORDS,
    SCHEMA_VERSION,
    FieldSpec,
    Record,
)

SCHEMA_PATH = resources.schema_path()
DOC_PATH = ROOT / "docs" / "scenario-format.md"

#: Where each record sits in a file, as the docs' headings say it.
RECORD_HEADINGS = {
    "scenario": "Top level",
    "settings": "`settings`",
    "state": "`states[]`: a state",
    "tie": "`ties[]`: a tie",
    "affinity": "`affinity[]`: an explicit affinity",
    "shock": "`shocks[]`: a scripted change",
    "shock_set": "`shocks[].set`: the changes",
    "history": "`history[]`: what actually happened at a later date",
    "history_tie": "`history[].ties[]`: an actual tie",
}

#: A broken file shown in the docs with the messages the program really gives for it.
ERROR_EXAMPLE = """\
{
  "schema_version": 1,
  "name": "Broken on purpose",
  "lens": "thret",
  "states": [
    {"id": "GER", "name": "Germany", "capabilty": 0.14, "lon": 13.4, "lat": 52.5},
    {"id": "FRA", "name": "France", "capability": -1, "lon": 2.35, "lat": 48.9, "offense": true},
    {"id": "FRA", "name": "Russia", "capability": 0.11, "lon": 37.6, "lat": 55.8}
  ],
  "ties": [
    {"a": "GER", "b": "AUH", "kind": "alliance"},
    {"a": "FRA", "b": "FRA", "kind": "entente"},
    {"a": "GER", "b": "FRA", "kind": "pact"}
  ]
}
"""
ERROR_EXAMPLE_SOURCE = "saves/broken.json"


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default_text(spec: FieldSpec) -> str:
    if spec.required:
        return "**required**"
    if spec.default_text:
        return spec.default_text
    if spec.has_default:
        return "`" + json.dumps(spec.default) + "`"
    return "optional"


def record_table(record: Record) -> str:
    lines = [
        f"### {RECORD_HEADINGS.get(record.name, record.name)}",
        "",
        record.description,
        "",
        "| field | type | range | default | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in record.fields:
        lines.append(
            f"| `{spec.name}` | {_cell(spec.type_text())} | {_cell(spec.range_text())} | "
            f"{_cell(_default_text(spec))} | {_cell(spec.description)} |"
        )
    if record.free_keys:
        keys = ", ".join(f"`{k}`" for k in record.also_allowed + FREE_KEYS)
        lines += ["", f"Also allowed, and kept when the program saves: {keys}, and any key starting with `_`. "
                      "Any other key is an error (it catches typos)."]
    elif record.min_properties:
        lines += ["", f"At least {record.min_properties} of these; no other keys."]
    else:
        lines += ["", "No other keys."]
    return "\n".join(lines)


def fields_section() -> str:
    intro = (f"Format version {SCHEMA_VERSION}. Files are UTF-8 JSON of at most {MAX_FILE_BYTES // 2**20} MB. "
             "Numbers may be written as integers where a number is expected; `true`/`false` are not numbers; "
             "`NaN` and `Infinity` are refused. Lists and objects nest at most "
             f"{MAX_DEPTH} deep (the format itself needs 4), so authors' own notes may hold structure but "
             "not a trap; text must be real characters (a lone surrogate such as `\\ud800` cannot be saved "
             f"as UTF-8 and is refused). A file with many problems is reported up to the first {MAX_PROBLEMS}.")
    return "\n\n".join([intro] + [record_table(record) for record in RECORDS])


def errors_section() -> str:
    try:
        loads_scenario(ERROR_EXAMPLE, source=ERROR_EXAMPLE_SOURCE)
    except ScenarioError as exc:
        messages = str(exc)
    else:  # pragma: no cover - the example is broken on purpose
        raise AssertionError("the error example loaded without errors")
    return "\n".join([
        f"A broken `{ERROR_EXAMPLE_SOURCE}`:",
        "",
        "```json",
        ERROR_EXAMPLE.rstrip("\n"),
        "```",
        "",
        "gives these messages, all at once:",
        "",
        "```text",
        messages,
        "```",
    ])


SECTIONS = {"fields": fields_section, "errors": errors_section}


def render_doc(text: str) -> str:
    """`text` with every generated section between its markers rewritten."""
    for name, make in SECTIONS.items():
        begin = f"<!-- generated:{name} begin (tools/write_schema.py; do not edit by hand) -->"
        end = f"<!-- generated:{name} end -->"
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise SystemExit(f"{DOC_PATH}: missing the markers of the generated section {name!r}:\n{begin}\n{end}")
        section = f"{begin}\n{make()}\n{end}"
        text = pattern.sub(lambda _m, section=section: section, text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if out of date")
    args = parser.parse_args(argv)
    outputs = {SCHEMA_PATH: schema_text(), DOC_PATH: render_doc(DOC_PATH.read_text(encoding="utf-8"))}
    stale = [path for path, text in outputs.items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python tools/write_schema.py", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outputs[path], encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
