"""One name per lens: its module, its class and its id say the same word, so a reader who
meets the id in a scenario file finds the code at once (lenses/__init__.py)."""
from __future__ import annotations

import pytest

from alliance_sandbox.lenses import LENS_IDS, LENSES


@pytest.mark.parametrize("lens_id", LENS_IDS)
def test_module_class_and_id_share_one_name(lens_id):
    cls = LENSES[lens_id]
    assert cls.id == lens_id
    assert cls.__module__ == f"alliance_sandbox.lenses.{lens_id}"
    assert cls.__name__ == "".join(part.capitalize() for part in lens_id.split("_")) + "Lens"
