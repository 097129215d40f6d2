"""Turn snapshots kept compactly: each stores what changed since the one before.

Why: the simulation keeps every turn, so Back and the timeline are exact, and a 200-state
world holds a dozen dense n x n arrays (ties' commitment, trust, institutions, identity,
the ties' risks): 2.5 MB a turn when every turn is a full copy. From one turn to the next
only some entries of those arrays change, so a `Frame` holds, for each array, the flat
positions whose bits changed and their new values, against an earlier frame (its `base`).
The first frame of a run is whole; each frame is stored against the one before it, except
every KEYFRAME_EVERY-th, which is stored against the first, so reading any turn applies at
most KEYFRAME_EVERY deltas.

Exact by construction: values are compared and copied bit for bit (viewed as unsigned
integers), so -0.0, NaN and every last bit come back as recorded, and Back restores a world
identical to the one left. Generic: any named arrays of any shape and dtype, symmetric or
not (nothing here knows the engine's fields); an array that appears, disappears or changes
shape or dtype is stored whole. Frames never change once made (safe to share between runs
and branches); the arrays they give back are read-only for the same reason.
"""
from __future__ import annotations

from collections import Counter, deque
from functools import lru_cache

import numpy as np

#: How many deltas at most lie between a frame and a whole one: the cost of reading a turn
#: (at most this many small writes) against the keyframes' size (each holds what changed
#: since the first turn).
KEYFRAME_EVERY = 16
#: Frames whose arrays stay decoded after a read, so that walking a history turn by turn
#: (charts, bloc tracking, the run output) applies one delta a turn, not up to KEYFRAME_EVERY.
RECENT_DECODED = 4

_WHOLE = -2  # count code: the array is stored whole (new, or its shape or dtype changed)
_SAME = -1  # count code: the array is the base frame's
_MASK = 1  # flag: the changed positions are a bit mask (else a list of indices)
_SCALED = 2  # flag: some new values are the old ones times a stored factor (a bit mask says which)
#: Arrays of at most this many bytes are compared as bytes, and of at most _SMALL_WHOLE
#: elements stored whole when they change (an index list would save little).
_SMALL = 4096
_SMALL_WHOLE = 64
_recent: deque[Frame] = deque()


