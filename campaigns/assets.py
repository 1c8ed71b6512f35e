"""Where the bundled assets (fonts, templates) are: the package ``loa_assets``, which is the
top-level ``assets/`` folder installed under that name (see setup.py)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from campaigns.errors import RuntimeFailure


@lru_cache(maxsize=1)
def assets_dir() -> Path:
    try:
        return Path(str(resources.files("loa_assets")))
    except ModuleNotFoundError:
        raise RuntimeFailure(
            "Không tìm thấy thư mục tài nguyên của Loa (phông chữ, mẫu chú thích): "
            "hãy cài lại gói loa."
        ) from None


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)
