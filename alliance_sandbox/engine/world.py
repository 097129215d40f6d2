"""The world a simulation runs on: states as numpy arrays, ties as symmetric matrices.

Why arrays and not one object per state: every lens compares every state with every
other each turn, and numpy does that in one expression (no Python loop over pairs).
A `World` is plain data; the simulation keeps a snapshot of every turn (`split`, and
engine/snapshots.py, which stores only what changed from the turn before).
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

#: Below 1, modularity prefers fewer, larger blocs: NATO with the US and its Asian treaties
#: is one bloc, not two.
BLOC_RESOLUTION = 0.5
_BLOCS_CACHE: OrderedDict[bytes, list[list[int]]] = OrderedDict()

#: Tie kinds, from loosest to firmest; a tie's code in `World.tie_kind` is index + 1 (0: no tie).
TIE_KINDS: tuple[str, ...] = ("alignment", "coalition", "entente", "alliance")
NO_TIE = 0

#: The commitment a tie of each kind gets when a file does not say.
DEFAULT_COMMITMENT = {"alignment": 0.25, "coalition": 0.5, "entente": 0.4, "alliance": 0.75}

#: The largest capability a file, a shock or an edit may give a state. Any scale works (only
#: shares matter); a bound keeps the world's total, and every share, finite: 500 states at the
#: bound sum to 5e11, far from overflow, while 1.7e308 made NaN shares.
MAX_CAPABILITY = 1e9

#: Per-state numeric fields that a shock or an edit may set, with their allowed range.
STATE_FIELDS: dict[str, tuple[float, float]] = {
    "capability": (0.0, MAX_CAPABILITY),
    "lon": (-180.0, 180.0),
    "lat": (-90.0, 90.0),
    "offense": (0.0, 1.0),
    "aggression": (0.0, 1.0),
    "satisfaction": (-1.0, 1.0),
    "trend": (-1.0, 1.0),
}
#: Defaults of the per-state fields a scenario may leave out (the others are required).
STATE_DEFAULTS: dict[str, float] = {"offense": 0.5, "aggression": 0.5, "satisfaction": 0.0, "trend": 0.0}


#: How `World.split` names an array a lens keeps in `lens_state` (key KEY: "lens_state/KEY").
LENS_ARRAY = "lens_state/"


def _same_fields(shell: World, fields: dict) -> bool:
    """Whether a shell's non-array fields equal `fields` (name -> value; lens_state without arrays)."""
    try:
        return all(bool(getattr(shell, name) == value) for name, value in fields.items())
    except (TypeError, ValueError):  # a lens kept something that does not compare: take a new shell
        return False


def tie_code(kind: str) -> int:
    """The integer stored in `World.tie_kind` for a kind name."""
    return TIE_KINDS.index(kind) + 1


@dataclass(frozen=True)
class Shock:
    """A scripted change: at the start of `turn`, set these fields of state `state` (an id).

    How a lesson says "at turn 10 the Soviet Union collapses".
    """

    turn: int
    state: str
    set: dict


def change_regime(world: World, i: int, regime: str) -> None:
    """Domestic change: state i takes a new regime, and its affinity follows.

    For every other state k, i's affinity moves by how states of the new regime stand with
    k, less how states of the old regime do (the mean affinity of each group with k, i left
    out; a regime no other state has counts as 0). So a Poland that becomes a democracy
    comes to be seen by the United States as the democracies see it, and by the Soviet Union
    as it sees democracies, while what is particular to the pair (history, quarrels) is
    kept. Clipped to -1..1. Why in the engine: constructivists and institutionalists read a
    revolution as a change of identity and legitimacy (Risse-Kappen 1996; Wallander 2000),
    which no capability shock can express.
    """
    old = world.regimes[i]
    if old == regime:
        return
    labels = np.asarray(world.regimes, dtype=object)
    others = np.arange(world.n) != i

    def stance(group: str) -> np.ndarray:
        """(n,) mean affinity of the states of `group` (i left out) with each state k (k left out)."""
        members = (labels == group) & others & (labels != "")
        peers = members.sum() - members  # for each k: the members other than k
        total = world.affinity[members].sum(axis=0)  # the diagonal is 0, so k's own entry adds nothing
        return np.divide(total, peers, out=np.zeros(world.n), where=peers > 0)

    row = np.clip(world.affinity[i] + stance(regime) - stance(old), -1.0, 1.0)
    row[i] = 0.0
    world.affinity[i, :] = row
    world.affinity[:, i] = row
    world.regimes[i] = regime
    world.regime_changed[i] = world.turn