def _changed(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Flat positions where the two arrays (same shape and dtype) differ in any bit."""
    a, b = np.ascontiguousarray(old).reshape(-1), np.ascontiguousarray(new).reshape(-1)
    size = a.dtype.itemsize
    if size in (1, 2, 4, 8):
        return np.flatnonzero(a.view(f"u{size}") != b.view(f"u{size}"))
    bytes_a, bytes_b = a.view(np.uint8).reshape(a.size, size), b.view(np.uint8).reshape(b.size, size)
    return np.flatnonzero((bytes_a != bytes_b).any(axis=1))


@lru_cache(maxsize=64)
def _index_dtype(size: int) -> np.dtype:
    """The smallest unsigned integer type that indexes `size` elements."""
    for dtype in (np.uint8, np.uint16, np.uint32):
        if size <= np.iinfo(dtype).max + 1:
            return np.dtype(dtype)
    return np.dtype(np.uint64)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _encode(old: np.ndarray, new: np.ndarray, parts: list[bytes]) -> tuple[int, int]:
    """Append what turns `old` into `new` (same shape and dtype) to parts: (count or code, flags).

    The changed positions go as a list of indices or as a bit mask, whichever is smaller.
    Their values go as they are, except those that are the old value times one common factor
    (what fades or decays by a constant rate: trust, institutions, identity after a tie
    ends), which cost one bit each once the factor is known; kept only where the product
    gives back the recorded bits exactly.
    """
    if new.nbytes <= _SMALL:  # a bytes comparison is far cheaper than numpy's calls on small arrays
        if old.tobytes() == new.tobytes():
            return _SAME, 0
        if new.size <= _SMALL_WHOLE:
            parts.append(np.ascontiguousarray(new).tobytes())
            return _WHOLE, 0
    changed = _changed(old, new)
    if changed.size == 0:
        return _SAME, 0
    size, itemsize = new.size, new.dtype.itemsize
    index_bytes = changed.size * _index_dtype(size).itemsize
    mask_bytes = (size + 7) // 8
    flags = _MASK if mask_bytes < index_bytes else 0
    values = np.ascontiguousarray(new).reshape(-1)[changed]
    scaled, factor = _scaled(np.ascontiguousarray(old).reshape(-1)[changed], values)
    cost = min(mask_bytes, index_bytes) + values.nbytes
    saved = int(scaled.sum()) * itemsize - itemsize - (changed.size + 7) // 8  # what the factor saves
    if saved > 0:
        flags |= _SCALED
        cost -= saved
    if cost >= new.nbytes:
        parts.append(np.ascontiguousarray(new).tobytes())  # most of it changed: whole is smaller
        return _WHOLE, 0
    if flags & _MASK:
        mask = np.zeros(size, dtype=bool)
        mask[changed] = True
        parts.append(np.packbits(mask).tobytes())
    else:
        parts.append(changed.astype(_index_dtype(size)).tobytes())
    if flags & _SCALED:
        parts.append(np.asarray(factor, dtype=new.dtype).tobytes())
        parts.append(np.packbits(scaled).tobytes())
        values = values[~scaled]
    parts.append(values.tobytes())
    return changed.size, flags


def _scaled(before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, float]:
    """(mask, factor): where `after` is exactly `before` times the most common factor among
    the first few pairs (floats only; an all-False mask when there is none)."""
    none = np.zeros(after.size, dtype=bool)
    if after.dtype.kind != "f" or after.size < 32:
        return none, 0.0
    with np.errstate(all="ignore"):
        sample = after[:64] / before[:64]
        counts = Counter(sample[np.isfinite(sample) & (sample != 0)].tolist())
        if not counts:
            return none, 0.0
        # the most common ratio, the smallest of equally common ones; counted in Python, not by
        # np.unique, whose sort and bookkeeping cost more than the count on 64 numbers (a few
        # calls every turn)
        factor = after.dtype.type(max(counts, key=lambda ratio: (counts[ratio], -ratio)))
        return _same_bits(before * factor, after), float(factor)


def _same_bits(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    size = a.dtype.itemsize
    return a.view(f"u{size}") == b.view(f"u{size}") if size in (1, 2, 4, 8) else np.zeros(a.size, dtype=bool)


def _decode(old: np.ndarray, count: int, flags: int, buffer: memoryview, offset: int) -> tuple[np.ndarray, int]:
    """`_encode` read back: the new array, and the offset after its bytes."""
    size, dtype = old.size, old.dtype

    def take(nbytes: int) -> memoryview:
        nonlocal offset
        piece = buffer[offset:offset + nbytes]
        offset += nbytes
        return piece

    if flags & _MASK:
        where = np.flatnonzero(np.unpackbits(np.frombuffer(take((size + 7) // 8), dtype=np.uint8), count=size))
    else:
        index_dtype = _index_dtype(size)
        where = np.frombuffer(take(count * index_dtype.itemsize), dtype=index_dtype)
    array = old.copy()
    flat = array.reshape(-1)
    if flags & _SCALED:
        factor = np.frombuffer(take(dtype.itemsize), dtype=dtype)[0]
        scaled = np.unpackbits(np.frombuffer(take((count + 7) // 8), dtype=np.uint8), count=count).view(bool)
        values = np.empty(count, dtype=dtype)
        values[scaled] = flat[where[scaled]] * factor
        rest = count - int(scaled.sum())
        values[~scaled] = np.frombuffer(take(rest * dtype.itemsize), dtype=dtype)
    else:
        values = np.frombuffer(take(count * dtype.itemsize), dtype=dtype)
    flat[where] = values
    return _frozen(array), offset


class Frame:
    """A snapshot of named arrays, stored against `base` (None: stored whole)."""

    __slots__ = ("base", "first", "depth", "layout", "header", "packed", "_arrays", "_pinned")

    def __init__(self, arrays: dict[str, np.ndarray], previous: Frame | None = None) -> None:
        """Record `arrays` (copied: later changes to them do not reach the frame), against
        `previous`, the frame of the turn before (None for the first turn)."""
        for name, array in arrays.items():
            if array.dtype.hasobject:
                raise TypeError(f"{name}: a snapshot holds arrays of numbers, not of objects")
        if previous is None:
            self.base, self.first, self.depth = None, self, 0
            self.layout = tuple((name, array.shape, array.dtype) for name, array in arrays.items())
            self.header = b""
            self.packed = b""
            self._arrays: dict[str, np.ndarray] | None = {
                name: _frozen(np.array(array, copy=True)) for name, array in arrays.items()}
            self._pinned = True
            return
        base = previous if previous.depth + 1 < KEYFRAME_EVERY else previous.first
        self.base, self.first, self.depth = base, base.first, base.depth + 1
        before = base.arrays()
        layout = tuple((name, array.shape, array.dtype) for name, array in arrays.items())
        self.layout = base.layout if layout == base.layout else layout
        header = np.zeros((len(layout), 2), dtype=np.int64)
        parts: list[bytes] = []
        kept: dict[str, np.ndarray] = {}
        for k, (name, array) in enumerate(arrays.items()):
            old = before.get(name)
            if old is None or old.shape != array.shape or old.dtype != array.dtype:
                header[k] = _WHOLE, 0
                parts.append(np.ascontiguousarray(array).tobytes())
            else:
                header[k] = _encode(old, array, parts)
            kept[name] = old if header[k, 0] == _SAME else _frozen(np.array(array, copy=True))  # type: ignore[assignment]
        # one int32 an array, count x 4 + flags (bytes: a third of an array's overhead)
        self.header = (header[:, 0] * 4 + header[:, 1]).astype(np.int32).tobytes()
        self.packed = b"".join(parts)
        self._arrays = kept
        self._pinned = True  # the newest frame stays decoded: the next one is made against it
        previous.release()

    def release(self) -> None:
        """No longer the newest frame: keep only the compact form (a whole frame keeps its arrays)."""
        if self.base is not None and self._pinned:
            self._pinned = False
            self._arrays = None

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays as recorded (read-only; shared with other frames where unchanged)."""
        if self._arrays is not None:
            return self._arrays
        chain: list[Frame] = []
        frame: Frame = self
        while frame._arrays is None:
            chain.append(frame)
            frame = frame.base  # type: ignore[assignment]  # a frame without arrays has a base
        arrays = frame._arrays
        for frame in reversed(chain):
            arrays = frame._apply(arrays)
        _remember(self, arrays)
        return arrays

    def _apply(self, before: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """This frame's arrays, from its base's."""
        out: dict[str, np.ndarray] = {}
        offset = 0
        buffer = memoryview(self.packed)
        header = np.frombuffer(self.header, dtype=np.int32).tolist()
        for (name, shape, dtype), code in zip(self.layout, header):
            count, flags = code >> 2, code & 3  # the arithmetic shift keeps _SAME and _WHOLE
            if count == _SAME:
                out[name] = before[name]
            elif count == _WHOLE:
                nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
                whole = np.frombuffer(buffer[offset:offset + nbytes], dtype=dtype).reshape(shape)
                out[name] = _frozen(whole.copy())
                offset += nbytes
            else:
                out[name], offset = _decode(before[name], count, flags, buffer, offset)
        return out

    def __deepcopy__(self, memo) -> Frame:
        return self  # never changed once made: a copied run (a branch) shares it

    def nbytes(self) -> int:
        """Bytes this frame holds of its own (its compact form; a whole frame's arrays)."""
        if self.base is None:
            return sum(a.nbytes for a in self._arrays.values()) if self._arrays else 0
        return len(self.packed) + len(self.header)


def _remember(frame: Frame, arrays: dict[str, np.ndarray]) -> None:
    """Keep the last few decoded frames' arrays, forgetting the oldest."""
    frame._arrays = arrays
    _recent.append(frame)
    while len(_recent) > RECENT_DECODED:
        old = _recent.popleft()
        if not old._pinned and old.base is not None and old not in _recent:
            old._arrays = None
