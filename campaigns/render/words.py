"""Vietnamese words for line breaking: a line may only end between words.

Vietnamese writes every syllable apart ("chăm sóc", "Việt Nam"), so a space is not a place
to break a line. ``units`` turns a text into the pieces a line break may fall between:

- the words of a word segmenter (``underthesea.word_tokenize``), plus a short lexicon of
  compounds of the campaigns that its model splits ("trạm y tế", "bảo hiểm y tế");
- a run of capitalised syllables, a proper noun ("Việt Nam", "Hải Phòng", "Hồ Chí Minh");
- the officer's ties: "~" between two characters (shown as a space; ``campaigns.text``)
  or a non-breaking space never break;
- punctuation standing alone ("học -", "quốc !") stays with the word before it, an opening
  quote or bracket with the word after it.

The segmenter was chosen with ``bench/segmenters.py``: 37 bundled slogans, fact labels and
statements; a hand-checked gold list of 35 words that must stay whole ("trạm y tế", "chăm
sóc", "tương lai", "Việt Nam", "bắt đầu", "làm việc", "hạnh phúc", "bảo vệ", "Tổ quốc"...)
and 10 word boundaries that must stay breakable ("bắt đầu | từ"):

=================  ========  =======  =======  ======  ===========  ===========
segmenter          import s  load s   ms/text  MB      words whole  breaks kept
=================  ========  =======  =======  ======  ===========  ===========
underthesea 9.5    0.21      0.13     0.31     69      32/35        10/10
pyvi 0.1.1         0.72      (import) 0.12     306     31/35        9/10
=================  ========  =======  =======  ======  ===========  ===========

underthesea is chosen: a CRF trained on VLSP 2013 whose 6 MB model ships in the wheel
(runs offline), light dependencies (no numpy/scikit-learn), the most words whole, and it
never glues across a boundary. pyvi pulls scikit-learn and scipy (4x the size, 3x the
import) and glues "bắt_đầu_từ", which would forbid good breaks. vietokenizer pulls
TensorFlow (2.1 GB) and fetches its model from the network at run time: rejected. Both
models learnt the older tone placement ("khoẻ"): the text is sent to them so placed
(``model_spelling``, one character for one), which keeps "sức khỏe" whole. With the
lexicon and the proper-noun rule, Loa's units keep all 35 gold words whole.

The segmenter is imported and its model loaded on the first text; each text's units are
cached, so a year's preview segments each distinct text once.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from campaigns.text import nfc, untie

NBSP = "\u00a0"
# compounds of the bundled campaigns that the segmenter's model cuts in two (any case)
LEXICON = ("trạm y tế", "bảo hiểm y tế", "chữa bệnh", "toàn dân", "nâng cao", "chiều cao")
OPENING = tuple("“‘«([{\"'")
_SPACES = re.compile(r"[^\S\u00a0]+")  # whitespace that is not a non-breaking space
# a tone mark on the o of "oa"/"oe" or the u of "uy" ending a syllable (decomposed text)
_OLD_TONE = re.compile(r"([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?!\w)")
_lock = threading.Lock()
_segmenter: Any = None


def syllables(text: str) -> list[str]:
    """The text cut at its breakable spaces (ties and NBSP stay inside a piece)."""
    return [s for s in _SPACES.split(nfc(text).strip()) if s]


def shown(piece: str) -> str:
    """How a piece is drawn: a tie and a non-breaking space are shown as a space."""
    return untie(piece).replace(NBSP, " ")


@lru_cache(maxsize=2048)
def units(text: str) -> tuple[str, ...]:
    """The unbreakable units of ``text`` as drawn; joined by spaces they give the text."""
    pieces = syllables(text)
    glued = unbreakable(text)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i and i - 1 in glued:
            out[-1] = f"{out[-1]} {shown(piece)}"
        else:
            out.append(shown(piece))
    return tuple(out)


def unbreakable(text: str) -> frozenset[int]:
    """The spaces of ``syllables(text)`` a line must not break at (``i``: after piece i)."""
    return frozenset(_glued(syllables(text), word_gaps(text)))


def loose(text: str) -> tuple[str, ...]:
    """The last resort when a unit cannot fit its box: break at any space, still keeping
    lone punctuation with the word before it."""
    return tuple(u for piece in units(text) for u in _rejoin(piece.split(" ")))


def _rejoin(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if out and not _has_word(p):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


@lru_cache(maxsize=2048)
def word_gaps(text: str) -> frozenset[int]:
    """Gaps inside a segmenter's word: ``i`` is the space after ``syllables(text)[i]``."""
    pieces = syllables(text)
    if len(pieces) < 2:
        return frozenset()
    plain = " ".join(shown(p) for p in pieces)
    if plain.isupper():  # a header in capitals: the model reads case, give it the words
        plain = plain.lower()
    return inside_gaps(pieces, segment(model_spelling(plain)))


