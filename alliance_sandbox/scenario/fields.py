"""Every field of the scenario file format, defined once.

Each field's name, type, range, default and description lives in one `FieldSpec`; the
specs are grouped into `Record`s (the objects of the file: the scenario itself, a state,
a tie, ...). The validator (`validate.py`), the JSON Schema (`schema.py`), the dataclass
defaults (`model.py`) and the documentation table (`tools/write_schema.py`) are all driven
by these tables, so they cannot disagree.

Where the engine already defines something (the state fields' ranges in `STATE_FIELDS`,
the tie kinds, the default commitments, the settings' defaults) or the lens registry does
(the lens ids), it is read from there.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from alliance_sandbox.engine.world import DEFAULT_COMMITMENT, STATE_DEFAULTS, STATE_FIELDS, TIE_KINDS, Settings
from alliance_sandbox.lenses import LENS_IDS as _LENS_IDS

#: The file format version this program writes and understands; older ones are migrated.
SCHEMA_VERSION = 1

#: The lenses a scenario may open with: the registry's ids, in the app's order.
LENS_IDS: tuple[str, ...] = tuple(_LENS_IDS)

#: Tie kinds as a file lists them, firmest first (the engine's order is loosest first).
TIE_KIND_CHOICES: tuple[str, ...] = tuple(reversed(TIE_KINDS))

MAX_STATES = 500
#: Limits that keep a turn fast and a run in memory: a file beyond them is refused at once.
MAX_TIES = 10_000
MAX_AFFINITY = 20_000
MAX_SHOCKS = 10_000
MAX_ID_LENGTH = 32
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Stop checking after this many problems (a file that wrong needs no more, and a file with
#: 20,000 of them is refused in milliseconds).
MAX_PROBLEMS = 50
#: Lists and objects inside each other, at most (the format itself needs 4: shocks[0].set.x);
#: deeper JSON, e.g. in an author's own notes, is refused before anything walks it.
MAX_DEPTH = 20
#: The last turn a shock may name.
MAX_TURN = 1_000_000

#: Keys an author may add anywhere a record allows free keys: kept on a round trip, never read.
FREE_KEYS: tuple[str, ...] = ("notes", "sources")
FREE_PREFIX = "_"

YEAR_LIMIT = 1_000_000


class _Missing:
    """Marks a field without a default (required, or simply absent when optional)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: how to check it, what it defaults to, what it means."""

    name: str
    #: "number", "integer", "string", "enum", "array", "object" or "any"
    type: str
    description: str
    required: bool = False
    default: Any = MISSING
    #: How the docs show a default that is computed (e.g. "by kind: ...").
    default_text: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    #: When True, `minimum` itself is not allowed (value must be > minimum).
    exclusive_minimum: bool = False
    #: JSON null is allowed (and means "not known").
    nullable: bool = False
    #: The one value allowed (schema_version).
    const: Any = MISSING
    choices: tuple[str, ...] = ()
    #: A regular expression the whole string must match; written so Python's `re` and
    #: ECMA 262 (JSON Schema) read it alike.
    pattern: str | None = None
    #: The pattern in words, for error messages.
    pattern_text: str | None = None
    #: The string must contain a character other than white space.
    nonblank: bool = False
    max_length: int | None = None
    #: The record of an "object" field, or of each item of an "array" field.
    record: Record | None = None
    min_items: int | None = None
    max_items: int | None = None
    #: For a state field: the `World` attribute holding it, one value per state ("names" for
    #: "name"). Scenario <-> World conversion reads this; a state field without one is kept
    #: from the scenario the world came from (by state id), so a Save never loses it.
    world_attr: str | None = None
    #: A short name for people (the inspector's row, an undo step's text).
    label: str | None = None
    #: A state number the app lets the user change between turns: the inspector gives it a
    #: row (slider and number box), in this table's order. The engine's range (STATE_FIELDS)
    #: bounds it; `Simulation.set_state` accepts it.
    editable: bool = False

    @property
    def has_default(self) -> bool:
        return self.default is not MISSING

    def range_text(self) -> str:
        """The allowed range in words: ">= 0", "0 to 1", "> 0", "1 to 500 items", "" when unbounded."""
        if self.type == "array" and (self.min_items or self.max_items):
            if self.min_items and self.max_items:
                return f"{self.min_items} to {self.max_items} items"
            return f"at most {self.max_items} items" if self.max_items else f"at least {self.min_items} items"
        lo, hi = self.minimum, self.maximum
        if lo is not None and hi is not None and self.exclusive_minimum:
            return f"> {fmt_number(lo)}, <= {fmt_number(hi)}"
        if lo is not None and hi is not None:
            return f"{fmt_number(lo)} to {fmt_number(hi)}"
        if lo is not None:
            return f"{'>' if self.exclusive_minimum else '>='} {fmt_number(lo)}"
        if hi is not None:
            return f"<= {fmt_number(hi)}"
        return ""

    def type_text(self) -> str:
        """The type in words: "number", "integer or null", "one of: a, b", ..."""
        if self.type == "enum":
            text = "one of: " + ", ".join(self.choices)
        elif self.type == "array":
            text = f"list of {self.record.title}" if self.record else "list"
        elif self.type == "object":
            text = "object"
        elif self.type == "any":
            text = "any JSON value"
        elif self.type == "string" and self.pattern_text:
            text = f"string ({self.pattern_text})"
        elif self.type == "string" and self.nonblank:
            text = "non-empty string"
        elif self.const is not MISSING:
            text = f"{self.type}, always {self.const}"
        else:
            text = self.type
        return text + (" or null" if self.nullable else "")


@dataclass(frozen=True)
class Record:
    """A JSON object of the format: its fields in the order files are written."""

    name: str
    #: Plural words for docs and messages ("states", "ties").
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    #: Whether "_..." keys, "notes" and "sources" are allowed (and kept) here.
    free_keys: bool = True
    #: At least this many fields must be present (shock "set" must not be empty).
    min_properties: int = 0
    #: Further keys kept like free keys ("$schema", which editors use to find the schema).
    also_allowed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> FieldSpec:
        return self.by_name[name]  # type: ignore[attr-defined]

    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def is_free_key(key: str) -> bool:
    """Whether an author's own key: kept on a round trip, never read by the program."""
    return key.startswith(FREE_PREFIX) or key in FREE_KEYS


