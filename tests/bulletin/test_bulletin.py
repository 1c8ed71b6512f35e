"""A week of Kiến An's loudspeaker bulletins, and the bad days: Tết, an unknown
abbreviation, a speech engine that fails or is missing."""

from __future__ import annotations

import re
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from campaigns.bulletin.assemble import build
from campaigns.bulletin.audio import engine_args, synthesize, wav_seconds
from campaigns.bulletin.speech import ABBREVIATIONS, DOCUMENT_CODES, reading_seconds
from campaigns.config.model import Bulletin

HAS_ESPEAK = shutil.which("espeak-ng") is not None
WEEK = ("--from", "01/04/2026", "--to", "07/04/2026")
_SECONDS = re.compile(r"(\d+) phút (\d+) giây")


def _no_tts(calendar_file: Path) -> None:
    text = calendar_file.read_text("utf-8")
    calendar_file.write_text(text.replace("[bulletin]\n", '[bulletin]\ntts = ""\n'), "utf-8")


def test_a_week_of_bulletins_reads_aloud(run_cli, calendar_file: Path, tmp_path: Path) -> None:
    _no_tts(calendar_file)
    out = tmp_path / "ban-tin"
    result = run_cli("bulletin", *WEEK, "--out", str(out))
    assert result.code == 0, result.err
    texts = sorted(out.glob("*.txt"))
    # T2–T6 at 06:00 and 17:00; 4/4 and 5/4/2026 are a weekend
    assert [p.stem for p in texts[:2]] == ["ban-tin-2026-04-01-0600", "ban-tin-2026-04-01-1700"]
    assert len(texts) == 10 and len(list(out.glob("*.docx"))) == 10
    known = [k for k in {*ABBREVIATIONS, *DOCUMENT_CODES} if k.upper() == k and len(k) > 1]
    for path in texts:
        text = path.read_text("utf-8")
        assert not re.search(r"\d|%", text), path.name
        for word in re.findall(r"[^\W\d_]+(?:[&.-][^\W\d_]+)*", text):
            assert not (len(word) > 1 and word.isupper()), (path.name, word)
            assert word not in known, (path.name, word)
        assert text.startswith("Bản tin ")
        assert "Thời lượng đọc: khoảng " in text
        assert "Đây là Đài truyền thanh phường Kiến An" in text
        assert "Các bản tin vừa rồi" in text
    peak_day = (out / "ban-tin-2026-04-07-0600.txt").read_text("utf-8")
    assert "Hôm nay, ngày bảy tháng tư, là Ngày Sức khỏe toàn dân." in peak_day
    # reading times are stated, per bulletin, in the output
    assert result.out.count("đọc khoảng") == 10
    doc = Document(str(out / "ban-tin-2026-04-07-0600.docx"))
    assert doc.paragraphs[0].text.startswith("Bản tin sáu giờ sáng, thứ Ba, ngày bảy tháng tư")
    evening = (out / "ban-tin-2026-04-07-1700.txt").read_text("utf-8")
    assert evening.startswith("Bản tin năm giờ chiều, thứ Ba")
    assert "nghe bản tin chiều nay, thứ Ba, ngày bảy tháng tư" in evening
    assert doc.paragraphs[1].text.startswith("Thời lượng đọc")
    assert doc.styles["Normal"].font.size.pt >= 16


def test_a_blackout_day_is_skipped_with_a_message(run_cli, calendar_file, tmp_path) -> None:
    _no_tts(calendar_file)
    out = tmp_path / "tet"
    # Tết 2026: 16/02 (30 tháng Chạp) to 22/02 (mùng 6)
    result = run_cli("bulletin", "--from", "13/02/2026", "--to", "17/02/2026", "--out", str(out))
    assert result.code == 0, result.err
    assert "Bỏ qua bản tin 06:00 ngày 16/02/2026: ngày nghỉ 'Tết Nguyên đán'" in result.out
    assert "bỏ qua 4 khung giờ ngày nghỉ" in result.out
    assert sorted(p.stem for p in out.glob("*.txt")) == [
        "ban-tin-2026-02-13-0600",
        "ban-tin-2026-02-13-1700",
    ]


