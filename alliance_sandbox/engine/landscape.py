"""Axelrod & Bennett (1993), "A Landscape Theory of Aggregation": energy, frustration, minima.

The theory, in the brief's words and signs: states have sizes ``s_i`` and pairwise
propensities ``p_ij`` (symmetric, -1..1; positive means the pair would rather be
together).  A split of the states into two blocs has the energy

    E = sum over pairs i < j of  s_i * s_j * p_ij * d_ij,

with ``d_ij = 1`` when i and j are in different blocs and 0 otherwise.  A state's
frustration is ``F_i = sum_j s_j * p_ij * d_ij``.  Switching state i changes E by
``s_i`` times the change of ``F_i``, so the configurations the theory predicts -- the
local minima of E under single switches -- are exactly those where no state can lower
its own frustration by changing sides.

Conventions (why they are what they are):

* A split and its mirror image are the same split, so state 0 is always in bloc 0 in
  what `local_minima` returns; n states have ``2**(n - 1)`` distinct splits.  The split
  with every state together (one empty bloc) is one of them.
* "Lowers" means "by more than a tolerance": ``REL_TOL`` times the total ``sum |W|``
  with ``W_ij = s_i s_j p_ij``.  Without it, plateaus (a switch that changes nothing,
  e.g. a state of size 0 or with zero propensities) would be decided by rounding noise,
  and the same landscape could report different minima for different summation orders.
  With it, a switch that changes E by no more than the tolerance is no improvement, so
  every split on a flat stretch of the landscape counts as a minimum.
* The diagonal of the propensity matrix is ignored: ``d_ii`` is always 0.

How `local_minima` stays exact and fast (17 states in a few milliseconds, 24 states --
8.4 million splits -- in tens of milliseconds on two cores): with ``x_i = +1`` for bloc
0 and ``-1`` for bloc 1, ``d_ij = (1 - x_i x_j) / 2`` and switching state i changes E by
``x_i * (W x)_i``.  The states are split into a "low" block (the bits that vary inside
a chunk of 65,536 splits) and a "high" block (fixed for a chunk), so ``(W x)_i`` is a
precomputed per-split column (low part) plus one number per chunk (high part).  Each
state's stability test is then a comparison of a precomputed float32 column with a
threshold -- no matrix product per chunk at all.  Known column ranges skip tests every
split passes and chunks no split can pass; after a few whole-chunk tests only the
surviving splits (each test keeps about half) are gathered and tested.  That float32
screen is deliberately loose (a 1e-5 relative margin), so it can only let extra splits
through, never lose one; every survivor is re-checked, and its energy computed, in
float64 with a fixed summation order -- the one definition of "local minimum" used
everywhere in this module (also by `best_move`).

numpy only; this module must not import Qt (the engine layer never does).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "MAX_MINIMA",
    "REL_TOL",
    "Minimum",
    "TooManyMinima",
    "best_move",
    "energy",
    "frustration",
    "local_minima",
]

#: A switch must lower E by more than ``REL_TOL * sum(|W|)`` to count as an improvement.
REL_TOL = 1e-12

#: Number of states whose bloc varies inside one chunk of splits: 2**16 splits per chunk
#: keeps a chunk's working set (n float32 columns of 65,536) in cache, and the number of
#: chunks (one Python-level pass each) small.
_LOW_BITS = 16

#: Relative margin of the float32 screen.  Its own rounding error is below 1e-6 of the
#: normalised scale (each row of W is divided by its absolute sum), so 1e-5 can only
#: admit extra candidates, which the float64 re-check then rejects.
_SCREEN_MARGIN = 1e-5

#: Splits re-checked in float64 per block, to keep temporaries small when a flat
#: landscape makes millions of splits candidates.
_RECHECK_BLOCK = 1 << 16

#: Tests run over a whole chunk before switching to the (fewer) surviving splits.
_DENSE_TESTS = 4


#: Default cap on the number of minima `local_minima` returns (see `TooManyMinima`).
MAX_MINIMA = 100_000


class TooManyMinima(ValueError):
    """A (nearly) flat landscape: more local minima than the caller allowed.

    Why a cap: with zero propensities every one of the ``2**(n-1)`` splits is a
    minimum; listing 8 million of them for 24 states would take a minute and gigabytes
    of memory and tell the user nothing.  The message says so; catch this to show
    "no preferred alignment" instead.
    """


@dataclass(frozen=True, slots=True)
class Minimum:
    """One predicted alignment: a split that no single state wants to leave.

    ``assignment[i]`` is 0 or 1, the bloc of state i; `local_minima` always puts
    state 0 in bloc 0 (a split and its mirror are the same split).
    """

    energy: float
    assignment: tuple[int, ...]

    @property
    def blocs(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The two blocs as tuples of state indices, the bloc holding state 0 first.

        Either may be empty (all states together is a split too).
        """
        if not self.assignment:
            return ((), ())
        first = self.assignment[0]
        same = tuple(i for i, a in enumerate(self.assignment) if a == first)
        other = tuple(i for i, a in enumerate(self.assignment) if a != first)
        return (same, other)


