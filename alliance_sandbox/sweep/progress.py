"""The progress of a sweep: runs done, rate, time left.

tqdm draws the bar on a terminal (the `[sweep]` extra installs it). Where stderr is not a
terminal (a cluster job's log, a pipe), or without tqdm, a plain line every ten seconds
says the same in words: a bar redrawn with carriage returns makes an unreadable log.
"""
from __future__ import annotations

import sys
import time


class PlainProgress:
    """`sweep: 120/800 runs (15%), 5.1 runs/s, about 2 min 13 s left`, every `every` seconds."""

    def __init__(self, total: int, initial: int, stream, every: float = 10.0) -> None:
        self.total, self.done, self.stream, self.every = total, initial, stream, every
        self._start_done = initial
        self._start = self._last = time.monotonic()

    def update(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._print(now)

    def _print(self, now: float) -> None:
        rate = (self.done - self._start_done) / max(now - self._start, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else float("nan")
        share = 100 * self.done / self.total if self.total else 100
        when = f", about {_duration(left)} left" if rate > 0 and self.done < self.total else ""
        print(f"sweep: {self.done}/{self.total} runs ({share:.0f}%), {rate:.1f} runs/s{when}",
              file=self.stream, flush=True)

    def close(self) -> None:
        pass


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def progress(total: int, initial: int, enabled: bool = True, stream=None):
    """A progress reporter with `update(n)` and `close()`."""
    stream = sys.stderr if stream is None else stream
    if not enabled:
        return PlainProgress(total, initial, stream, every=float("inf"))
    if stream.isatty():
        try:
            from tqdm import tqdm
        except ImportError:
            pass
        else:
            return tqdm(total=total, initial=initial, unit="run", desc="sweep", file=stream, smoothing=0.1)
    return PlainProgress(total, initial, stream)
