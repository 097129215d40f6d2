"""Packaging that pyproject.toml cannot say: the top-level `assets/` folder goes into the
wheel as the package `alliance_sandbox.assets` (read through `alliance_sandbox.resources`).

Why not a copy inside the package: tools regenerate `assets/` in place, and one folder
cannot drift from another. Every other setting is in pyproject.toml.
"""
from setuptools import find_packages, setup

ASSET_PACKAGES = {"alliance_sandbox.assets": "assets", "alliance_sandbox.assets.scenarios": "assets/scenarios"}

setup(
    packages=find_packages(include=["alliance_sandbox", "alliance_sandbox.*"]) + list(ASSET_PACKAGES),
    package_dir=ASSET_PACKAGES,
    package_data={
        "alliance_sandbox": ["py.typed"],
        "alliance_sandbox.assets": ["*.json", "*.md", "*.svg", "*.png", "*.desktop"],
        "alliance_sandbox.assets.scenarios": ["*.json"],
    },
)