def test_an_unknown_abbreviation_is_named_and_spelled(run_cli, calendar_file, tmp_path) -> None:
    text = calendar_file.read_text("utf-8").replace(
        "# closing = ", 'closing = "Đài phát thanh của HTX Kiến An xin hết."\n# closing = '
    )
    calendar_file.write_text(text, "utf-8")
    _no_tts(calendar_file)
    check = run_cli("check")
    assert check.code == 0, check.err
    assert "Chữ viết tắt 'HTX' chưa có cách đọc" in check.out
    out = tmp_path / "out"
    result = run_cli("bulletin", "--from", "01/04/2026", "--to", "01/04/2026", "--out", str(out))
    assert result.code == 0, result.err
    assert "chữ viết tắt 'HTX' chưa có cách đọc: đọc từng chữ cái ('hát tê ích')" in result.out
    written = (out / "ban-tin-2026-04-01-0600.txt").read_text("utf-8")
    assert "Đài phát thanh của hát tê ích Kiến An xin hết." in written


def test_a_failing_engine_still_writes_the_text(run_cli, calendar_file, tmp_path) -> None:
    fake = tmp_path / "bad-tts"
    fake.write_text("#!/bin/sh\necho 'voice not found' >&2\nexit 3\n", "utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    text = calendar_file.read_text("utf-8")
    calendar_file.write_text(text.replace("[bulletin]\n", f'[bulletin]\ntts = "{fake}"\n'), "utf-8")
    out = tmp_path / "out"
    result = run_cli("bulletin", "--from", "01/04/2026", "--to", "02/04/2026", "--out", str(out))
    assert result.code == 0, result.err
    assert f"Không tạo được âm thanh: '{fake}' báo lỗi (mã 3): voice not found." in result.out
    assert result.out.count("Không tạo được âm thanh") == 1  # said once, not per bulletin
    assert len(list(out.glob("*.txt"))) == 4 and len(list(out.glob("*.docx"))) == 4
    assert not list(out.glob("*.wav")) and not list(out.glob(".tmp-*"))
    assert "giọng đọc máy" not in (out / "ban-tin-2026-04-01-0600.txt").read_text("utf-8")


def test_a_missing_engine_says_how_to_install(run_cli, calendar_file, tmp_path) -> None:
    text = calendar_file.read_text("utf-8")
    calendar_file.write_text(
        text.replace("[bulletin]\n", '[bulletin]\ntts = "no-such-tts-engine"\n'), "utf-8"
    )
    out = tmp_path / "out"
    result = run_cli("bulletin", "--from", "01/04/2026", "--to", "01/04/2026", "--out", str(out))
    assert result.code == 0, result.err
    assert "không có chương trình đọc văn bản 'no-such-tts-engine'" in result.out
    assert "apt-get install espeak-ng" in result.out
    assert len(list(out.glob("*.txt"))) == 2


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng chưa cài (apt-get install espeak-ng)")
def test_the_machine_voice_lasts_the_stated_reading_time(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("bulletin", *WEEK, "--out", str(out))
    assert result.code == 0, result.err
    wavs = sorted(out.glob("*.wav"))
    assert len(wavs) == 10
    stated = {}
    for line in result.out.splitlines():
        if line.startswith("ban-tin-"):
            m = _SECONDS.search(line)
            assert m is not None
            stated[line.split(":")[0]] = int(m.group(1)) * 60 + int(m.group(2))
    for wav in wavs:
        seconds = wav_seconds(wav)
        assert abs(seconds - stated[wav.stem]) <= 0.1 * stated[wav.stem], (wav.name, seconds)
        text = (out / f"{wav.stem}.txt").read_text("utf-8")
        assert "giọng đọc máy" in text


def test_bulletin_section_refuses_an_unknown_placeholder() -> None:
    with pytest.raises(ValueError, match="không có chỗ điền '\\{ngay\\}'"):
        Bulletin.model_validate({"opening": "Đài {ward} xin chào, hôm nay {ngay}."})


def test_a_bad_bulletin_section_names_its_line(run_cli, calendar_file: Path) -> None:
    text = calendar_file.read_text("utf-8").replace("pace = 130", "pace = 20")
    calendar_file.write_text(text, "utf-8")
    result = run_cli("check")
    assert result.code == 2
    assert "bulletin.pace" in result.err and "≥ 60" in result.err


def test_own_posts_of_the_day_are_read_as_notices(run_cli, calendar_file, tmp_path) -> None:
    _no_tts(calendar_file)
    added = run_cli(
        "posts", "add", "--channel", "facebook", "--at", "05/01/2027 09:00",
        "--text", "Mời bà con dự họp TDP lúc 19:30 ngày 5/1, mang thẻ BHYT 📣 "
        "https://kienan.haiphong.gov.vn/hop #SucKhoe",
    )  # fmt: skip
    assert added.code == 0, added.err
    out = tmp_path / "out"
    result = run_cli("bulletin", "--from", "04/01/2027", "--to", "05/01/2027", "--out", str(out))
    assert result.code == 0, result.err
    notice = (
        "Thông báo: Mời bà con dự họp tổ dân phố lúc mười chín giờ ba mươi phút ngày năm "
        "tháng một, mang thẻ bảo hiểm y tế"
    )
    assert notice in (out / "ban-tin-2027-01-05-0600.txt").read_text("utf-8")
    assert "Thông báo" not in (out / "ban-tin-2027-01-04-0600.txt").read_text("utf-8")


def test_check_says_when_bulletins_go_out_and_whether_audio_can(run_cli, calendar_file) -> None:
    text = calendar_file.read_text("utf-8")
    calendar_file.write_text(
        text.replace("[bulletin]\n", '[bulletin]\ntts = "no-such-tts-engine"\n'), "utf-8"
    )
    result = run_cli("check")
    assert result.code == 0, result.err
    line = " ".join(result.out.split())
    assert "Bản tin loa (loa bulletin): 06:00, 17:00, T2, T3, T4, T5, T6; đọc 130" in line
    assert "chưa có 'no-such-tts-engine' nên chỉ có TXT và DOCX" in line


def test_the_days_events_are_announced_ahead(cal) -> None:
    plan = build(cal, date(2026, 3, 18), date(2026, 3, 20))
    said = {b.name: b.spoken for b in plan.bulletins}
    event = "Hội nghị học tập, quán triệt Nghị quyết số bảy mươi hai, en quy trên tê vê kép."
    assert f"Ngày hai mươi tháng ba, lúc tám giờ: {event}" in said["ban-tin-2026-03-18-0600"]
    assert f"Ngày mai, lúc tám giờ: {event}" in said["ban-tin-2026-03-19-1700"]
    assert f"Hôm nay, lúc tám giờ: {event}" in said["ban-tin-2026-03-20-0600"]


def test_engine_rate_follows_the_pace() -> None:
    assert engine_args(130) == ["-s", "94"]
    assert engine_args(200) == ["-s", "132"]  # asked a little slower: espeak runs fast there
    slow = engine_args(60)
    assert slow[:2] == ["-s", "80"] and slow[2] == "-g" and int(slow[3]) > 10


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng chưa cài (apt-get install espeak-ng)")
@pytest.mark.parametrize("pace", [70, 100, 220])
def test_the_machine_voice_keeps_other_paces(cal, pace: int, tmp_path: Path) -> None:
    bulletin = build(cal, date(2026, 4, 7), date(2026, 4, 7)).bulletins[0]
    spoken = bulletin.spoken
    stated = reading_seconds(spoken, pace)
    seconds = synthesize(spoken, tmp_path / "a.wav", command="espeak-ng", voice="vi", pace=pace)
    assert abs(seconds - stated) <= 0.1 * stated, (pace, seconds, stated)


@pytest.mark.parametrize("key", ["", " ", "TỔ DÂN", "X" * 31])
def test_an_abbreviation_must_be_one_word(key: str) -> None:
    with pytest.raises(ValueError, match="không hợp lệ: một từ"):
        Bulletin.model_validate({"abbreviations": {key: "gì đó"}})