def fmt_number(value: float) -> str:
    """A bound or value for a message: 0.0 -> "0", 2500.0 -> "2500", 1e20 -> "1e+20"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


# ---------------------------------------------------------------- states

_STATE_NUMBER_TEXT = {
    "capability": (
        "Material power (military, industrial, demographic), on any positive scale: only "
        "shares of the total matter. E.g. a Correlates of War CINC score."
    ),
    "lon": "Longitude of the capital, degrees east (-180 to 180).",
    "lat": "Latitude of the capital, degrees north (-90 to 90).",
    "offense": "Offensive capability: how well its forces can attack rather than only defend.",
    "aggression": "Aggressive intentions as others perceive them (Walt's fourth source of threat).",
    "satisfaction": "Satisfaction with the status quo: < 0 revisionist, > 0 status quo (Schweller).",
    "trend": "Recent change of the state's capability share, per year on a log scale (> 0 rising, "
             "< 0 declining): how others see its momentum at the start. The engine then follows "
             "each run's own changes (docs/model.md).",
}
_STATE_NUMBER_REQUIRED = ("capability", "lon", "lat")
_STATE_NUMBER_LABEL = {"capability": "Capability", "lon": "Longitude", "lat": "Latitude", "offense": "Offense",
                       "aggression": "Aggression", "satisfaction": "Satisfaction", "trend": "Trend"}
#: Edited in the inspector; the capital's position is edited by dragging on the map, and the
#: trend is the run's own after the start (engine/dynamics.py).
_STATE_NUMBER_EDITABLE = ("capability", "offense", "aggression", "satisfaction")


def _state_number(name: str) -> FieldSpec:
    lo, hi = STATE_FIELDS[name]
    return FieldSpec(
        name,
        "number",
        _STATE_NUMBER_TEXT.get(name, name),
        required=name in _STATE_NUMBER_REQUIRED,
        default=STATE_DEFAULTS.get(name, MISSING),
        minimum=lo if math.isfinite(lo) else None,
        maximum=hi if math.isfinite(hi) else None,
        world_attr=name,
        label=_STATE_NUMBER_LABEL.get(name, name),
        editable=name in _STATE_NUMBER_EDITABLE,
    )


def _id_field(name: str, description: str, world_attr: str | None = None) -> FieldSpec:
    return FieldSpec(
        name,
        "string",
        description,
        required=True,
        pattern="[A-Za-z0-9_-]+",
        pattern_text=f"1 to {MAX_ID_LENGTH} letters, digits, '_' or '-'",
        max_length=MAX_ID_LENGTH,
        world_attr=world_attr,
    )


REGIME_FIELD = FieldSpec(
    "regime",
    "string",
    "Regime type (e.g. \"democracy\", \"monarchy\"); states with the same non-empty "
    "regime get settings.same_regime_affinity unless `affinity` says otherwise.",
    default="",
    max_length=100,
    world_attr="regimes",
)

STATE_RECORD = Record(
    "state",
    "states",
    "A state (a country, an empire, a polity) on the map.",
    (
        _id_field("id", "Short unique code used by ties, affinity and shocks, e.g. \"GER\".", world_attr="ids"),
        FieldSpec("name", "string", "Name shown on the map.", required=True, nonblank=True, max_length=200,
                  world_attr="names"),
        *(_state_number(name) for name in STATE_FIELDS),
        REGIME_FIELD,
        FieldSpec("short_name", "string", "Shorter name the map shows where the full one has no room "
                  "(e.g. \"USSR\", \"W. Germany\"); empty: the name. Never shown: the id.",
                  default="", max_length=40, world_attr="short_names"),
    ),
)

# ---------------------------------------------------------------- ties

_COMMITMENT_TEXT = ", ".join(f"{kind} {DEFAULT_COMMITMENT[kind]:g}" for kind in TIE_KIND_CHOICES)

TIE_RECORD = Record(
    "tie",
    "ties",
    "A tie between two states; at most one per pair.",
    (
        _id_field("a", "Id of one state."),
        _id_field("b", "Id of the other state (not `a`)."),
        FieldSpec(
            "kind",
            "enum",
            "alliance: a formal treaty with military obligations; entente: a looser, informal "
            "understanding; coalition: states fighting together for one war or cause; "
            "alignment: shared expectations of support without a pledge.",
            required=True,
            choices=TIE_KIND_CHOICES,
        ),
        FieldSpec(
            "commitment",
            "number",
            "How firmly `a` is pledged to `b` (and `b` to `a`, unless `commitment_b` says otherwise).",
            minimum=0.0,
            maximum=1.0,
            default_text=f"by kind: {_COMMITMENT_TEXT}",
        ),
        FieldSpec(
            "commitment_b",
            "number",
            "How firmly `b` is pledged to `a`, when it differs from `commitment`: each side of a tie "
            "chooses its own commitment (Snyder 1997: the partner that fears abandonment more commits "
            "more); null: the same as `commitment`.",
            nullable=True,
            default=None,
            minimum=0.0,
            maximum=1.0,
        ),
        FieldSpec(
            "since",
            "integer",
            "Year (or turn) the tie began; null when not known.",
            nullable=True,
            default=None,
            minimum=-YEAR_LIMIT,
            maximum=YEAR_LIMIT,
        ),
        FieldSpec(
            "held_by",
            "string",
            "Id of the state that holds this tie in place by force (a hegemon's coerced pact, "
            "e.g. the USSR for the Warsaw Pact); null for a voluntary tie. Its members cannot "
            "leave while that state's power to coerce them lasts (docs/model.md).",
            nullable=True,
            default=None,
            pattern="[A-Za-z0-9_-]+",
            pattern_text=f"1 to {MAX_ID_LENGTH} letters, digits, '_' or '-'",
            max_length=MAX_ID_LENGTH,
        ),
    ),
)

AFFINITY_RECORD = Record(
    "affinity",
    "affinity entries",
    "How inclined two states are to stand together (shared identity, interests, history). "
    "Pairs not listed get 0, or settings.same_regime_affinity when their regimes are equal "
    "and not empty. The value is symmetric.",
    (
        _id_field("a", "Id of one state."),
        _id_field("b", "Id of the other state (not `a`)."),
        FieldSpec("value", "number", "-1 enemies at heart, 0 indifferent, 1 natural partners.",
                  required=True, minimum=-1.0, maximum=1.0),
    ),
)

SHOCK_SET_RECORD = Record(
    "shock_set",
    "changes",
    "The state fields a shock sets, each within the range of that field. A new `regime` is "
    "domestic change (a revolution): the state's affinity with each other state moves by how the "
    "states of its new regime stand with that state, less how those of its old regime do (docs/model.md).",
    (*(dataclasses.replace(_state_number(name), required=False, default=MISSING) for name in STATE_FIELDS),
     dataclasses.replace(REGIME_FIELD, default=MISSING),
     dataclasses.replace(_id_field("joins", "Id of a state this one joins (unification, e.g. the GDR joining "
                                   "the Federal Republic in 1990): that state takes its capability, its ties "
                                   "end, and it leaves the map and the model."), required=False),
     FieldSpec("name", "string", "A new name (unified Germany, 1990); the short name is cleared unless "
               "`short_name` gives one.", nonblank=True, max_length=200),
     FieldSpec("short_name", "string", "A new short name for the map.", max_length=40)),
    free_keys=False,
    min_properties=1,
)

SHOCK_RECORD = Record(
    "shock",
    "shocks",
    "A scripted change: at the start of `turn`, set fields of one state.",
    (
        FieldSpec("turn", "integer", "Turn at whose start the change happens.", required=True, minimum=1,
                  maximum=MAX_TURN),
        _id_field("state", "Id of the state that changes."),
        FieldSpec("set", "object", "The new values, e.g. {\"capability\": 0.05}.", required=True,
                  record=SHOCK_SET_RECORD),
    ),
)

# ---------------------------------------------------------------- history

HISTORY_TIE_RECORD = Record(
    "history_tie",
    "actual ties",
    "A tie that actually existed at the entry's date (any kind; at most one per pair).",
    (
        _id_field("a", "Id of one state."),
        _id_field("b", "Id of the other state (not `a`)."),
        FieldSpec("kind", "enum", "The kind of tie, as for `ties` (a wartime coalition is a coalition).",
                  required=True, choices=TIE_KIND_CHOICES),
    ),
)

HISTORY_RECORD = Record(
    "history",
    "history entries",
    "What actually happened: the alignments at a later date, for `alliance-sandbox score` and the "
    "app's History view. Say in `notes` and `sources` where each entry comes from.",
    (
        FieldSpec("year", "integer", "Calendar year of the entry: after `start_year`, each year once.",
                  required=True, minimum=-YEAR_LIMIT, maximum=YEAR_LIMIT),
        FieldSpec("ties", "array", "Every tie between states of the scenario at that date; a pair not "
                  "listed was not tied.", required=True, record=HISTORY_TIE_RECORD),
    ),
)

# ---------------------------------------------------------------- questions

QUESTION_RECORD = Record(
    "question",
    "ready questions",
    "A question for the app's Predict, then Reveal: the class predicts the ties at `turn`, then the "
    "app runs the turns and scores the prediction.",
    (
        FieldSpec("ask", "string", "The question as the teacher reads it out.", required=True,
                  nonblank=True, max_length=400),
        FieldSpec("turn", "integer", "The turn the question is about (the prediction is made at turn 0).",
                  required=True, minimum=1, maximum=10_000),
    ),
)

# ---------------------------------------------------------------- settings

def _settings_fields() -> tuple[FieldSpec, ...]:
    defaults = Settings()
    specs = []
    for f in dataclasses.fields(Settings):
        default, meta = getattr(defaults, f.name), f.metadata
        kind = "integer" if isinstance(default, int) else "number"
        specs.append(FieldSpec(f.name, kind, meta["doc"], default=default, minimum=meta["low"],
                               maximum=meta["high"], exclusive_minimum=meta["above_low"]))
    return tuple(specs)


SETTINGS_RECORD = Record(
    "settings",
    "settings",
    "World-wide parameters; every one has a default.",
    _settings_fields(),
    free_keys=False,
)

# ---------------------------------------------------------------- the scenario

SCENARIO_RECORD = Record(
    "scenario",
    "scenario",
    "An Alliance Sandbox scenario: states on a map, the ties between them, and the rules of the world.",
    (
        FieldSpec("schema_version", "integer", "Version of this file format. Older files are converted "
                  "when read; newer ones are refused.", required=True, const=SCHEMA_VERSION),
        FieldSpec("name", "string", "Title shown to the player.", required=True, nonblank=True, max_length=200),
        FieldSpec("description", "string", "What the scenario shows, and its sources.", default=""),
        FieldSpec("seed", "integer", "Seed of the random numbers: the same seed replays the same history.",
                  default=0, minimum=0, maximum=2**63 - 1),
        FieldSpec("lens", "enum", "The theory the scenario opens with.", default="threat", choices=LENS_IDS),
        FieldSpec("start_year", "integer", "Calendar year of turn 0; null for a timeless scenario.",
                  nullable=True, default=None, minimum=-YEAR_LIMIT, maximum=YEAR_LIMIT),
        FieldSpec("settings", "object", "World-wide parameters (see Settings).", record=SETTINGS_RECORD,
                  default_text="all settings at their defaults"),
        FieldSpec("states", "array", "The states, at least 1.", required=True, record=STATE_RECORD,
                  min_items=1, max_items=MAX_STATES),
        FieldSpec("ties", "array", "Alliances, ententes, coalitions and alignments.", record=TIE_RECORD,
                  default_text="[] (no ties)", max_items=MAX_TIES),
        FieldSpec("affinity", "array", "Pairs inclined to stand together (or not).", record=AFFINITY_RECORD,
                  default_text="[] (see the same-regime rule)", max_items=MAX_AFFINITY),
        FieldSpec("shocks", "array", "Scripted changes at given turns.", record=SHOCK_RECORD,
                  default_text="[] (no shocks)", max_items=MAX_SHOCKS),
        FieldSpec("history", "array", "The actual alignments at later dates (needs `start_year`).",
                  record=HISTORY_RECORD, default_text="[] (nothing to score against)"),
        FieldSpec("questions", "array", "Ready questions for Predict, then Reveal.", record=QUESTION_RECORD,
                  default_text="[] (the teacher asks their own)"),
    ),
    also_allowed=("$schema",),
)

#: Every record of the format, outermost first (docs and schema follow this order).
RECORDS: tuple[Record, ...] = (
    SCENARIO_RECORD, SETTINGS_RECORD, STATE_RECORD, TIE_RECORD, AFFINITY_RECORD, SHOCK_RECORD, SHOCK_SET_RECORD,
    HISTORY_RECORD, HISTORY_TIE_RECORD, QUESTION_RECORD,
)


def default_of(record: Record, name: str) -> Any:
    """The default of a field, for dataclass definitions (one place defines it)."""
    return record.field(name).default