def unite(world: World, i: int, j: int) -> int:
    """State i joins state j (German unification, 3 October 1990: the GDR acceded to the
    Federal Republic). j takes i's capability; i's ties end; i stays in the arrays, with no
    capability, ties or voice, so that turn records, charts and scores keep one shape.
    Returns how many ties ended.

    Why not leave such a state on the map: a class would read alliances of a state that no
    longer exists (institutions and identity lenses tied the GDR to West Germany in 2004).
    """
    ended = [int(k) for k in np.nonzero(world.tie_kind[i])[0]]
    for k in ended:
        world.remove_tie(i, k)
    world.capability[j] += world.capability[i]
    world.capability[i] = 0.0
    world.arming[j] += world.arming[i]
    world.arming[i] = 0.0
    world.aggression[i] = 0.0
    world.joined[world.joined == i] = j
    world.joined[i] = j
    return len(ended)


def without_joined(world: World, matrix: np.ndarray, fill: float) -> np.ndarray:
    """`matrix` (n, n) with the rows and columns of states that joined another set to `fill`:
    such a state neither wants, is wanted for, fears nor is feared in any tie. The matrix
    itself when no state has joined another (every scenario but a unification's)."""
    gone = world.joined >= 0
    if not gone.any():
        return matrix
    matrix = matrix.copy()
    matrix[gone, :] = fill
    matrix[:, gone] = fill
    return matrix


def _setting(default, low, high, doc: str, above_low: bool = False):
    """A setting with its allowed range and meaning, in one place: the scenario validator,
    the JSON Schema and the format docs all read this metadata."""
    return field(default=default, metadata={"low": low, "high": high, "above_low": above_low, "doc": doc})


@dataclass
class Settings:
    """World-wide parameters a scenario may set; every field has a default.

    Polarity is not a setting: it follows from the capabilities.
    """

    offense_dominance: float = _setting(
        0.5, 0.0, 1.0, "How far the offence is believed dominant: the higher, the more often allies in a "
        "multipolar world chain-gang into each other's crises; the lower, the more often great powers "
        "pass the buck. Christensen & Snyder (1990).")
    proximity_km: float = _setting(
        2500.0, 0.0, 100_000.0, "Kilometres at which proximity falls to 1/e (Walt's geographic proximity); "
        "above the Earth's circumference (40,075) every state is near every other.",
        above_low=True)
    ally_reliability: float = _setting(
        0.745, 0.0, 1.0, "Probability that an ally at commitment 0.5 with middling alternatives honours "
        "a call for help (firmer or needier allies more, looser ones less); Leeds, Long & Mitchell "
        "(2000) found 74.5%.")
    arming_rate: float = _setting(
        0.04, 0.0, 1.0, "Capability growth per turn bought by arming, as a share of own capability "
        "(internal balancing).")
    arming_lag: int = _setting(2, 0, 20, "Turns before arming adds capability (internal balancing is slow).")
    crisis_rate: float = _setting(
        0.15, 0.0, 1.0, "Chance per turn that an aggressive state presses its most threatened "
        "neighbour, times its aggression squared.")
    growth_noise: float = _setting(
        0.03, 0.0, 0.5, "Standard deviation of each state's random growth or decline per turn (log "
        "scale): power shifts that keep the balance moving; 0 freezes capabilities.")
    same_regime_affinity: float = _setting(
        0.2, -1.0, 1.0, "Affinity given to a pair with the same non-empty regime when `affinity` does "
        "not list the pair.")


