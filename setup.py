"""Packages are found here rather than in pyproject.toml for one reason: the top-level
``assets/`` folder (fonts, templates) installs as the package ``loa_assets``, so that a
non-editable install finds it through importlib.resources, and pyproject's static
configuration cannot combine package discovery with that mapping."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["campaigns*", "publishers*", "tui*"]), "loa_assets"],
    package_dir={"loa_assets": "assets"},
)