# --------------------------------------------------------------------------- inputs


def _prepare(sizes, propensity) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate the inputs; return (sizes, propensity, W) as float64 arrays.

    Why strict: a landscape silently computed from a transposed, ragged or NaN-laden
    matrix would predict nonsense alignments that look plausible, so malformed input is
    an error with a message that says what is wrong.  The propensity matrix is made
    exactly symmetric (mean with its transpose) and its diagonal zeroed, so that ``W``
    is exactly symmetric and mirror splits get bit-identical energies.
    """
    try:
        s = np.asarray(sizes, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"sizes must be a 1-D array of numbers: {exc}") from None
    if s.ndim != 1:
        raise ValueError(f"sizes must be 1-D (one size per state), got shape {s.shape}")
    n = s.shape[0]
    try:
        p = np.asarray(propensity, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"propensity must be an n x n array of numbers: {exc}") from None
    if n == 0 and p.size == 0:
        p = np.zeros((0, 0))
    if p.shape != (n, n):
        raise ValueError(
            f"propensity must have shape ({n}, {n}) to match {n} sizes, got {p.shape}"
        )
    if not np.all(np.isfinite(s)):
        raise ValueError("sizes must be finite (found NaN or infinity)")
    if np.any(s < 0):
        raise ValueError("sizes must be non-negative")
    if not np.all(np.isfinite(p)):
        raise ValueError("propensity must be finite (found NaN or infinity)")
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported below
        scale = float(np.abs(p).max()) if n else 0.0
        if n and not np.all(np.abs(p - p.T) <= 1e-9 * max(scale, 1.0)):
            raise ValueError("propensity must be symmetric (p[i, j] == p[j, i])")
        p = 0.5 * p + 0.5 * p.T
        np.fill_diagonal(p, 0.0)
        W = np.outer(s, s) * p
        total = np.abs(W).sum()
    if not np.isfinite(total):
        raise ValueError("sizes and propensities are too large: s_i * s_j * p_ij overflows")
    return s, p, W


def _assignment_array(assignment, n: int) -> np.ndarray:
    """Validate a 0/1 bloc assignment of length n; return it as an int8 array."""
    try:
        a = np.asarray(assignment)
    except (TypeError, ValueError) as exc:  # pragma: no cover - ragged input
        raise ValueError(f"assignment must be a 1-D array of 0/1: {exc}") from None
    if a.ndim != 1 or a.shape[0] != n:
        raise ValueError(f"assignment must have one entry (0 or 1) per state: expected "
                         f"length {n}, got shape {a.shape}")
    if a.dtype.kind not in "biuf" or not np.all((a == 0) | (a == 1)):
        raise ValueError("assignment entries must be 0 or 1 (the bloc of each state)")
    return a.astype(np.int8)


def _tolerance(W: np.ndarray) -> float:
    """The absolute tolerance below which a change of E is no change (see module doc)."""
    return REL_TOL * float(np.abs(W).sum())


# ------------------------------------------------------- float64 reference formulas


def _flip_gains(W: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Change of E if each state switched, for each row of X (+1 bloc 0, -1 bloc 1).

    ``gain[r, i] = x_ri * (W x_r)_i``.  The sum over j runs in a fixed order, one
    column at a time, so a split's gains are bit-identical however many splits are
    computed together -- which is what makes "local minimum" one consistent decision
    for `local_minima` and `best_move`.
    """
    Y = np.zeros(X.shape, dtype=np.float64)
    term = np.empty(X.shape, dtype=np.float64)
    for j in range(X.shape[1]):
        np.multiply(X[:, j, None], W[j][None, :], out=term)
        Y += term
    Y *= X
    return Y


