"""Vietnamese text hygiene: every string that enters Loa is NFC-normalised once, here."""

from __future__ import annotations

import unicodedata
from typing import Any


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfc_tree(value: Any) -> Any:
    """NFC-normalise every string (keys included) in a parsed TOML/JSON tree."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k): nfc_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_tree(v) for v in value]
    return value
