"""Axelrod & Bennett landscape: the fast enumeration against a pure-Python reference.

The reference below follows the definitions word for word (energy as a sum over
split pairs, a local minimum as a split where no single switch lowers E by more than
the tolerance), with no vectorisation and no algebra, so a shared mistake is unlikely.
"""
from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest

from alliance_sandbox.engine import landscape
from alliance_sandbox.engine.landscape import (
    REL_TOL,
    Minimum,
    TooManyMinima,
    best_move,
    energy,
    frustration,
    local_minima,
)

# ------------------------------------------------------------------ the reference


def _ref_energy(s, p, a) -> float:
    n = len(s)
    return sum(s[i] * s[j] * p[i][j] for i in range(n) for j in range(i + 1, n) if a[i] != a[j])


def _ref_frustration(s, p, a) -> list[float]:
    n = len(s)
    return [sum(s[j] * p[i][j] for j in range(n) if a[j] != a[i]) for i in range(n)]


def _ref_tolerance(s, p) -> float:
    n = len(s)
    return REL_TOL * sum(abs(s[i] * s[j] * p[i][j]) for i in range(n) for j in range(n) if i != j)


def _ref_is_minimum(s, p, a, tol) -> bool:
    e = _ref_energy(s, p, a)
    for i in range(len(a)):
        flipped = a[:i] + (1 - a[i],) + a[i + 1:]
        if _ref_energy(s, p, flipped) - e < -tol:
            return False
    return True


def _ref_minima(s, p) -> list[tuple[float, tuple[int, ...]]]:
    """All local minima (state 0 in bloc 0) as (energy, assignment), by brute force."""
    s = [float(v) for v in s]
    p = [[float(v) for v in row] for row in p]
    tol = _ref_tolerance(s, p)
    out = []
    for rest in itertools.product((0, 1), repeat=len(s) - 1):
        a = (0,) + rest
        if _ref_is_minimum(s, p, a, tol):
            out.append((_ref_energy(s, p, a), a))
    return out


def _instance(n: int, seed: int, kind: str = "uniform"):
    """A random (sizes, propensity) pair: symmetric, zero diagonal."""
    rng = np.random.default_rng(1000 * n + seed)
    if kind == "uniform":
        sizes = rng.uniform(0.1, 3.0, n)
        p = rng.uniform(-1.0, 1.0, (n, n))
    elif kind == "ties":  # integer values: many exactly equal energies, zero sizes
        sizes = rng.integers(0, 3, n).astype(float)
        p = rng.integers(-1, 2, (n, n)).astype(float)
    elif kind == "scales":  # sizes over twelve orders of magnitude
        sizes = 10.0 ** rng.uniform(-6.0, 6.0, n)
        p = rng.uniform(-1.0, 1.0, (n, n))
    else:
        raise AssertionError(kind)
    p = np.triu(p, 1)
    return sizes, p + p.T


def _check_against_reference(sizes, p) -> None:
    got = local_minima(sizes, p)
    ref = _ref_minima(sizes, p)
    assert sorted(m.assignment for m in got) == sorted(a for _, a in ref)
    ref_e = dict((a, e) for e, a in ref)
    scale = max(1.0, float(np.abs(np.outer(sizes, sizes) * p).sum()))
    for m in got:
        assert m.assignment[0] == 0
        assert m.energy == pytest.approx(ref_e[m.assignment], abs=1e-12 * scale)
    # lowest energy first, then by assignment
    keys = [(m.energy, m.assignment) for m in got]
    assert keys == sorted(keys)


# ---------------------------------------------------------- against the reference


@pytest.mark.parametrize("n", range(1, 11))
@pytest.mark.parametrize("seed", range(4))
def test_minima_match_bruteforce_reference(n, seed):
    _check_against_reference(*_instance(n, seed))


@pytest.mark.parametrize("kind", ["ties", "scales"])
@pytest.mark.parametrize("n", [2, 3, 5, 8, 10])
@pytest.mark.parametrize("seed", range(3))
def test_plateaus_and_disparate_sizes_match_reference(kind, n, seed):
    _check_against_reference(*_instance(n, seed, kind))


@pytest.mark.parametrize("low_bits", [1, 2, 3])
@pytest.mark.parametrize("kind", ["uniform", "ties", "scales"])
def test_chunked_enumeration_matches_reference(monkeypatch, low_bits, kind):
    # Small chunks make even 9 states span many chunks: exercises the per-chunk
    # offsets, the skipped tests and chunks, and the survivor gathering.
    monkeypatch.setattr(landscape, "_LOW_BITS", low_bits)
    monkeypatch.setattr(landscape, "_DENSE_TESTS", 1)
    for n, seed in [(4, 0), (7, 1), (9, 2), (9, 3)]:
        _check_against_reference(*_instance(n, seed, kind))


