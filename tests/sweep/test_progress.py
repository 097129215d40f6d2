"""Progress where stderr is not a terminal (a cluster job's log): plain lines, not a redrawn bar."""
import io

from alliance_sandbox.sweep.progress import PlainProgress, progress


def test_a_log_gets_plain_lines_with_runs_done_rate_and_time_left():
    log = io.StringIO()
    bar = progress(total=40, initial=10, stream=log)
    assert isinstance(bar, PlainProgress)  # not a tty: no tqdm bar even when tqdm is installed
    bar.every = 0.0
    bar.update(10)
    bar.close()
    (line,) = log.getvalue().splitlines()
    assert line.startswith("sweep: 20/40 runs (50%), ") and "runs/s" in line and "left" in line
    assert "\r" not in log.getvalue()


def test_quiet_prints_nothing():
    log = io.StringIO()
    bar = progress(total=5, initial=0, enabled=False, stream=log)
    bar.update(5)
    bar.close()
    assert log.getvalue() == ""