@dataclass
class World:
    """All state of a world at one turn. Indices are positions in `ids`."""

    ids: list[str]
    names: list[str]
    capability: np.ndarray  # (n,) >= 0, any positive scale
    lon: np.ndarray  # (n,) degrees
    lat: np.ndarray  # (n,) degrees
    offense: np.ndarray  # (n,) 0..1 offensive capability
    aggression: np.ndarray  # (n,) 0..1 perceived aggressive intentions
    satisfaction: np.ndarray  # (n,) -1..1, < 0 revisionist, > 0 status quo
    tie_kind: np.ndarray  # (n, n) int8 symmetric, 0 = no tie, else TIE_KINDS index + 1
    #: (n, n) 0..1, [i, j] = i's commitment to j: each side of a tie chooses its own (Snyder
    #: 1997: the partner that fears abandonment more commits more); 0 where there is no tie
    commitment: np.ndarray
    affinity: np.ndarray  # (n, n) symmetric -1..1, propensity to stand together
    #: (n, n) int, year (or turn) the tie began; -1 unknown
    tie_since: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n, n) int: index of the state that holds the tie in place by force (the hegemon of a
    #: coerced pact, e.g. the USSR for the Warsaw Pact), -1 for a voluntary tie
    held_by: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n, n) 0..1 institutional assets a tie has built (C10)
    institution: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n, n) 0..1 shared identity grown by cooperation (C11)
    identity: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n, n) 0..1 how far each partner is trusted: built while a tie lasts, faded after it
    #: ends (perception.py); starts at 1 for the ties a world begins with
    trust: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n, arming_lag) capability bought and not yet delivered (C3)
    arming: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n,) trend of each state's log share a turn: > 0 rising (dynamics.settle_capabilities)
    trend: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: identity attribute per state ("" when unknown)
    regimes: list[str] = None  # type: ignore[assignment]  # set by __post_init__
    #: what a crowded map shows ("" = the name); never read by the model
    short_names: list[str] = None  # type: ignore[assignment]  # set by __post_init__
    #: (n,) turn at which each state's regime last changed by a shock; -1 if it has not
    regime_changed: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: (n,) int: index of the state each state has joined (unification, `unite`), -1 for a
    #: sovereign state; a state that has joined another has no ties, no capability and no say
    joined: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__
    #: what the active lens keeps from turn to turn (Decision.state), by name: copied with
    #: every snapshot, so Back and Reset restore it
    lens_state: dict = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    turn: int = 0
    start_year: int | None = None

    def __post_init__(self) -> None:
        n = len(self.ids)
        for name in ("capability", "lon", "lat", "offense", "aggression", "satisfaction"):
            setattr(self, name, np.asarray(getattr(self, name), dtype=float).reshape(n))
        self.tie_kind = np.asarray(self.tie_kind, dtype=np.int8).reshape(n, n)
        for name in ("commitment", "affinity"):
            setattr(self, name, np.asarray(getattr(self, name), dtype=float).reshape(n, n))
        if self.tie_since is None:
            self.tie_since = np.full((n, n), -1, dtype=int)
        if self.held_by is None:
            self.held_by = np.full((n, n), -1, dtype=int)
        for name in ("institution", "identity"):
            if getattr(self, name) is None:
                setattr(self, name, np.zeros((n, n)))
        if self.trust is None:
            self.trust = self.tied().astype(float)
        self.trend = np.zeros(n) if self.trend is None else np.asarray(self.trend, dtype=float).reshape(n)
        if self.arming is None:
            self.arming = np.zeros((n, max(1, self.settings.arming_lag)))
        if self.regimes is None:
            self.regimes = [""] * n
        if self.short_names is None:
            self.short_names = [""] * n
        if self.regime_changed is None:
            self.regime_changed = np.full(n, -1, dtype=int)
        if self.joined is None:
            self.joined = np.full(n, -1, dtype=int)
        self.index = {sid: i for i, sid in enumerate(self.ids)}

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def share(self) -> np.ndarray:
        """Capability as a share of the world's total (sums to 1)."""
        total = self.capability.sum()
        return self.capability / total if total > 0 else np.full(self.n, 1.0 / max(self.n, 1))

    def now(self) -> int:
        """The current year if the world has a start year, else the turn: what `tie_since` holds."""
        return self.start_year + self.turn if self.start_year is not None else self.turn

    def tied(self) -> np.ndarray:
        """Boolean (n, n): where a tie exists."""
        return self.tie_kind != NO_TIE

    def copy(self) -> World:
        """A deep copy: the live world must not share arrays with a snapshot or another run."""
        copied = dataclasses.replace(self, settings=dataclasses.replace(self.settings))
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                setattr(copied, f.name, value.copy())
            elif isinstance(value, list):
                setattr(copied, f.name, list(value))
            elif isinstance(value, dict):
                setattr(copied, f.name, {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in value.items()})
        copied.index = dict(self.index)
        return copied

    def split(self, like: World | None = None) -> tuple[World, dict[str, np.ndarray]]:
        """This world as (shell, arrays): every numpy array by name (a lens's arrays in
        `lens_state` as "lens_state/KEY"), and a shallow copy holding the rest, without them.

        What a turn's snapshot keeps (engine/snapshots.py stores the arrays compactly).
        `like`, the shell of the turn before: returned instead of a new one when this world's
        other fields equal its (they seldom change), so a turn costs no new lists or dicts.
        """
        arrays: dict[str, np.ndarray] = {}
        rest: dict = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                arrays[f.name] = value
            elif f.name == "lens_state":
                rest[f.name] = {}
                for key, kept in value.items():
                    if isinstance(kept, np.ndarray):
                        arrays[f"{LENS_ARRAY}{key}"] = kept
                    else:
                        rest[f.name][key] = kept
            elif f.name != "turn":
                rest[f.name] = value
        if like is not None and _same_fields(like, rest):
            return like, arrays
        shell = object.__new__(World)
        shell.__dict__.update(self.__dict__)
        for name in arrays:
            if not name.startswith(LENS_ARRAY):
                setattr(shell, name, None)
        shell.lens_state = rest["lens_state"]
        for name in ("ids", "names", "regimes", "short_names"):
            setattr(shell, name, list(getattr(self, name)))
        shell.settings = dataclasses.replace(self.settings)
        shell.index = dict(self.index)
        shell.turn = 0
        return shell, arrays

    @staticmethod
    def join(shell: World, arrays: dict[str, np.ndarray], turn: int) -> World:
        """The world `split` took apart, at `turn`: its own lists and dicts, arrays as given."""
        world = object.__new__(World)
        world.__dict__.update(shell.__dict__)
        for name in ("ids", "names", "regimes", "short_names"):
            setattr(world, name, list(getattr(shell, name)))
        world.lens_state = dict(shell.lens_state)
        for name, array in arrays.items():
            if name.startswith(LENS_ARRAY):
                world.lens_state[name[len(LENS_ARRAY):]] = array
            else:
                setattr(world, name, array)
        world.settings = dataclasses.replace(shell.settings)
        world.index = dict(shell.index)
        world.turn = turn
        return world

    def set_tie(self, i: int, j: int, kind: str | int, commitment: float, since: int = -1,
                commitment_ji: float | None = None) -> None:
        """Create or change the tie between states i and j (both directions): i's commitment to
        j is `commitment`, j's to i `commitment_ji` (the same when not given)."""
        if i == j:
            raise ValueError("a state cannot have a tie with itself")
        code = tie_code(kind) if isinstance(kind, str) else int(kind)
        self.tie_kind[i, j] = self.tie_kind[j, i] = code
        self.commitment[i, j] = commitment
        self.commitment[j, i] = commitment if commitment_ji is None else commitment_ji
        self.tie_since[i, j] = self.tie_since[j, i] = since
        self.held_by[i, j] = self.held_by[j, i] = -1

    def remove_tie(self, i: int, j: int) -> None:
        self.tie_kind[i, j] = self.tie_kind[j, i] = NO_TIE
        self.commitment[i, j] = self.commitment[j, i] = 0.0
        self.tie_since[i, j] = self.tie_since[j, i] = -1
        self.held_by[i, j] = self.held_by[j, i] = -1

    def tie_strength(self) -> np.ndarray:
        """(n, n) symmetric: a tie's strength, the mean of its two sides' commitments. What a
        bloc, a map line's width and the bonds a tie grows read; a decision reads one side."""
        return (self.commitment + self.commitment.T) / 2.0

    def tie_list(self) -> list[tuple[int, int]]:
        """Each tie once, as (i, j) with i < j, in a stable order."""
        rows, cols = np.nonzero(np.triu(self.tied(), 1))
        return list(zip(rows.tolist(), cols.tolist()))

    def blocs(self) -> list[list[int]]:
        """Groups joined by alliance ties, largest capability first; a state alone is a group of one.

        Why not plain connected components: one neutral with a treaty on each side (Finland,
        Yugoslavia in 1955) would join NATO and the Warsaw Pact into a single bloc. Communities
        of the alliance graph weighted by commitment (Louvain modularity, Blondel et al. 2008,
        fixed seed, resolution BLOC_RESOLUTION) split groups that only a few ties link.
        Why alliances only: an entente or alignment is too loose to call the partners one bloc.
        Results are cached by the ties and capabilities they depend on (snapshots and copies
        share them): the map, the charts and the output all ask, and a search on 200 states
        with 2,000 ties takes about 10 ms.
        """
        key = hashlib.blake2b(self.tie_kind.tobytes() + self.commitment.tobytes()
                              + self.capability.tobytes(), digest_size=16).digest()
        cached = _BLOCS_CACHE.get(key)
        if cached is not None:
            _BLOCS_CACHE.move_to_end(key)
            return [list(g) for g in cached]
        rows, cols = np.nonzero(np.triu(self.tie_kind == tie_code("alliance"), 1))
        if rows.size:
            import networkx as nx  # here, not above: a world without alliances (the app's first
            # world, the tutorial) shows without loading it (0.2 to 0.3 s of start-up)

            graph = nx.Graph()
            graph.add_nodes_from(range(self.n))
            strength = self.tie_strength()
            graph.add_weighted_edges_from(
                (i, j, float(strength[i, j])) for i, j in zip(rows.tolist(), cols.tolist())
            )
            found = nx.community.louvain_communities(graph, weight="weight", resolution=BLOC_RESOLUTION, seed=0)
        else:
            found = [{i} for i in range(self.n)]
        groups = [sorted(c) for c in found]
        groups.sort(key=lambda g: (-float(self.capability[g].sum()), g[0]))
        _BLOCS_CACHE[key] = groups
        if len(_BLOCS_CACHE) > 256:
            _BLOCS_CACHE.popitem(last=False)
        return [list(g) for g in groups]
