"""A bulletin's files for the announcer: TXT (UTF-8, NFC) and DOCX in large type, each
with the day, the time and the reading time at the top; and, where an offline speech
engine is installed, a WAV in a machine voice, said so in both. A failing engine is a
message: the text files are written all the same."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from campaigns.bulletin.assemble import Bulletin
from campaigns.bulletin.audio import AudioError, synthesize
from campaigns.bulletin.speech import read_duration
from campaigns.text import nfc

FONT = "Times New Roman"
BODY_PT = 17
TITLE_PT = 18


@dataclass(frozen=True)
class Written:
    files: list[Path]
    audio_seconds: float | None  # the WAV's own length, None: no audio
    audio_problem: str | None  # why there is no audio, when an engine was asked for


def audio_note(seconds: float) -> str:
    return (
        f"Kèm tệp âm thanh cùng tên: giọng đọc máy, dài {read_duration(seconds)}, chỉ để tham khảo."
    )


def write_bulletin(bulletin: Bulletin, folder: Path, *, tts: str, voice: str) -> Written:
    """Write ``bulletin`` into ``folder``: ``<name>.wav`` when ``tts`` speaks it, then
    ``<name>.txt`` and ``<name>.docx`` (with the audio's note)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    seconds: float | None = None
    problem: str | None = None
    if tts:
        wav = folder / f"{bulletin.name}.wav"
        try:
            seconds = synthesize(bulletin.spoken, wav, command=tts, voice=voice, pace=bulletin.pace)
            files.append(wav)
        except AudioError as exc:
            problem = exc.message
    head = [bulletin.title, bulletin.duration_line]
    if seconds is not None:
        head.append(audio_note(seconds))
    txt = folder / f"{bulletin.name}.txt"
    text = "\n".join(head) + "\n\n" + bulletin.spoken + "\n"
    _atomic(txt, nfc(text).encode("utf-8"))
    docx = folder / f"{bulletin.name}.docx"
    _write_docx(head, bulletin.paragraphs, docx)
    return Written([txt, docx, *files], seconds, problem)


def _atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_docx(head: list[str], paragraphs: tuple[str, ...], path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.paragraph_format.line_spacing = 1.4
    style.paragraph_format.space_after = Pt(10)
    for n, line in enumerate(head):
        p = doc.add_paragraph()
        run = p.add_run(nfc(line))
        run.bold = n == 0
        run.italic = n > 0
        run.font.size = Pt(TITLE_PT if n == 0 else BODY_PT - 1)
        if n == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        p = doc.add_paragraph(nfc(text))
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".docx")
    os.close(fd)
    try:
        doc.save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
