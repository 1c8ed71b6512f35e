"""Vietnamese text written to be read aloud: numbers, dates, ranges and abbreviations
spelled out, for the ward's loudspeaker announcer and a text-to-speech engine.

Why hand-written rules. Candidates from PyPI, tried on the issue's examples (Python 3.11):
- ``vinorm`` 2.0.7 (2020): a prebuilt x86-64 binary run per call that writes its input and
  output files inside site-packages (fails on a read-only install, races between two
  processes), imports ``imp`` (gone in Python 3.12), lowercases and drops punctuation, reads
  '4-5 bác sĩ' as 'bốn tháng năm', '7/4' as 'tháng bốn' and a date range without 'đến';
  about 27 ms a call. Licence 'AILAB' (no grant of rights stated).
- ``vietnormalizer`` 0.2.3: pure Python, 0.35 ms a call, but the same '4-5' and
  '7/4' readings, 'BHYT' → 'bê hát i tê', '72-NQ/TW' → 'bảy mươi hai-en cu/tê vê kép',
  'ngày 27/2/2027' → 'ngày ngày …'.
- ``soe-vinorm``: needs onnxruntime, scikit-crfsuite and a model fetched from a hub at run
  time (no network here).
- ``num2words`` (lang 'vi'): integers only, and wrong ones: 2027 → 'hai nghìn lẻ hai mươi
  bảy', 75.5 → 'bảy mươi lăm phẩy năm mươi'.
- ``underthesea``'s ``text_normalize`` fixes tone-mark placement, it does not read numbers.
None reads a ward's plans right, so the rules are written here once and tested
(tests/bulletin/test_speech.py); ``bench/bulletin.py`` prints their speed against a plain
``str.replace`` pass and their coverage of the bundled content.

The rules, in order: document numbers ('72-NQ/TW'), then dates and date ranges, times,
percentages and ranges, decimals and integers (one pass of one pattern), roman numerals
after 'quý', 'phần', 'khóa'…, then abbreviations: the bundled list and the ward's own
(``[bulletin] abbreviations``); an all-caps word that is not a Vietnamese syllable and is in
neither list is spelled letter by letter and reported, so ``loa check`` can name it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from campaigns.text import nfc

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu")
MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
          "mười một", "mười hai")  # fmt: skip

# The bundled abbreviations of a ward's plans and notices (exact case; keys ending in '.'
# take their dot). A ward adds or replaces entries in calendar.toml, [bulletin] abbreviations.
ABBREVIATIONS: dict[str, str] = {
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "BHTN": "bảo hiểm thất nghiệp",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "CHXHCN": "Cộng hòa xã hội chủ nghĩa",
    "CNXH": "chủ nghĩa xã hội",
    "ĐCSVN": "Đảng Cộng sản Việt Nam",
    "TW": "Trung ương",
    "BCH": "Ban Chấp hành",
    "BCĐ": "Ban Chỉ đạo",
    "TNCS": "Thanh niên Cộng sản",
    "TNTP": "Thiếu niên Tiền phong",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "KCB": "khám, chữa bệnh",
    "TYT": "trạm y tế",
    "CSSK": "chăm sóc sức khỏe",
    "ATTP": "an toàn thực phẩm",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "GD&ĐT": "giáo dục và đào tạo",
    "KT-XH": "kinh tế, xã hội",
    "CAND": "Công an nhân dân",
    "QĐND": "Quân đội nhân dân",
    "PCCC": "phòng cháy, chữa cháy",
    "ANTT": "an ninh trật tự",
    "VN": "Việt Nam",
    "TP.": "thành phố",
    "TX.": "thị xã",
    "v.v.": "vân vân",
    "v.v": "vân vân",
    "ThS.": "thạc sĩ",
    "TS.": "tiến sĩ",
    "BS.": "bác sĩ",
    "PGS.": "phó giáo sư",
    "GS.": "giáo sư",
    "COVID": "cô-vít",
    "WHO": "Tổ chức Y tế Thế giới",
}

# Codes of document numbers ('72-NQ/TW', '282/NQ-CP'), for ``document_numbers = "expand"``.
DOCUMENT_CODES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "TW": "Trung ương",
    "CP": "Chính phủ",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TU": "Tỉnh ủy",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "TTg": "Thủ tướng",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Thành ủy",
    "ĐU": "Đảng ủy",
    "UBND": "Ủy ban nhân dân",
}

# Letter names for spelling a code or an unknown abbreviation aloud.
LETTERS = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "F": "ép", "G": "giê",
    "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "lờ", "M": "em", "N": "en", "O": "o",
    "P": "pê", "Q": "quy", "R": "rờ", "S": "ét", "T": "tê", "U": "u", "V": "vê",
    "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}  # fmt: skip

# units written right after a number ('1,5cm')
UNITS = {"cm": "xăng-ti-mét", "mm": "mi-li-mét", "km": "ki-lô-mét", "kg": "ki-lô-gam",
         "m": "mét", "ha": "héc-ta", "ml": "mi-li-lít", "đ": "đồng", "VNĐ": "đồng"}  # fmt: skip

DocumentStyle = Literal["letters", "number", "expand", "keep"]


def read_int(n: int) -> str:
    """An integer read aloud: 21 'hai mươi mốt', 105 'một trăm linh năm', 2027 'hai nghìn
    không trăm hai mươi bảy', 1 250 000 'một triệu hai trăm năm mươi nghìn'."""
    if n < 0:
        return "âm " + read_int(-n)
    if n == 0:
        return DIGITS[0]
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words.append(_hundreds(g, full=i < len(groups) - 1))
        scale = _scale(i)
        if scale:
            words.append(scale)
    return " ".join(words)


