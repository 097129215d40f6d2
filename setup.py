"""Packaging that pyproject.toml cannot say: the top-level `assets/` folder goes into the
wheel as the package `alliance_sandbox.assets` (read through `alliance_sandbox.resources`).

Why not a copy inside the package: tools regenerate `assets/` in place, and one folder
cannot drift from another. Every file under assets/, in any subfolder, is carried
(tests/packaging/test_wheel.py checks the wheel against the folder). Every other setting is
in pyproject.toml.
"""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["alliance_sandbox", "alliance_sandbox.*"]) + ["alliance_sandbox.assets"],
    package_dir={"alliance_sandbox.assets": "assets"},
    package_data={"alliance_sandbox": ["py.typed"], "alliance_sandbox.assets": ["**/*"]},
)
