"""Packages are listed here rather than in pyproject.toml for one reason: the top-level
``assets/`` folder (fonts, templates) installs as the package ``loa_assets``, so that a
non-editable install finds it through importlib.resources, and pyproject's static
configuration cannot combine package discovery with that mapping.

Data folders (fonts, templates, campaign data, migration scripts) are namespace packages so
setuptools ships them as such instead of warning about them."""

from setuptools import find_namespace_packages, setup

SKIP = ["*.__pycache__", "*__pycache__*"]
code = find_namespace_packages(include=["campaigns*", "publishers*", "tui*"], exclude=SKIP)
assets = ["loa_assets." + p for p in find_namespace_packages(where="assets", exclude=SKIP)]

setup(
    packages=[*code, "loa_assets", *assets],
    package_dir={"loa_assets": "assets"},
)
