"""Where the bundled assets (fonts, templates) are, installed or not."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def assets_dir() -> Path:
    return Path(str(resources.files("loa_assets")))


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)