def _energies(W: np.ndarray, A: np.ndarray) -> np.ndarray:
    """E for each row of A (0/1 blocs): the sum of W_ij over pairs i < j split apart.

    Summed pair by pair in a fixed order from the split itself (not from a formula with
    cancellation), so all-together is exactly 0 and a split and its mirror give the
    same bits.
    """
    m, n = A.shape
    E = np.zeros(m, dtype=np.float64)
    apart = np.empty(m, dtype=bool)
    for i in range(n - 1):
        ai = A[:, i]
        for j in range(i + 1, n):
            w = W[i, j]
            if w != 0.0:
                np.not_equal(ai, A[:, j], out=apart)
                E += w * apart
    return E


# ------------------------------------------------------------------ public helpers


def energy(sizes, propensity, assignment) -> float:
    """E of one split: ``sum_{i<j} s_i s_j p_ij d_ij`` (lower is more stable).

    ``assignment`` is 0/1 per state; mirrored assignments give the same energy.
    """
    _, _, W = _prepare(sizes, propensity)
    a = _assignment_array(assignment, W.shape[0])
    return float(_energies(W, a[None, :])[0])


def frustration(sizes, propensity, assignment) -> np.ndarray:
    """``F_i = sum_j s_j p_ij d_ij`` per state: how much each state dislikes its side.

    Note the state's own size is not in F_i; it is in E, where ``E = sum_i s_i F_i / 2``.
    """
    s, p, _ = _prepare(sizes, propensity)
    a = _assignment_array(assignment, s.shape[0])
    apart = a[:, None] != a[None, :]
    return (p * s[None, :] * apart).sum(axis=1)


def best_move(sizes, propensity, assignment) -> tuple[int | None, float]:
    """The next state to change sides under the landscape dynamics, and its gain.

    The 'landscape' lens moves states one at a time, each to the bloc that lowers its
    frustration.  Candidates are the states whose switch lowers E by more than the
    tolerance -- the same test `local_minima` uses, so this returns ``(None, 0.0)``
    exactly at a local minimum.  Among them, the state whose own frustration falls the
    most moves (ties: lowest index); ``gain`` is that fall of ``F_i``.  Each move lowers
    E strictly, so following `best_move` always stops, and it stops at a local minimum.
    A state of size 0 never moves: the landscape is indifferent to where it stands.
    """
    s, p, W = _prepare(sizes, propensity)
    n = s.shape[0]
    a = _assignment_array(assignment, n)
    if n == 0:
        return (None, 0.0)
    x = 1.0 - 2.0 * a.astype(np.float64)
    gains = _flip_gains(W, x[None, :])[0]
    movable = gains < -_tolerance(W)
    if not movable.any():
        return (None, 0.0)
    # F_i - F_i(after switching i) = -x_i * sum_j s_j p_ij x_j
    fall = -x * ((p * s[None, :]) @ x)
    fall = np.where(movable, fall, -np.inf)
    i = int(np.argmax(fall))
    return (i, float(fall[i]))


# ------------------------------------------------------------------- the minima


