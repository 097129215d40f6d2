"""Saves that respect the file system (scenario/atomic.py): only regular files are replaced,
links are written through (the same in the app's Save and `run --out`), temporary names
are short, and the litter of interrupted saves is cleared at the next save."""
from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from scenario_helpers import DATA

from alliance_sandbox.scenario import ScenarioError, load_scenario, save_scenario
from alliance_sandbox.scenario.atomic import TEMP_PATTERN, temp_name

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scenario():
    return load_scenario(DATA / "europe_1914.json")


def run_out(*args, cwd):
    return subprocess.run([sys.executable, "-m", "alliance_sandbox.cli", "run", str(DATA / "europe_1914.json"),
                           "--turns", "2", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def refuse(scenario, target) -> str:
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario, target)
    (problem,) = info.value.problems
    assert problem.path == str(target) and problem.field == "(file)"
    return problem.reason


@posix_only
def test_a_named_pipe_is_refused_and_stays_a_pipe(scenario, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert "named pipe (FIFO), not a regular file" in refuse(scenario, fifo)
    result = run_out("--out", fifo, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{fifo}: (file): is a named pipe (FIFO)" in result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]


@posix_only
def test_a_link_to_a_device_is_refused_and_the_device_kept(scenario, tmp_path):
    link = tmp_path / "null.json"
    link.symlink_to(os.devnull)
    assert "is a character device, not a regular file" in refuse(scenario, link)
    result = run_out("--out", link, cwd=tmp_path)
    assert result.returncode == 2 and "character device" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode) and link.is_symlink()


@posix_only
def test_a_socket_is_refused(scenario, tmp_path):
    path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert "is a socket" in refuse(scenario, path)
    finally:
        server.close()


@posix_only
@pytest.mark.parametrize("writer", ["app", "cli"])
def test_links_are_written_through_to_their_target(scenario, tmp_path, writer):
    """The one rule for links: replace the file the link points to, keep the link."""
    real = tmp_path / "week3.json"
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "current.json"
    link.symlink_to(real.name)
    if writer == "app":
        save_scenario(scenario, link)
        assert load_scenario(real) == scenario
    else:
        result = run_out("--out", link, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(real.read_text(encoding="utf-8"))["turns"]
    assert link.is_symlink() and os.readlink(link) == real.name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current.json", "week3.json"]


@posix_only
def test_a_dangling_link_creates_its_target(scenario, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    save_scenario(scenario, link)
    assert link.is_symlink() and load_scenario(tmp_path / "made.json") == scenario


@pytest.mark.parametrize("size", [242, 250, 255])
def test_names_up_to_the_file_system_limit_can_be_saved(scenario, tmp_path, size):
    name = "n" * (size - len(".json")) + ".json"
    assert len(name.encode()) == size
    save_scenario(scenario, tmp_path / name)
    assert load_scenario(tmp_path / name) == scenario
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_name_too_long_gets_a_message_not_an_os_error(scenario, tmp_path):
    name = "é" * 147 + ".json"  # 299 bytes in UTF-8
    reason = refuse(scenario, tmp_path / name)
    assert reason.startswith(f"the file name is {len(name.encode())} bytes long")
    result = run_out("--out", tmp_path / name, cwd=tmp_path)
    assert result.returncode == 2 and "bytes long" in result.stderr and "Traceback" not in result.stderr


def test_temporary_names_are_short_and_recognisable():
    name = temp_name()
    assert len(name) <= 24 and TEMP_PATTERN.fullmatch(name)


KILLED_SAVE = """
import os, signal, sys
from alliance_sandbox.scenario import load_scenario, save_scenario
sc = load_scenario(sys.argv[1])
os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)  # power cut between write and rename
save_scenario(sc, sys.argv[2])
"""


@posix_only
def test_interrupted_saves_leave_the_target_intact_and_their_litter_is_cleared(scenario, tmp_path):
    target = tmp_path / "mine.json"
    save_scenario(scenario, target)
    before = target.read_bytes()
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(DATA / "europe_1914.json"), str(target)],
                                capture_output=True, cwd=ROOT, timeout=120)
        assert result.returncode == -signal.SIGKILL
    # each killed save cleared the one before: only the last one's temporary file is left
    litter = sorted(p.name for p in tmp_path.iterdir() if p != target)
    assert len(litter) == 1 and TEMP_PATTERN.fullmatch(litter[0])
    assert target.read_bytes() == before
    # not ours: kept
    (tmp_path / ".as-notes.tmp").write_text("x")
    (tmp_path / ".mine.json.1234.tmp").write_text("x")
    mine_alive = tmp_path / temp_name()  # a save of this very process, under way
    mine_alive.write_text("x")
    scenario.name = "Renamed"
    save_scenario(scenario, target)
    assert load_scenario(target).name == "Renamed"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".as-notes.tmp", ".mine.json.1234.tmp", mine_alive.name, "mine.json"])
