"""Where the bundled assets (fonts, templates) are, installed or not.

The installed package ``loa_assets`` is preferred; a source checkout whose install does not
provide it (the editable install maps only the ``packages.find`` results) falls back to the
top-level ``assets/`` folder.
"""

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
        here = Path(__file__).resolve().parent.parent / "assets"
        if here.is_dir():
            return here
        raise RuntimeFailure(
            "Không tìm thấy thư mục tài nguyên của Loa (phông chữ, mẫu chú thích): "
            "hãy cài lại gói loa."
        ) from None


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)
