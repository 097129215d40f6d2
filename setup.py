"""Packaging that pyproject.toml cannot say: the top-level `assets/` folder goes into the
wheel as the package `alliance_sandbox.assets`, and the docs' pages (`docs/*.md`, which
Help opens inside the app) as `alliance_sandbox.docs` (both read through
`alliance_sandbox.resources`).

Why not a copy inside the package: tools regenerate `assets/` and docs in place, and one
folder cannot drift from another. Every file under assets/, in any subfolder, is carried, and
every page of docs/ (tests/packaging/test_wheel.py checks the wheel against the folders; the
gallery's pictures stay in the repository). Every other setting is in pyproject.toml.
"""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["alliance_sandbox", "alliance_sandbox.*"])
    + ["alliance_sandbox.assets", "alliance_sandbox.docs"],
    package_dir={"alliance_sandbox.assets": "assets", "alliance_sandbox.docs": "docs"},
    package_data={"alliance_sandbox": ["py.typed"], "alliance_sandbox.assets": ["**/*"],
                  "alliance_sandbox.docs": ["*.md"]},
)
