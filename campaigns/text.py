"""Vietnamese text hygiene: every string that enters Loa is NFC-normalised once, here."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

TIE = "~"  # an officer's tie: "Hồ~Chí~Minh" is shown "Hồ Chí Minh" and never broken
_TIE = re.compile(r"(?<=\S)~(?=\S)")  # between two characters; "~95%" keeps its tilde


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """'Hàng  Đợi' -> 'hang doi': no tone or vowel marks, đ as d, lower case, single spaces;
    for matching what an officer types without Unikey."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def untie(text: str) -> str:
    """The text as a reader sees it: each tie shown as a space."""
    return _TIE.sub(" ", text)


def nfc_tree(value: Any) -> Any:
    """NFC-normalise every string (keys included) in a parsed TOML/JSON tree."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k): nfc_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_tree(v) for v in value]
    return value
