"""The JSON Schema (draft 2020-12) of the scenario format, generated from `fields.py`.

`tools/write_schema.py` writes it to assets/scenario.schema.json, for editors and other
tools. What a schema cannot say (unique ids, ties naming known states, one tie per pair,
total capability > 0) only our validator checks.
"""
from __future__ import annotations

from typing import Any

from .fields import FREE_KEYS, FREE_PREFIX, MISSING, RECORDS, SCENARIO_RECORD, FieldSpec, Record

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_FREE_TEXT = "Free for authors (any JSON value): kept when the program saves the file, never read by it."


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": spec.description}
    kind = spec.type
    if kind in ("number", "integer", "string"):
        schema["type"] = [kind, "null"] if spec.nullable else kind
    if kind == "enum":
        schema["enum"] = list(spec.choices) + ([None] if spec.nullable else [])
    if spec.const is not MISSING:
        schema["const"] = spec.const
    if spec.minimum is not None:
        schema["exclusiveMinimum" if spec.exclusive_minimum else "minimum"] = spec.minimum
    if spec.maximum is not None:
        schema["maximum"] = spec.maximum
    if kind == "string":
        if spec.pattern:
            schema["pattern"] = f"^{spec.pattern}$"
            schema["minLength"] = 1
        elif spec.nonblank:
            schema["pattern"] = r"\S"
            schema["minLength"] = 1
        if spec.max_length is not None:
            schema["maxLength"] = spec.max_length
    if kind == "array":
        schema["type"] = "array"
        assert spec.record is not None
        schema["items"] = {"$ref": f"#/$defs/{spec.record.name}"}
        if spec.min_items is not None:
            schema["minItems"] = spec.min_items
        if spec.max_items is not None:
            schema["maxItems"] = spec.max_items
    if kind == "object":
        assert spec.record is not None
        schema["$ref"] = f"#/$defs/{spec.record.name}"
    if spec.has_default:
        schema["default"] = spec.default
    if spec.type == "array" and not spec.required:
        schema["default"] = []
    return schema


def record_schema(record: Record) -> dict[str, Any]:
    properties = {spec.name: _field_schema(spec) for spec in record.fields}
    schema: dict[str, Any] = {"type": "object", "description": record.description, "properties": properties}
    required = [spec.name for spec in record.fields if spec.required]
    if required:
        schema["required"] = required
    if record.min_properties:
        schema["minProperties"] = record.min_properties
    if record.free_keys:
        for key in FREE_KEYS:
            properties[key] = {"description": _FREE_TEXT}
        schema["patternProperties"] = {f"^{FREE_PREFIX}": {"description": _FREE_TEXT}}
    for key in record.also_allowed:
        properties[key] = {"description": "Kept when the program saves, never read by it (e.g. \"$schema\": "
                                          "the schema's address, for editors)."}
    schema["additionalProperties"] = False
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files (a new dict on every call)."""
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": "Alliance Sandbox scenario",
    }
    schema.update(record_schema(SCENARIO_RECORD))
    schema["$defs"] = {record.name: record_schema(record) for record in RECORDS if record is not SCENARIO_RECORD}
    return schema