def _candidate_codes(W: np.ndarray, tol: float) -> Iterator[np.ndarray]:
    """Yield, chunk by chunk, the codes of every split that may be a local minimum.

    A superset (float32 screen); yielded lazily so the caller can stop early when a
    flat landscape makes millions of splits minima.

    A code's bit b is the bloc of state b + 1 (state 0 is in bloc 0).  See the module
    docstring for the low/high decomposition.  Row i of W is divided by its absolute
    sum ``R_i`` so every state's test works on the same scale (|(W_n x)_i| <= 1) and one
    relative float32 margin is safe for all of them, even when sizes differ by orders
    of magnitude.  The tolerance becomes a per-state shift ``t_i = tol / R_i``, folded
    into the precomputed columns and thresholds, so it costs nothing per split.
    """
    n = W.shape[0]
    nfree = n - 1
    if nfree <= 0:
        yield np.zeros(1, dtype=np.int64)
        return
    L = min(nfree, _LOW_BITS)
    H = nfree - L
    M = 1 << L

    R = np.abs(W).sum(axis=1)
    live = R > 0
    Wn = np.zeros_like(W)
    Wn[live] = W[live] / R[live, None]
    t = np.full(n, 2.0)  # a state with R_i == 0 always passes (|W_n x| is 0 <= t_i)
    t[live] = np.minimum(tol / R[live], 2.0)  # t_i >= 1 already passes every split
    margin = _SCREEN_MARGIN

    low = np.arange(1, L + 1)
    high = np.arange(L + 1, n)

    # Low block: per-row contribution of state 0 (x = +1) and the low states to (W_n x)_i,
    # stored (n, M) so that each state's values are one contiguous row.  Built by
    # doubling (rows with bit b set are rows without it, minus column b + 1 of W_n):
    # two passes per bit instead of a matrix product.
    base = np.empty((n, M), dtype=np.float64)
    base[:, 0] = Wn[:, 0]
    for b in range(L):
        size = 1 << b
        w = Wn[:, b + 1, None]
        np.subtract(base[:, :size], w, out=base[:, size:2 * size])
        base[:, :size] += w
    # Every combination of low bits occurs, so each row's range is known exactly:
    # Wn[:, 0] -/+ sum_low |Wn| (W_n[i, i] = 0, so a low state's own bit does not enter).
    spread = np.abs(Wn[:, low]).sum(axis=1)
    pos_min = Wn[:, 0] - spread
    pos_max = Wn[:, 0] + spread

    # High block: one (W_n x)_i offset per chunk, for all chunks at once.
    h_codes = np.arange(1 << H, dtype=np.int64)
    x_hi = 1.0 - 2.0 * ((h_codes[:, None] >> np.arange(H, dtype=np.int64)[None, :]) & 1)
    offset = x_hi @ Wn[:, high].T  # (2**H, n)
    sign_fixed = np.ones((1 << H, n))  # x of states 0 and high, per chunk
    sign_fixed[:, high] = x_hi

    # Tests, per state i and split r (x_ri * ((W_n x)_ri) >= -t_i - margin):
    # * low state (bit b = i - 1): store P = x * base + t; test P >= -margin - x * offset,
    #   with x = +1 on rows whose bit b is 0, -1 otherwise (a (.., 2, 2**b) view).
    # * state 0 / high state with sign sg for the chunk: store base and test
    #   base >= -margin - t - offset (sg = +1) or base <= margin + t - offset (sg = -1).
    screen = base.astype(np.float32)
    sign_pair = np.array([1.0, -1.0], dtype=np.float32).reshape(1, 2, 1)
    for i in low:
        b = i - 1
        view = screen[i].reshape(M >> (b + 1), 2, 1 << b)
        view *= sign_pair
        view += np.float32(t[i])
    del base
    # Range of P on each half (bit 0: base + t, bit 1: t - base), to skip a test every
    # split passes, or a whole chunk when a test fails for every split.
    lo_min = np.stack([pos_min + t, t - pos_max], axis=1)
    lo_max = np.stack([pos_max + t, t - pos_min], axis=1)
    k = np.arange(M, dtype=np.int64)
    fixed_cols = np.concatenate(([0], high))

    # Thresholds for every chunk at once (float64 then rounded to float32: the margin
    # covers that rounding).
    thr_fixed = -margin - t[None, :] - sign_fixed * offset  # (2**H, n), fixed-sign states
    thr_lo_plus = -margin - offset  # bit 0 rows (x = +1)
    thr_lo_minus = -margin + offset  # bit 1 rows (x = -1)

    mask = np.empty(M, dtype=bool)
    tmp = np.empty(M, dtype=bool)
    for h in range(1 << H):
        tests: list[tuple[Any, np.ndarray, Any]] = []
        cmp: Any
        dead = False
        for i in fixed_cols:
            thr = thr_fixed[h, i]
            if sign_fixed[h, i] > 0:
                lo, hi_, cmp, bound = pos_min[i], pos_max[i], np.greater_equal, thr
            else:
                lo, hi_, cmp, bound = -pos_max[i], -pos_min[i], np.less_equal, -thr
            if thr <= lo - 1e-6:  # every split passes (1e-6: float32 rounding slack)
                continue
            if thr > hi_ + 1e-6:  # no split passes: the chunk has no minimum
                dead = True
                break
            tests.append((cmp, screen[i], np.float32(bound)))
        if dead:
            continue
        for i in low:
            t0, t1 = thr_lo_plus[h, i], thr_lo_minus[h, i]
            if t0 <= lo_min[i, 0] - 1e-6 and t1 <= lo_min[i, 1] - 1e-6:
                continue
            if t0 > lo_max[i, 0] + 1e-6 and t1 > lo_max[i, 1] + 1e-6:
                dead = True
                break
            b = i - 1
            thr2 = np.array([t0, t1], dtype=np.float32).reshape(1, 2, 1)
            tests.append((None, screen[i].reshape(M >> (b + 1), 2, 1 << b), thr2))
        if dead:
            continue
        if not tests:
            yield k | (h << L)
            continue
        # The first few tests run over the whole chunk (one vectorised pass each); each
        # keeps about half of the splits, so the rest gather the survivors only.
        for number, (cmp, arr, bound) in enumerate(tests[:_DENSE_TESTS]):
            out = mask if number == 0 else tmp
            (cmp or np.greater_equal)(arr, bound, out=out.reshape(arr.shape))
            if number:
                np.logical_and(mask, tmp, out=mask)
        idx = np.flatnonzero(mask)
        for cmp, arr, bound in tests[_DENSE_TESTS:]:
            if not idx.size:
                break
            vals = arr.reshape(M).take(idx)
            if cmp is None:  # low state: threshold by the state's own bit
                b = arr.shape[2].bit_length() - 1
                bound = bound.reshape(2)[(idx >> b) & 1]
                idx = idx[vals >= bound]
            else:
                idx = idx[cmp(vals, bound)]
        if idx.size:
            yield idx | (h << L)


