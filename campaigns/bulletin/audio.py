"""A machine voice for a bulletin: an offline text-to-speech engine (Debian's espeak-ng,
Vietnamese voice 'vi') speaks the text into a WAV file, whose length is read back.

espeak-ng's rate (``-s``, words a minute) runs about 1.4 times faster than the words of a
Vietnamese text read at that rate (measured with espeak-ng 1.51 on the bundled bulletins:
81 syllables at ``-s 130`` last 27 s, not 37 s), so the rate asked of it is about
``pace × ESPEAK_RATE``, a little slower above 130 where it runs faster still; below its
slowest rate (80) a gap after each word slows it further. Over paces 60–250 the audio then
lasts within about 6% of the stated reading time. The length stated for the audio is always
the file's own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

ESPEAK_RATE = 0.72
ESPEAK_CURVE = 0.0012
ESPEAK_MIN = 80
GAP_UNIT = 0.031  # seconds of one unit of '-g' at rate 80 (measured)
TIMEOUT = 300  # seconds; a bulletin is a few minutes of speech, made in seconds


class AudioError(Exception):
    """The engine is missing or failed: the message says which, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def engine_args(pace: int) -> list[str]:
    """espeak-ng's rate for ``pace`` (it slows less than asked above 130, so a little more
    is asked); below its slowest rate, a gap after each word (``-g``) makes up the rest."""
    rate = pace * ESPEAK_RATE * (1 - ESPEAK_CURVE * (pace - 130))
    if rate >= ESPEAK_MIN:
        return ["-s", str(round(rate))]
    gap = 60.0 / pace - 60.0 * ESPEAK_RATE / ESPEAK_MIN  # seconds a word, past the rate's
    return ["-s", str(ESPEAK_MIN), "-g", str(round(gap / GAP_UNIT))]


def synthesize(text: str, target: Path, *, command: str, voice: str, pace: int) -> float:
    """Speak ``text`` into ``target`` (WAV); the audio's length in seconds."""
    exe = shutil.which(command)
    if exe is None:
        raise AudioError(
            f"không có chương trình đọc văn bản '{command}' (cài: sudo apt-get install "
            "espeak-ng), chỉ ghi TXT và DOCX"
        )
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".wav")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        args = [exe, "-v", voice, *engine_args(pace), "-w", str(tmp), "--stdin"]
        try:
            done = subprocess.run(
                args, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT,
                check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise AudioError(f"'{command}' chạy quá {TIMEOUT} giây, đã dừng") from None
        except OSError as exc:
            raise AudioError(f"không chạy được '{command}' ({exc.strerror})") from None
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1]}" if said else ""
            raise AudioError(f"'{command}' báo lỗi (mã {done.returncode}){detail}")
        try:
            seconds = wav_seconds(tmp)
        except (OSError, EOFError, wave.Error):
            raise AudioError(f"'{command}' không tạo được tệp WAV hợp lệ") from None
        os.replace(tmp, target)
        return seconds
    finally:
        tmp.unlink(missing_ok=True)


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())
