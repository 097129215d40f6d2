"""save_scenario is atomic: the old file survives any failure, and no temporary file is left."""
from __future__ import annotations

import json
import os
import stat

import pytest
from scenario_helpers import DATA

from alliance_sandbox.scenario import ScenarioError, load_scenario, save_scenario
from alliance_sandbox.scenario import files as files_module


@pytest.fixture
def scenario():
    return load_scenario(DATA / "europe_1914.json")


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "saved.json"
    path.write_bytes(b'{"old": "contents"}\n')
    return path


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "saved.json")


def test_save_writes_and_returns_the_path(scenario, tmp_path):
    out = save_scenario(scenario, tmp_path / "new.json")
    assert out == tmp_path / "new.json" and scenario.path == out
    assert json.loads(out.read_text(encoding="utf-8"))["name"] == "Europe 1914"
    assert out.read_bytes().endswith(b"}\n") and b"\r" not in out.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]


def test_save_without_path_uses_scenario_path(scenario, tmp_path):
    scenario.path = tmp_path / "here.json"
    assert save_scenario(scenario) == tmp_path / "here.json"
    scenario.path = None
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario)
    assert "no file name" in str(info.value)


def test_save_replaces_an_existing_file(scenario, old_file):
    save_scenario(scenario, old_file)
    assert load_scenario(old_file) == scenario
    assert leftovers(old_file.parent) == []


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync", "write"])
def test_os_failure_leaves_the_old_file_and_no_temp_file(scenario, old_file, monkeypatch, failing):
    before = old_file.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class Broken:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, payload):
                self.handle.write(payload[: len(payload) // 2])  # half written, then the disk is full
                boom()

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: Broken(real_fdopen(fd, mode)))
    else:
        _, name = failing.split(".")
        monkeypatch.setattr(os, name, boom)
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario, old_file)
    assert info.value.problems[0].path == str(old_file)
    assert info.value.problems[0].field == "(file)"
    assert info.value.problems[0].reason == "cannot write the file: No space left on device"
    assert old_file.read_bytes() == before
    assert leftovers(old_file.parent) == []
    assert scenario.path == DATA / "europe_1914.json"  # not changed by a failed save


def test_serialisation_failure_leaves_the_old_file(scenario, old_file, monkeypatch):
    before = old_file.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("serialiser broke")

    monkeypatch.setattr(files_module.json, "dumps", boom)
    with pytest.raises(RuntimeError):
        save_scenario(scenario, old_file)
    assert old_file.read_bytes() == before
    assert leftovers(old_file.parent) == []


def test_interrupt_during_write_removes_the_temp_file(scenario, old_file, monkeypatch):
    before = old_file.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_scenario(scenario, old_file)
    assert old_file.read_bytes() == before
    assert leftovers(old_file.parent) == []


def test_permission_denied(scenario, old_file, monkeypatch):
    real_open = os.open

    def deny(path, flags, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario, old_file)
    assert str(info.value) == f"{old_file}: (file): cannot write the file: permission denied"


def test_invalid_scenario_is_not_written(scenario, tmp_path):
    scenario.states[2].lat = 95.0
    scenario.ties[0].b = "GER"
    target = tmp_path / "bad.json"
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario, target)
    assert [(p.path, p.field) for p in info.value.problems] == [
        (str(target), "states[2].lat"), (str(target), "ties[0].b")]
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_saving_to_a_folder_or_a_missing_folder(scenario, tmp_path):
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario, tmp_path)
    assert info.value.problems[0].reason == "is a folder; choose a file name"
    with pytest.raises(ScenarioError) as info:
        save_scenario(scenario, tmp_path / "nowhere" / "x.json")
    assert "does not exist" in info.value.problems[0].reason


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_save_keeps_the_permissions_of_the_file_it_replaces(scenario, old_file):
    old_file.chmod(0o640)
    save_scenario(scenario, old_file)
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_save_through_a_symlink_writes_the_target(scenario, old_file, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(old_file)
    save_scenario(scenario, link)
    assert link.is_symlink() and load_scenario(old_file) == scenario