def _scale(i: int) -> str:
    # past 'tỷ' the scales repeat: 10^12 'nghìn tỷ', 10^15 'triệu tỷ', 10^18 'tỷ tỷ'
    return " ".join(filter(None, [_SCALES[i % 3], *["tỷ"] * (i // 3)]))


def _hundreds(g: int, *, full: bool) -> str:
    """0–999; ``full``: a group after a higher one reads its 'không trăm' and 'linh'."""
    h, t, u = g // 100, g // 10 % 10, g % 10
    out: list[str] = []
    if h or full:
        out += [DIGITS[h], "trăm"]
    if t == 0:
        if u and out:
            out.append("linh")
        if u:
            out.append(DIGITS[u])
    elif t == 1:
        out.append("mười")
        if u:
            out.append("lăm" if u == 5 else DIGITS[u])
    else:
        out += [DIGITS[t], "mươi"]
        if u:
            out.append({1: "mốt", 4: "tư", 5: "lăm"}.get(u, DIGITS[u]))
    return " ".join(out)


def read_digits(digits: str) -> str:
    return " ".join(DIGITS[int(d)] for d in digits)


def read_number(text: str) -> str:
    """'1.250.000', '3,5', '07' as written in Vietnamese (',' decimal, '.' thousands)."""
    whole, _, frac = text.partition(",")
    value = read_int(int(whole.replace(".", "")))
    if not frac:
        return value
    # '75,5' 'phẩy năm'; '1,05' 'phẩy không năm'; '3,14159' digit by digit
    tail = read_int(int(frac)) if len(frac) <= 2 and not frac.startswith("0") else read_digits(frac)
    return f"{value} phẩy {tail}"


def read_date(d: int, m: int, y: int | None = None) -> str:
    """'ngày bảy tháng tư' / '… năm hai nghìn không trăm hai mươi bảy' (no leading 'ngày'
    when ``d`` is 0: a month and year only)."""
    parts = [f"ngày {read_int(d)}"] if d else []
    parts.append(f"tháng {MONTHS[m]}")
    if y is not None:
        parts.append(f"năm {read_int(y)}")
    return " ".join(parts)


def read_time(h: int, mi: int) -> str:
    return f"{read_int(h)} giờ" + (f" {read_int(mi)} phút" if mi else "")


def read_duration(seconds: float) -> str:
    """'hai phút mười lăm giây' (whole seconds)."""
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    parts = [f"{read_int(minutes)} phút"] if minutes else []
    if secs or not minutes:
        parts.append(f"{read_int(secs)} giây")
    return " ".join(parts)


def spell_letters(word: str) -> str:
    return " ".join(LETTERS.get(c.upper(), c) for c in word if c.isalnum())


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman(text: str) -> int | None:
    """The value of a well-formed roman numeral (I–MMMCMXCIX), None otherwise."""
    total, prev = 0, 0
    for c in reversed(text):
        v = _ROMAN.get(c)
        if v is None:
            return None
        total += -v if v < prev else v
        prev = max(prev, v)
    return total if 0 < total < 4000 and _to_roman(total) == text else None


_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _to_roman(n: int) -> str:
    out = ""
    for v, s in _NUMERALS:
        while n >= v:
            out, n = out + s, n - v
    return out


# --- patterns ------------------------------------------------------------------------

_UP = "A-ZĐ"
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DASH = r"\s*[-–—]\s*"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_DATE = rf"{_D}/{_M}(?:/\d{{4}})?"
# a code: capitals with at most one small letter after them ('NQ', 'CTr', 'TTg')
_DOC = re.compile(
    rf"(?<![\w/.,])(\d+(?:/\d{{4}})?)([-/])([{_UP}]{{2,}}[a-z]?(?:[-/][{_UP}]+[a-z]?)*)(?![\w/])"
)
_TOKENS = re.compile(
    rf"(?<![\w/.,])(?:"
    r"(?P<phone>0\d{2,4}(?:[. ]\d{2,4}){1,3}(?=[\s,;)]|$|\.(?!\d))|0\d{8,10})"
    rf"|(?P<drange>{_DATE}){_DASH}(?P<dend>{_DATE})"
    rf"|(?P<date>{_D})/(?P<dm>{_M})(?:/(?P<dy>\d{{4}}))?"
    rf"|(?P<my>{_M})/(?P<my_y>\d{{4}})"
    r"|(?P<h>[01]?\d|2[0-3])(?::|h(?=[0-5]\d(?!\d)))(?P<mi>[0-5]\d)|(?P<hh>[01]?\d|2[0-3])h"
    rf"|(?P<lo>{_NUM})(?P<lopct>\s?%)?{_DASH}(?P<hi>{_NUM})(?P<hipct>\s?%)?"
    rf"|(?P<num>{_NUM})(?P<pct>\s?%)?"
    r")(?P<unit>cm|mm|km|kg|ha|ml|m|đ|VNĐ)?(?![\w/]|[.,]\d)"
)
_ROMAN_AFTER = re.compile(
    r"(?i:\b(quý|phần|mục|khóa|khoá|chương|điều|lần thứ|thế kỷ|đại hội|hội nghị trung ương))"
    r"\s+([IVXLCDM]+)\b"
)
_ORDINAL = re.compile(r"(?i:\b(thứ|hạng))\s+(\d+)\b")
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
# an all-caps word of two or more characters ('HTX', 'KT-XH', 'H5N1', 'THÔNG')
_CAPS = re.compile(rf"(?<![\w&\u2060-])[{_UPPER}][{_UPPER}\d&-]*[{_UPPER}\d](?![\w&-])")
_VOWELS = "".join(
    c
    for c in map(chr, range(0x61, 0x1EFA))
    if c.islower() and unicodedata.normalize("NFD", c)[0] in "aeiouy"
)
# a Vietnamese syllable in capitals ('TIN', 'ĐẢNG'): a shouted word, not an abbreviation
_SYLLABLE = re.compile(
    rf"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_VOWELS}]+(ng|nh|ch|[cmnpt])?$"
)
_DOUBLED = re.compile(r"\b(ngày|tháng)\s+\1\b", re.IGNORECASE)
_PER = re.compile(r"(?<=\w)/(năm|tháng|tuần|ngày|giờ|người)\b")
_SPACES = re.compile(r"[ \t]+")
_KEPT = "\u2060"  # word joiner: marks a document code kept as written, removed at the end
_SLOGAN_DASH = re.compile(r"\s+[-–—]\s+")


@dataclass
class Speech:
    """A normaliser for one ward: its abbreviations over the bundled ones, and how document
    numbers are read ('letters': 'bảy mươi hai, en quy trên tê vê kép'; 'number': 'bảy mươi
    hai'; 'expand': 'bảy mươi hai, Nghị quyết trên Trung ương'; 'keep': 'bảy mươi hai, NQ
    trên TW', for an announcer who reads the codes as the ward does)."""

    abbreviations: Mapping[str, str] = field(default_factory=dict)
    document_numbers: DocumentStyle = "letters"
    unknown: set[str] = field(default_factory=set)  # all-caps words spelled letter by letter

    @cached_property
    def _known(self) -> dict[str, str]:
        return {**ABBREVIATIONS, **self.abbreviations}

    @cached_property
    def _known_re(self) -> re.Pattern[str]:
        keys = sorted(self._known, key=len, reverse=True)
        alternation = "|".join(re.escape(k) for k in keys)
        return re.compile(rf"(?<![\w&.{_KEPT}])(?:{alternation})(?![\w&]|(?<=\w)\.\w)")

    def __call__(self, text: str) -> str:
        text = nfc(text)
        text = _DOC.sub(self._document, text)
        text = _ROMAN_AFTER.sub(_roman, text)
        text = _ORDINAL.sub(_ordinal, text)
        text = _TOKENS.sub(_token, text)
        text = self._known_re.sub(lambda m: self._known[m.group(0)], text)
        text = _CAPS.sub(self._caps, text)
        text = _DOUBLED.sub(r"\1", text)
        text = _PER.sub(r" mỗi \1", text)
        text = _SLOGAN_DASH.sub(", ", text)
        text = text.replace("%", " phần trăm").replace("&", " và ").replace("/", " trên ")
        text = re.sub(r"\d+", lambda m: read_number(m.group(0)), text)  # any digit left over
        return _SPACES.sub(" ", text.replace(_KEPT, "")).strip()

    def _document(self, m: re.Match[str]) -> str:
        number = " trên ".join(read_int(int(p)) for p in m.group(1).split("/"))
        if self.document_numbers == "number":
            return number
        parts = re.split(r"([-/])", m.group(3))
        spoken = []
        for part in parts:
            if part == "/":
                spoken.append("trên")
            elif part == "-":
                continue
            elif self.document_numbers == "expand" and part in DOCUMENT_CODES:
                spoken.append(DOCUMENT_CODES[part])
            elif self.document_numbers == "keep":
                spoken.append(_KEPT + part)
            else:
                spoken.append(spell_letters(part))
        return f"{number}, {' '.join(spoken)}"

    def _caps(self, m: re.Match[str]) -> str:
        word = m.group(0)
        if _SYLLABLE.match(word.lower()) and not any(c.isdigit() for c in word):
            return word.lower()  # a word in capitals
        self.unknown.add(word)
        return spell_letters(word)


def _roman(m: re.Match[str]) -> str:
    value = roman(m.group(2))
    if value is None:
        return m.group(0)
    word = "tư" if value == 4 and m.group(1).lower() == "quý" else read_int(value)
    return f"{m.group(1)} {word}"


_ORDINALS = {1: "nhất", 4: "tư"}


def _ordinal(m: re.Match[str]) -> str:
    n = int(m.group(2))
    return f"{m.group(1)} {_ORDINALS.get(n) or read_int(n)}"


def _pct(sign: str | None) -> str:
    return " phần trăm" if sign else ""


def _token(m: re.Match[str]) -> str:
    g = m.group
    unit = g("unit")
    if unit and (g("date") or g("drange") or g("my") or g("h") or g("hh") or g("phone")):
        return m.group(0)  # '7/4m' is no measure: leave it to the later passes
    out = _token_core(g)
    return f"{out} {UNITS[unit]}" if unit else out


def _token_core(g: Callable[[str], str | None]) -> str:
    if (start := g("drange")) and (end := g("dend")):
        return f"{_date_text(start)} đến {_date_text(end)}"
    if g("date"):
        return read_date(int(g("date") or 0), int(g("dm") or 0), _opt_int(g("dy")))
    if g("my"):
        return read_date(0, int(g("my") or 0), int(g("my_y") or 0))
    if g("phone"):  # '0225.3876.543': digit by digit, a breath between the groups
        groups = re.findall(r"\d+", g("phone") or "")
        return ", ".join(read_digits(x) for x in groups)
    if g("h") is not None:
        return read_time(int(g("h") or 0), int(g("mi") or 0))
    if g("hh") is not None:
        return read_time(int(g("hh") or 0), 0)
    if (lo := g("lo")) and (hi := g("hi")):
        # '4-5%' and '4%-5%' both read 'bốn đến năm phần trăm'
        first = _pct(g("lopct")) if g("hipct") else ""
        return f"{read_number(lo)}{first} đến {read_number(hi)}{_pct(g('hipct') or g('lopct'))}"
    return f"{read_number(g('num') or '0')}{_pct(g('pct'))}"


def _opt_int(text: str | None) -> int | None:
    return int(text) if text else None


def _date_text(text: str) -> str:
    parts = [int(p) for p in text.split("/")]
    return read_date(parts[0], parts[1], parts[2] if len(parts) > 2 else None)


def words(text: str) -> int:
    """Spoken words (syllables) in normalised text."""
    return len(re.findall(r"[^\W\d_]+", text))


PAUSE = 0.5  # seconds of breath at each comma, colon or full stop
_PAUSES = re.compile(r"[.!?:;,…]+")


def reading_seconds(text: str, pace: int) -> float:
    """How long ``text`` takes to read: its words at ``pace`` words (syllables) a minute,
    and a breath at each punctuation mark (an announcer's, and espeak-ng's: measured on the
    bundled bulletins, 0.35 to 0.67 s each)."""
    return words(text) * 60.0 / pace + PAUSE * len(_PAUSES.findall(text))
