"""Alliance Sandbox: alliance theory at work, on a world map."""
import os as _os

# The engine multiplies small matrices (n <= a few hundred) every turn. Multi-threaded BLAS
# makes those slower, not faster: 2.4 ms instead of 0.3 ms for 200 x 200 on two busy cores
# (benchmarks/bench_engine.py). Set before numpy loads; a user's own setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