def local_minima(
    sizes, propensity, max_states: int = 26, *, max_minima: int | None = MAX_MINIMA
) -> list[Minimum]:
    """Every local minimum of E, by exact enumeration of all ``2**(n-1)`` splits.

    Returns the predicted alignments, lowest energy first; equal energies are ordered
    by assignment, so the result is deterministic.  State 0 is in bloc 0 in every
    assignment.  0 states give the single empty split, 1 state the single split.

    Raises ValueError for malformed inputs or when ``n > max_states`` (the work doubles
    with each state: 24 states is 8.4 million splits, a few tens of milliseconds).

    A landscape with flat stretches (zero propensities, states of size 0) has many
    splits of equal energy, and each of them is a minimum.  More than ``max_minima``
    of them raises `TooManyMinima` (a ValueError) as soon as that is known, rather
    than spending minutes and gigabytes on the list; ``max_minima=None`` lifts the cap.
    """
    _, _, W = _prepare(sizes, propensity)
    n = W.shape[0]
    if n > max_states:
        raise ValueError(
            f"{n} states exceed max_states={max_states}: exact enumeration would check "
            f"2**{n - 1} = {2 ** (n - 1):,} splits"
        )
    if n == 0:
        return [Minimum(energy=0.0, assignment=())]
    tol = _tolerance(W)
    shifts = np.arange(n - 1, dtype=np.int64)
    kept: list[np.ndarray] = []
    count = 0

    def recheck(codes: np.ndarray) -> None:
        """Keep the codes that pass the float64 local-minimum test (the definition)."""
        nonlocal count
        A = np.zeros((codes.size, n), dtype=np.int8)
        A[:, 1:] = (codes[:, None] >> shifts[None, :]) & 1
        ok = (_flip_gains(W, 1.0 - 2.0 * A) >= -tol).all(axis=1)
        if ok.any():
            kept.append(A[ok])
            count += int(ok.sum())
            if max_minima is not None and count > max_minima:
                raise TooManyMinima(
                    f"more than {max_minima:,} local minima among the {2 ** (n - 1):,} "
                    f"splits of {n} states: the landscape is (nearly) flat, many "
                    f"alignments are equally good (pass max_minima=None to list them all)"
                )

    pending: list[np.ndarray] = []
    pending_size = 0
    for codes in _candidate_codes(W, tol):
        pending.append(codes)
        pending_size += codes.size
        if pending_size >= _RECHECK_BLOCK:
            recheck(np.concatenate(pending))
            pending, pending_size = [], 0
    if pending:
        recheck(np.concatenate(pending))
    if not kept:  # cannot happen (the global minimum is a local one); be explicit
        raise RuntimeError("no local minimum found; this is a bug")
    A = np.concatenate(kept)
    E = np.concatenate([_energies(W, A[i:i + _RECHECK_BLOCK])
                        for i in range(0, A.shape[0], _RECHECK_BLOCK)])
    order = np.lexsort(tuple(A[:, c] for c in range(n - 1, -1, -1)) + (E,))
    rows = A[order].tolist()
    return [Minimum(energy=float(E[r]), assignment=tuple(row)) for r, row in zip(order, rows)]
