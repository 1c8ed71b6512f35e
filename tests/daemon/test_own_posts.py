"""The officer's own post, end to end: two photos added on the command line, previewed,
approved, published once by the daemon to the fake Graph API and the outbox; the planner
leaves it alone; a photo taken sideways comes out upright."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from campaigns.daemon.dispatcher import Dispatcher
from campaigns.store.lifecycle import Status
from campaigns.timeutil import fmt_local

TEXT = "Mời bà con dự Ngày hội Đại đoàn kết toàn dân tộc tại nhà văn hóa tổ dân phố 3."
LINK = "https://kienan.example.vn/tin/ngay-hoi"


def sideways_jpeg(path: Path) -> Path:
    """A 300×200 JPEG whose EXIF says "rotate 90° clockwise to view" (orientation 6); its
    left third is blue, so upright the blue band is at the top."""
    im = Image.new("RGB", (300, 200), (220, 30, 30))
    im.paste((20, 40, 220), (0, 0, 100, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(path, "JPEG", exif=exif, quality=95)
    return path


def plain_png(path: Path) -> Path:
    Image.new("RGB", (640, 480), (30, 160, 60)).save(path, "PNG")
    return path


def test_an_own_post_with_two_photos_goes_out_once(
    run_cli, dcal, store, clock, pubs, fakes, tmp_path: Path
) -> None:
    calendar = dcal.path
    photos = [sideways_jpeg(tmp_path / "ngay-hoi.jpg"), plain_png(tmp_path / "san-khau.png")]
    when = (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)
    at = fmt_local(when, dcal.tz)
    ids = []
    for channel in ("facebook", "zalo", "bang-tin"):
        r = run_cli("posts", "add", "--channel", channel, "--at", at, "--text", TEXT,
                    "--image", str(photos[0]), "--image", str(photos[1]), "--link", LINK,
                    "--json", calendar=calendar)  # fmt: skip
        assert r.code == 0, r.err
        ids.append(json.loads(r.out)["id"])
    for photo in photos:
        photo.unlink()  # the post keeps its own copies

    post = store.get(dcal.unit, ids[0])
    assert (post.kind, post.status, post.text, post.link) == ("own", Status.DRAFT, TEXT, LINK)
    assert post.due_at == when and len(post.images or []) == 2
    for name in post.images or []:
        assert stat.S_IMODE(Path(name).stat().st_mode) == 0o600
    with Image.open(post.images[0]) as first:  # type: ignore[index]
        w, h = first.size
        assert h > w  # upright: portrait
        top, bottom = first.getpixel((w // 2, 5)), first.getpixel((w // 2, h - 5))
        assert top[2] > 150 > top[0] and bottom[0] > 150 > bottom[2]  # type: ignore[index]
        assert "exif" not in first.info

    day = when.astimezone(dcal.tz).strftime("%d/%m/%Y")
    out = tmp_path / "preview"
    r = run_cli("preview", "--from", day, "--to", day, "--out", str(out), calendar=calendar)
    assert r.code == 0, r.err
    entries = [e for e in json.loads((out / "posts.json").read_text("utf-8")) if e["kind"] == "own"]
    assert len(entries) == 3 and all(len(e["images"]) == 2 for e in entries)
    assert all((out / img["file"]).is_file() for e in entries for img in e["images"])

    r = run_cli("posts", "approve", *map(str, ids), calendar=calendar)
    assert r.code == 0, r.err

    clock.now = when
    d = Dispatcher(store, dcal, pubs, actor="daemon:test", synchronous=True)
    outcomes = d.run_until_idle()
    assert [o.status for o in outcomes] == ["published"] * 3
    assert d.run_until_idle() == outcomes  # nothing more to publish

    (live,) = fakes.graph.posts  # one feed post carrying both photos
    assert live["edge"] == "feed" and len(live["attached"]) == 2 and TEXT in live["message"]
    assert LINK in live["message"]
    assert sorted(fakes.graph.photos) == sorted(live["attached"])
    (article,) = fakes.zalo.articles  # the cover, then the text and the second photo
    blocks = [b["type"] for b in article["body"]]
    assert article["cover"]["photo_url"].startswith("https://") and blocks.count("image") == 1
    (hosted,) = [b["url"].rsplit("/", 1)[1] for b in article["body"] if b["type"] == "image"]
    zalo_photos = store.get(dcal.unit, ids[1]).images or []
    assert (tmp_path / "covers" / hosted).read_bytes() == Path(zalo_photos[1]).read_bytes()
    (box,) = [p for p in fakes.outbox.iterdir() if not p.name.startswith(".")]
    manifest = json.loads((box / "manifest.json").read_text("utf-8"))
    assert [i["file"] for i in manifest["images"]] == ["image.jpg", "image-2.jpg"]
    assert manifest["link"] == LINK and TEXT in manifest["caption"]

    for pid in ids:
        assert store.get(dcal.unit, pid).status == Status.PUBLISHED
        assert [t.to_status for t in store.history(dcal.unit, pid)][-1] == Status.PUBLISHED


def test_plan_never_touches_an_own_post(run_cli, dcal, store, tmp_path: Path) -> None:
    """An own draft sits at a planned slot's time, untouched by the officer since: the
    planner neither supersedes it nor counts it as holding the slot."""
    calendar = dcal.path
    when = (datetime.now(UTC) + timedelta(days=3)).replace(second=0, microsecond=0)
    r = run_cli("posts", "add", "--channel", "facebook", "--at", fmt_local(when, dcal.tz),
                "--text", TEXT, "--json", calendar=calendar)  # fmt: skip
    assert r.code == 0, r.err
    pid = json.loads(r.out)["id"]
    before = store.get(dcal.unit, pid)
    day = when.astimezone(dcal.tz).strftime("%d/%m/%Y")
    for _ in range(2):
        r = run_cli("plan", "--from", day, "--to", day, calendar=calendar)
        assert r.code == 0, r.err
    after = store.get(dcal.unit, pid)
    assert after.model_dump() == before.model_dump()
    assert [t.to_status for t in store.history(dcal.unit, pid)] == [Status.DRAFT]
    assert len(store.posts(dcal.unit, statuses=[Status.DRAFT])) > 1  # the plan did add posts
