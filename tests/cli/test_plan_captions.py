"""``loa plan`` warns about the captions of the posts it adds or revives; a re-plan with
nothing new checks nothing again (it used to render every caption of the range)."""

from __future__ import annotations

from pathlib import Path


def test_plan_warns_about_new_captions_once(run_cli, calendar_file: Path) -> None:
    folder = calendar_file.parent / "mau"
    (folder / "zalo").mkdir(parents=True)
    (folder / "zalo" / "title.txt").write_text("{{ post.text }} " * 6, encoding="utf-8")
    text = calendar_file.read_text(encoding="utf-8")
    calendar_file.write_text(text + '\n[captions]\nfolder = "mau"\n', encoding="utf-8")
    first = run_cli("plan", "--from", "01/03/2026", "--to", "07/03/2026")
    assert first.code == 0, first.err
    warned = [line for line in first.out.splitlines() if "Cảnh báo chú thích" in line]
    assert warned and all("tiêu đề bài viết Zalo" in line for line in warned)
    again = run_cli("plan", "--from", "01/03/2026", "--to", "07/03/2026")
    assert again.code == 0, again.err
    assert "thêm 0 bài" in again.out and "Cảnh báo chú thích" not in again.out
