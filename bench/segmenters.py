"""Vietnamese word segmenters compared on the bundled texts (see campaigns/render/words.py).

    python bench/segmenters.py [--python NAME=/path/to/python ...]

Each candidate runs in a fresh interpreter (the project's by default; give another venv's
python for a candidate not installed here, e.g. ``--python pyvi=/tmp/pyvi/bin/python``)
and reports: import time, first call (model load), ms per text, installed size with its
dependencies, and accuracy on a hand-checked gold list drawn from the bundled slogans and
facts: words that must stay whole, and word boundaries that must stay breakable.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# hand-checked: (text, word that a line must never split)
GOLD_WORDS = [
    ("Khỏe để học - Khỏe để làm việc - Khỏe để hạnh phúc - Khỏe để bảo vệ Tổ quốc!", w)
    for w in ("làm việc", "hạnh phúc", "bảo vệ", "Tổ quốc")
] + [
    ("Đến năm 2027, mỗi trạm y tế có ít nhất từ 4-5 bác sĩ.", "trạm y tế"),
    ("Đến năm 2027, mỗi trạm y tế có ít nhất từ 4-5 bác sĩ.", "bác sĩ"),
    (
        "Bảo vệ và chăm sóc sức khỏe vì một Việt Nam khỏe mạnh, vì hạnh phúc của Nhân dân!",
        "chăm sóc",
    ),
    (
        "Bảo vệ và chăm sóc sức khỏe vì một Việt Nam khỏe mạnh, vì hạnh phúc của Nhân dân!",
        "sức khỏe",
    ),
    (
        "Bảo vệ và chăm sóc sức khỏe vì một Việt Nam khỏe mạnh, vì hạnh phúc của Nhân dân!",
        "Nhân dân",
    ),
    ("Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!", "tương lai"),
    ("Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!", "Việt Nam"),
    ("Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!", "khỏe mạnh"),
    (
        "Một nước Việt Nam khỏe mạnh được bắt đầu từ mỗi gia đình, mỗi người dân khỏe mạnh!",
        "bắt đầu",
    ),
    (
        "Một nước Việt Nam khỏe mạnh được bắt đầu từ mỗi gia đình, mỗi người dân khỏe mạnh!",
        "gia đình",
    ),
    ("Y tế dự phòng là then chốt - Y tế cơ sở là nền tảng - Nhân dân là trung tâm!", "dự phòng"),
    ("Y tế dự phòng là then chốt - Y tế cơ sở là nền tảng - Nhân dân là trung tâm!", "then chốt"),
    ("Y tế dự phòng là then chốt - Y tế cơ sở là nền tảng - Nhân dân là trung tâm!", "nền tảng"),
    ("Sức khỏe là vốn quý - Mỗi người hãy biết giữ gìn!", "Sức khỏe"),
    ("Sức khỏe là vốn quý - Mỗi người hãy biết giữ gìn!", "giữ gìn"),
    ("Sức khỏe là tài sản quý giá nhất - Hãy chủ động bảo vệ sức khỏe ngay từ hôm nay!", "tài sản"),
    (
        "Sức khỏe là tài sản quý giá nhất - Hãy chủ động bảo vệ sức khỏe ngay từ hôm nay!",
        "chủ động",
    ),
    ("Sức khỏe là tài sản quý giá nhất - Hãy chủ động bảo vệ sức khỏe ngay từ hôm nay!", "hôm nay"),
    ("Nâng cao chất lượng dịch vụ và sự hài lòng của người bệnh!", "Nâng cao"),
    ("Nâng cao chất lượng dịch vụ và sự hài lòng của người bệnh!", "chất lượng"),
    ("Nâng cao chất lượng dịch vụ và sự hài lòng của người bệnh!", "hài lòng"),
    ("Đầu tư cho y tế là đầu tư cho phát triển bền vững!", "phát triển"),
    ("Đầu tư cho y tế là đầu tư cho phát triển bền vững!", "bền vững"),
    ("Xây dựng Hải Phòng trở thành Trung tâm y tế của vùng duyên hải Bắc Bộ!", "Hải Phòng"),
    ("Xây dựng Hải Phòng trở thành Trung tâm y tế của vùng duyên hải Bắc Bộ!", "Bắc Bộ"),
    ("dân số có bảo hiểm y tế", "bảo hiểm y tế"),
    ("lượt khám, chữa bệnh bảo hiểm y tế tại trạm y tế cấp xã", "chữa bệnh"),
    ("chiều cao trung bình của trẻ em và thanh thiếu niên từ 1-18 tuổi", "trung bình"),
    ("chiều cao trung bình của trẻ em và thanh thiếu niên từ 1-18 tuổi", "trẻ em"),
    ("người dân thường xuyên tham gia hoạt động thể chất", "thường xuyên"),
    ("người dân thường xuyên tham gia hoạt động thể chất", "hoạt động"),
]
# hand-checked: (text, left syllable, right syllable) that must stay separate words
GOLD_BREAKS = [
    (
        "Một nước Việt Nam khỏe mạnh được bắt đầu từ mỗi gia đình, mỗi người dân khỏe mạnh!",
        "đầu",
        "từ",
    ),
    ("Khỏe để học - Khỏe để làm việc - Khỏe để hạnh phúc - Khỏe để bảo vệ Tổ quốc!", "để", "làm"),
    ("Khỏe để học - Khỏe để làm việc - Khỏe để hạnh phúc - Khỏe để bảo vệ Tổ quốc!", "vệ", "Tổ"),
    ("Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!", "lai", "Việt"),
    ("Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!", "Nam", "khỏe"),
    ("Đầu tư cho y tế là đầu tư cho phát triển bền vững!", "tư", "cho"),
    ("Đầu tư cho y tế là đầu tư cho phát triển bền vững!", "tế", "là"),
    ("Y tế dự phòng là then chốt - Y tế cơ sở là nền tảng - Nhân dân là trung tâm!", "là", "then"),
    ("Sức khỏe là vốn quý - Mỗi người hãy biết giữ gìn!", "biết", "giữ"),
    ("Đến năm 2027, mỗi trạm y tế có ít nhất từ 4-5 bác sĩ.", "tế", "có"),
]


def worker(name: str) -> None:
    """In the candidate's interpreter: time it on the texts (stdin), print JSON."""
    texts = json.loads(sys.stdin.read())
    start = time.perf_counter()
    if name == "underthesea":
        from underthesea import word_tokenize

        def seg(t: str) -> list[str]:
            return list(word_tokenize(t, use_token_normalize=False))
    elif name == "pyvi":
        from pyvi import ViTokenizer

        def seg(t: str) -> list[str]:
            return [w.replace("_", " ") for w in ViTokenizer.tokenize(t).split()]
    else:
        raise SystemExit(f"unknown candidate {name}")
    imported = time.perf_counter()
    seg(texts[0])
    loaded = time.perf_counter()
    out = [seg(t) for t in texts]
    per_text = (time.perf_counter() - loaded) / len(texts)
    print(json.dumps({
        "import_s": imported - start, "load_s": loaded - imported, "per_text_ms": per_text * 1000,
        "installed_mb": installed_mb(name), "words": out,
    }))  # fmt: skip


