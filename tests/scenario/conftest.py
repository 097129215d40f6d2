"""Fixtures for the scenario tests (plain pytest, no Qt)."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path):
    """write(content, name="x.json") -> Path: a file in tmp_path holding str or bytes."""

    def _write(content, name: str = "x.json") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
        return path

    return _write