def _numpy_reference_minima(sizes, p) -> set[tuple[int, ...]]:
    """Independent vectorised check for larger n: every split as a row of +/-1, with the
    change of E for each switch from one matrix product (in chunks, to bound memory)."""
    n = len(sizes)
    W = np.outer(sizes, sizes) * p
    np.fill_diagonal(W, 0.0)
    tol = REL_TOL * np.abs(W).sum()
    found: set[tuple[int, ...]] = set()
    chunk = 1 << 16
    for start in range(0, 1 << (n - 1), chunk):
        codes = np.arange(start, min(start + chunk, 1 << (n - 1)), dtype=np.int64)
        A = np.zeros((codes.size, n), dtype=np.int8)
        A[:, 1:] = (codes[:, None] >> np.arange(n - 1)) & 1
        X = 1.0 - 2.0 * A
        gains = X * (X @ W)  # change of E if each state switched
        ok = (gains >= -tol).all(axis=1)
        found.update(tuple(row) for row in A[ok].tolist())
    return found


@pytest.mark.parametrize("n, seed", [(18, 0), (20, 1)])
def test_minima_match_vectorised_reference_across_chunks(n, seed):
    sizes, p = _instance(n, seed)
    got = local_minima(sizes, p)
    assert {m.assignment for m in got} == _numpy_reference_minima(sizes, p)


# -------------------------------------------------------------- energy, frustration


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_energy_and_frustration_match_definitions(n):
    sizes, p = _instance(n, 7)
    rng = np.random.default_rng(n)
    for _ in range(10):
        a = tuple(int(v) for v in rng.integers(0, 2, n))
        assert energy(sizes, p, a) == pytest.approx(_ref_energy(sizes, p, a), abs=1e-12)
        f = frustration(sizes, p, a)
        assert f.shape == (n,)
        np.testing.assert_allclose(f, _ref_frustration(sizes, p, a), atol=1e-12)
        # E = sum_i s_i F_i / 2: each split pair is counted once from each side
        assert energy(sizes, p, a) == pytest.approx(0.5 * float(sizes @ f), abs=1e-12)


@pytest.mark.parametrize("n", [2, 6, 13])
def test_mirrored_splits_have_equal_energy(n):
    sizes, p = _instance(n, 3)
    rng = np.random.default_rng(n)
    for _ in range(20):
        a = rng.integers(0, 2, n)
        assert energy(sizes, p, a) == energy(sizes, p, 1 - a)  # bit for bit
        np.testing.assert_array_equal(frustration(sizes, p, a), frustration(sizes, p, 1 - a))


def test_all_together_has_zero_energy():
    sizes, p = _instance(8, 0)
    assert energy(sizes, p, np.zeros(8, dtype=int)) == 0.0
    assert energy(sizes, p, np.ones(8, dtype=int)) == 0.0


def test_energy_accepts_bool_and_float_assignments():
    sizes, p = _instance(4, 0)
    ref = energy(sizes, p, [0, 1, 1, 0])
    assert energy(sizes, p, np.array([False, True, True, False])) == ref
    assert energy(sizes, p, [0.0, 1.0, 1.0, 0.0]) == ref


# ------------------------------------------------------------- hand-checked cases


def test_two_friendly_pairs_that_dislike_each_other():
    # States 0, 1 like each other, so do 2, 3; every cross pair dislikes each other.
    # Apart pairs of {0,1} | {2,3}: four cross pairs at -1 -> E = -4, and no other split
    # is stable (e.g. all together, E = 0: state 2 gains by leaving).
    p = np.array([
        [0, 1, -1, -1],
        [1, 0, -1, -1],
        [-1, -1, 0, 1],
        [-1, -1, 1, 0],
    ], dtype=float)
    minima = local_minima(np.ones(4), p)
    assert minima == [Minimum(energy=-4.0, assignment=(0, 0, 1, 1))]
    assert minima[0].blocs == ((0, 1), (2, 3))
    assert energy(np.ones(4), p, [0, 0, 0, 0]) == 0.0
    np.testing.assert_array_equal(frustration(np.ones(4), p, [0, 0, 1, 1]), [-2, -2, -2, -2])


def test_sizes_weigh_the_pairs():
    # Same structure, state 0 twice as big: E = -(2*1 + 2*1 + 1*1 + 1*1) = -6.
    p = np.array([[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]], float)
    assert local_minima([2.0, 1, 1, 1], p) == [Minimum(-6.0, (0, 0, 1, 1))]