def installed_mb(name: str) -> float:
    """The files of the distribution and of everything it requires (not its extras)."""
    import re
    from importlib import metadata

    seen, todo, total = set(), [name], 0
    while todo:
        dist_name = re.split(r"[ ;<>=!~\[(]", todo.pop(), maxsplit=1)[0].lower()
        if dist_name in seen:
            continue
        seen.add(dist_name)
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            continue
        total += sum(f.locate().stat().st_size for f in dist.files or [] if f.locate().exists())
        todo += [r for r in dist.requires or [] if "extra ==" not in r]
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker")
    parser.add_argument("--python", action="append", default=[], metavar="NAME=PATH")
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker)
    sys.path.insert(0, str(ROOT))
    from campaigns.render.words import inside_gaps, model_spelling, syllables, unbreakable

    texts = sorted({t for t, _ in GOLD_WORDS} | {t for t, _, _ in GOLD_BREAKS} | bundled())
    pythons = {"underthesea": sys.executable, "pyvi": sys.executable}
    pythons |= dict(p.split("=", 1) for p in args.python)
    print(f"{len(texts)} texts, {len(GOLD_WORDS)} gold words, {len(GOLD_BREAKS)} gold breaks")
    print(f"{'segmenter':<17}{'import s':>9}{'load s':>8}{'ms/text':>9}{'MB':>7}"
          f"{'words whole':>13}{'breaks kept':>13}")  # fmt: skip
    for name, python in pythons.items():
        for spelling in (False, True):
            sent = [model_spelling(t) if spelling else t for t in texts]
            run = subprocess.run(
                [python, __file__, "--worker", name], input=json.dumps(sent),
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            label = name + (" (oà)" if spelling else "")
            if run.returncode:
                print(f"{label:<17} not runnable here: {run.stderr.strip().splitlines()[-1]}")
                break
            r = json.loads(run.stdout)
            gaps = {t: inside_gaps(syllables(t), w) for t, w in zip(texts, r["words"], strict=True)}
            whole = sum(_kept(t, w, gaps[t]) for t, w in GOLD_WORDS)
            breaks = sum(_broken(t, a, b, gaps[t]) for t, a, b in GOLD_BREAKS)
            print(f"{label:<17}{r['import_s']:>9.2f}{r['load_s']:>8.2f}{r['per_text_ms']:>9.2f}"
                  f"{r['installed_mb']:>7.0f}{whole:>9}/{len(GOLD_WORDS)}"
                  f"{breaks:>9}/{len(GOLD_BREAKS)}")  # fmt: skip
    whole = sum(_kept(t, w, unbreakable(t)) for t, w in GOLD_WORDS)
    breaks = sum(_broken(t, a, b, unbreakable(t)) for t, a, b in GOLD_BREAKS)
    print(f"{'Loa units':<17}{'':>33}{whole:>9}/{len(GOLD_WORDS)}{breaks:>9}/{len(GOLD_BREAKS)}")
    print("(oà): tone marks placed as in the model's training texts, as Loa sends them;")
    print("Loa units: underthesea (oà) + its lexicon, proper nouns and ties (words.py)")


def bundled() -> set[str]:
    from campaigns.config.load import load_calendar

    cal = load_calendar(ROOT / "calendar.toml")
    out = set()
    for pool in cal.pools.values():
        for item in pool.items:
            out |= {item.text, getattr(item, "label", "") or item.text}
    return out


def _at(text: str, word: str) -> list[int]:
    """The gaps inside ``word`` where it first occurs in ``text``."""
    from campaigns.render.words import syllables

    pieces, parts = syllables(text), word.split()
    bare = [p.strip(",.!?“”") for p in pieces]
    i = next(i for i in range(len(pieces)) if bare[i : i + len(parts)] == parts)
    return list(range(i, i + len(parts) - 1))


def _kept(text: str, word: str, gaps: frozenset[int]) -> bool:
    return all(g in gaps for g in _at(text, word))


def _broken(text: str, left: str, right: str, gaps: frozenset[int]) -> bool:
    return _at(text, f"{left} {right}")[0] not in gaps


if __name__ == "__main__":
    main()
