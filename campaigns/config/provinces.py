"""The 34 provinces and centrally-run cities since 1/7/2025 (Nghị quyết số 202/2025/QH15 of
12/6/2025 on rearranging the provincial administrative units), and the three kinds of
commune-level unit a calendar is written for: xã, phường and đặc khu (Luật Tổ chức chính
quyền địa phương 2025, Điều 2)."""

from __future__ import annotations

import difflib

from campaigns.text import fold

CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
PROVINCES = (
    "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn",
    "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
ALL = tuple(f"Thành phố {c}" for c in CITIES) + tuple(f"Tỉnh {p}" for p in PROVINCES)
UNIT_KINDS = {"xa": "Xã", "phuong": "Phường", "dac-khu": "Đặc khu"}
_PREFIXES = ("thanh pho ", "tp. ", "tp ", "tinh ")


def _key(name: str) -> str:
    folded = fold(name)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :].strip()
    return folded


_BY_KEY = {_key(full): full for full in ALL}


def find_province(text: str) -> str | None:
    """The official name for what was typed ('lam dong', 'Tỉnh Lâm Đồng', 'TP. Hồ Chí Minh')."""
    return _BY_KEY.get(_key(text))


def close_provinces(text: str) -> list[str]:
    """Official names close to a mistyped one, for the error message."""
    keys = difflib.get_close_matches(_key(text), list(_BY_KEY), n=3, cutoff=0.6)
    return [_BY_KEY[k] for k in keys]


def unit_kind(name: str) -> str | None:
    """'xa', 'phuong' or 'dac-khu' from the unit's name ('Xã Hàm Liêm'), else None."""
    folded = fold(name)
    for kind, word in UNIT_KINDS.items():
        if folded.startswith(fold(word) + " "):
            return kind
    return None