def test_frustrated_triangle_has_three_equal_minima_in_assignment_order():
    # Three mutual enemies: whoever is alone, E = -2, and no switch lowers it (moving a
    # paired state makes another pair, same E): a plateau of three minima.
    p = -(np.ones((3, 3)) - np.eye(3))
    minima = local_minima(np.ones(3), p)
    assert [m.assignment for m in minima] == [(0, 0, 1), (0, 1, 0), (0, 1, 1)]
    assert [m.energy for m in minima] == [-2.0, -2.0, -2.0]
    assert minima[1].blocs == ((0, 2), (1,))


def test_zero_one_and_two_states():
    assert local_minima([], np.zeros((0, 0))) == [Minimum(0.0, ())]
    assert local_minima([], []) == [Minimum(0.0, ())]
    assert Minimum(0.0, ()).blocs == ((), ())
    assert local_minima([3.0], [[0.0]]) == [Minimum(0.0, (0,))]
    assert local_minima([3.0], [[0.0]])[0].blocs == ((0,), ())
    friends = [[0, 0.5], [0.5, 0]]
    enemies = [[0, -0.5], [-0.5, 0]]
    assert local_minima([1.0, 2.0], friends) == [Minimum(0.0, (0, 0))]
    assert local_minima([1.0, 2.0], enemies) == [Minimum(-1.0, (0, 1))]
    indifferent = np.zeros((2, 2))
    assert local_minima([1.0, 2.0], indifferent) == [Minimum(0.0, (0, 0)), Minimum(0.0, (0, 1))]
    assert best_move([], [], []) == (None, 0.0)
    assert energy([], [], []) == 0.0


def test_blocs_put_the_bloc_of_state_zero_first():
    assert Minimum(1.0, (1, 0, 1, 0)).blocs == ((0, 2), (1, 3))
    assert Minimum(1.0, (0, 0, 0)).blocs == ((0, 1, 2), ())


def test_diagonal_is_ignored():
    sizes, p = _instance(5, 1)
    q = p.copy()
    np.fill_diagonal(q, 0.7)
    assert local_minima(sizes, q) == local_minima(sizes, p)
    assert energy(sizes, q, [0, 1, 0, 1, 1]) == energy(sizes, p, [0, 1, 0, 1, 1])


def test_result_is_deterministic():
    sizes, p = _instance(12, 5, "ties")
    assert local_minima(sizes, p) == local_minima(sizes, p)


def test_flat_landscape_every_split_is_a_minimum_and_the_cap():
    n = 12
    minima = local_minima(np.ones(n), np.zeros((n, n)), max_minima=None)
    assert len(minima) == 2 ** (n - 1)
    assert all(m.energy == 0.0 for m in minima)
    assert [m.assignment for m in minima] == sorted(m.assignment for m in minima)
    with pytest.raises(TooManyMinima, match="flat"):
        local_minima(np.ones(n), np.zeros((n, n)), max_minima=100)
    with pytest.raises(ValueError):  # TooManyMinima is a ValueError
        local_minima(np.ones(n), np.zeros((n, n)), max_minima=2 ** (n - 1) - 1)
    assert len(local_minima(np.ones(n), np.zeros((n, n)), max_minima=2 ** (n - 1))) == 2 ** (n - 1)


# ------------------------------------------------------------------- best_move


def _all_splits(n):
    return [(0,) + rest for rest in itertools.product((0, 1), repeat=n - 1)]


@pytest.mark.parametrize("kind", ["uniform", "ties", "scales"])
@pytest.mark.parametrize("n", [3, 6, 8])
def test_best_move_is_none_exactly_at_local_minima(kind, n):
    sizes, p = _instance(n, 11, kind)
    minima = {m.assignment for m in local_minima(sizes, p)}
    for a in _all_splits(n):
        state, gain = best_move(sizes, p, a)
        assert (state is None) == (a in minima)
        mirror = tuple(1 - v for v in a)
        assert best_move(sizes, p, mirror) == (state, gain)


@pytest.mark.parametrize("n", [4, 7, 9])
def test_best_move_picks_the_largest_fall_of_own_frustration(n):
    sizes, p = _instance(n, 2)
    for a in _all_splits(n):
        state, gain = best_move(sizes, p, a)
        if state is None:
            continue
        before = _ref_frustration(sizes, p, a)
        falls = []
        for i in range(n):
            flipped = a[:i] + (1 - a[i],) + a[i + 1:]
            falls.append(before[i] - _ref_frustration(sizes, p, flipped)[i])
        assert gain == pytest.approx(falls[state], abs=1e-12)
        assert gain > 0
        assert gain == pytest.approx(max(falls), abs=1e-12)