def model_spelling(text: str) -> str:
    """The tone marks placed as in the model's training texts ("khỏe" -> "khoẻ", "hòa" ->
    "hoà", "thủy" -> "thuỷ"): with today's placement it misses words ("sức khỏe"). One
    character for one, so positions are kept."""
    return unicodedata.normalize(
        "NFC", _OLD_TONE.sub(r"\1\3\2", unicodedata.normalize("NFD", text))
    )


def segment(text: str) -> list[str]:
    """The segmenter's words, syllables separated by spaces, characters untouched."""
    global _segmenter
    with _lock:
        if _segmenter is None:
            from underthesea import word_tokenize

            _segmenter = word_tokenize
        words: list[str] = _segmenter(text, use_token_normalize=False)
    return words


def inside_gaps(pieces: list[str], words: list[str]) -> frozenset[int]:
    """Which spaces between ``pieces`` fall inside one of ``words`` (the same characters,
    cut differently: a segmenter splits punctuation off). Empty when they do not match."""
    inner, pos = set(), 0
    for word in words:
        parts = shown(word).split()
        for part in parts[:-1]:
            pos += len(part)
            inner.add(pos)
        pos += len(parts[-1]) if parts else 0
    flat = [shown(p).replace(" ", "") for p in pieces]
    if pos != sum(map(len, flat)):
        return frozenset()  # the segmenter changed the text: no word known, break at spaces
    gaps, at = set(), 0
    for i, piece in enumerate(flat[:-1]):
        at += len(piece)
        if at in inner and _has_word(pieces[i]) and _has_word(pieces[i + 1]):
            gaps.add(i)
    return frozenset(gaps)


def _glued(pieces: list[str], words: frozenset[int]) -> set[int]:
    """Every gap that must not break: inside a word, a proper noun, punctuation."""
    capitals = not " ".join(pieces).isupper()
    glued = set(words) | _lexicon_gaps(pieces)
    for i in range(len(pieces) - 1):
        left, right = pieces[i], pieces[i + 1]
        if not _has_word(right) and not right.startswith(OPENING):
            glued.add(i)  # "học -": a lone dash or mark stays with the word before it
        elif not _has_word(left) and left.startswith(OPENING):
            glued.add(i)  # "“ Thành": an opening quote goes with the word after it
        elif capitals and _capital(left) and _capital(right) and left[-1].isalnum():
            glued.add(i)  # "Việt Nam", "Hồ Chí Minh"
    return glued


def _lexicon_gaps(pieces: list[str]) -> set[int]:
    bare = [p.strip("".join(OPENING) + ",.;:!?”’»)]}").lower() for p in pieces]
    gaps: set[int] = set()
    for compound in LEXICON:
        parts = compound.split()
        for i in range(len(pieces) - len(parts) + 1):
            inner = range(i, i + len(parts) - 1)  # no punctuation inside the compound
            if bare[i : i + len(parts)] == parts and all(pieces[j][-1].isalnum() for j in inner):
                gaps.update(inner)
    return gaps


def _has_word(piece: str) -> bool:
    return any(c.isalnum() for c in piece)


def _capital(piece: str) -> bool:
    letters = [c for c in piece if c.isalpha()]
    return bool(letters) and letters[0].isupper()
