"""Locate bundled assets (fonts, caption templates) in the installed ``loa_assets`` package.

A source checkout without an install still works: the top-level ``assets/`` folder is used.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from campaigns.errors import RuntimeFailure


@lru_cache(maxsize=1)
def assets_root() -> Path:
    try:
        return Path(str(resources.files("loa_assets")))
    except ModuleNotFoundError:
        here = Path(__file__).resolve().parent.parent / "assets"
        if here.is_dir():
            return here
        raise RuntimeFailure(
            "Không tìm thấy thư mục tài nguyên của Loa (phông chữ, mẫu chú thích): "
            "hãy cài lại gói loa."
        ) from None


def asset(*parts: str) -> Path:
    return assets_root().joinpath(*parts)