@pytest.mark.parametrize("kind", ["uniform", "ties", "scales"])
@pytest.mark.parametrize("n", [5, 8])
def test_following_best_move_reaches_a_local_minimum(kind, n):
    sizes, p = _instance(n, 4, kind)
    minima = {m.assignment for m in local_minima(sizes, p)}
    rng = np.random.default_rng(n)
    starts = [tuple(int(v) for v in rng.integers(0, 2, n)) for _ in range(40)]
    for start in starts:
        a = list(start)
        e = energy(sizes, p, a)
        for _step in range(2 ** n):  # each move lowers E, so at most 2**n moves
            state, _ = best_move(sizes, p, a)
            if state is None:
                break
            a[state] = 1 - a[state]
            e_next = energy(sizes, p, a)
            assert e_next < e
            e = e_next
        else:
            pytest.fail("best_move did not stop")
        canonical = tuple(a) if a[0] == 0 else tuple(1 - v for v in a)
        assert canonical in minima


def test_a_state_of_size_zero_never_moves():
    p = np.array([[0, -1.0], [-1.0, 0]])
    assert best_move([1.0, 0.0], p, [0, 0]) == (None, 0.0)
    assert best_move([1.0, 1.0], p, [0, 0]) == (0, 1.0)


# ------------------------------------------------------------------- big and bad


@pytest.mark.slow
def test_24_states_are_verified_local_minima():
    n = 24
    sizes, p = _instance(n, 0)
    minima = local_minima(sizes, p)
    assert minima
    assert {m.assignment for m in minima} == _numpy_reference_minima(sizes, p)
    assert [(m.energy, m.assignment) for m in minima] == sorted(
        (m.energy, m.assignment) for m in minima)
    W = np.outer(sizes, sizes) * p
    tol = REL_TOL * np.abs(W).sum()
    for m in minima:
        assert len(m.assignment) == n and m.assignment[0] == 0
        x = 1.0 - 2.0 * np.array(m.assignment)
        assert (x * (W @ x) >= -tol).all()  # float64 check: no switch lowers E
        assert best_move(sizes, p, m.assignment) == (None, 0.0)
        assert m.energy == pytest.approx(energy(sizes, p, m.assignment), abs=1e-12)
        assert m.energy == pytest.approx(0.25 * (W.sum() - x @ W @ x), abs=1e-9)
    # The best split must beat every split reached by descent from random starts.
    rng = np.random.default_rng(0)
    for _ in range(20):
        a = rng.integers(0, 2, n)
        while (move := best_move(sizes, p, a))[0] is not None:
            a[move[0]] = 1 - a[move[0]]
        canonical = tuple(int(v) for v in (a if a[0] == 0 else 1 - a))
        assert canonical in {m.assignment for m in minima}
        assert minima[0].energy <= energy(sizes, p, a)


@pytest.mark.parametrize(
    "sizes, p, message",
    [
        (np.ones(3), np.zeros((3, 2)), "shape"),
        (np.ones(3), np.zeros((2, 2)), "shape"),
        (np.ones((3, 1)), np.zeros((3, 3)), "1-D"),
        ([1.0, np.nan, 1.0], np.zeros((3, 3)), "finite"),
        ([1.0, np.inf, 1.0], np.zeros((3, 3)), "finite"),
        (np.ones(3), [[0, np.nan, 0], [np.nan, 0, 0], [0, 0, 0]], "finite"),
        ([1.0, -1.0, 1.0], np.zeros((3, 3)), "non-negative"),
        (np.ones(3), [[0, 1, 0], [-1, 0, 0], [0, 0, 0]], "symmetric"),
        (np.ones(2), [[0, "a"], ["a", 0]], "numbers"),
        (["x", "y"], np.zeros((2, 2)), "numbers"),
        ([1e200, 1e200], [[0, 1.0], [1.0, 0]], "too large"),
    ],
)
def test_malformed_inputs_raise(sizes, p, message):
    with pytest.raises(ValueError, match=message):
        local_minima(sizes, p)
    with pytest.raises(ValueError, match=message):
        energy(sizes, p, [0] * len(sizes))
    with pytest.raises(ValueError, match=message):
        best_move(sizes, p, [0] * len(sizes))


@pytest.mark.parametrize("assignment", [[0, 1], [0, 1, 2], [0, -1, 1], ["a", "b", "c"],
                                        [[0, 1, 1]], [0.5, 0, 1]])
def test_malformed_assignments_raise(assignment):
    sizes, p = _instance(3, 0)
    for fn in (energy, frustration, best_move):
        with pytest.raises(ValueError, match="assignment"):
            fn(sizes, p, assignment)


def test_too_many_states_raise():
    sizes, p = _instance(7, 0)
    with pytest.raises(ValueError, match="max_states=6"):
        local_minima(sizes, p, max_states=6)
    assert local_minima(sizes, p, max_states=7)
    big = np.ones(27)
    with pytest.raises(ValueError, match="27 states exceed max_states=26"):
        local_minima(big, np.zeros((27, 27)))


def test_landscape_module_does_not_import_qt():
    code = (
        "import sys, alliance_sandbox.engine.landscape\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(_repo_root()))


def _repo_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]
