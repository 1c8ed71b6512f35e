"""Secrets never leak, even when every platform quotes them back.

The fakes echo every credential in every error answer (FakeGraph: "Malformed access
token EAAB…"; FakeZalo: the access token, secret key and refresh token; a FaultyProxy
in front of the real WordPress: the Authorization header and the application
password, plain and URL-encoded). Loa runs through its real paths, each command in its
own process as the officer runs it: ``loa daemon --once`` (human and JSON logs),
``loa posts publish``, ``loa channels check``, ``loa status``, ``loa posts list/show/
history``, ``loa history``, ``loa report`` in md, csv and docx. Then every output, every
file written (logs, crash logs, reports, the database and its WAL) and every text
column of every table is searched for every secret and its common encodings (without
or with the spaces of an application password, URL-encoded, the base64 of
``user:password`` of HTTP Basic): none may be found, while the platforms' words still
reach the officer, with the credential masked (``EAAB…x9f``) and post links, fbtrace
ids and Vietnamese intact.

The unit tests below pin each safety net on its own (the store's write, the CLI's
output, the report, the engine's knowledge of stored secrets).
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import string
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
import sqlalchemy as sa

from campaigns.config import load_calendar
from campaigns.publishing import queue
from campaigns.secrets import ENV_FILE, SecretStore
from campaigns.secrets import scrub as engine_scrub
from campaigns.store import Store
from campaigns.store.lifecycle import Status
from campaigns.store.posts import record
from campaigns.timeutil import utcnow
from publishers import redact
from publishers.http import mask
from tests.conftest import BUNDLED
from tests.daemon.conftest import add_posts
from tests.fakes import FakeGraph, FakeZalo, FaultyProxy
from tests.wordpress import start_wordpress

TIMEOUT = 180  # seconds for one command; they take about one each


def encodings(secret: str, user: str | None = None) -> set[str]:
    """``secret`` as it could leak: as is, without or with the spaces of an application
    password, URL-encoded, JSON-escaped, and in an HTTP Basic header."""
    bare = re.sub(r"\s+", "", secret)
    forms = {secret, bare, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]}
    if re.fullmatch(r"[A-Za-z0-9]{24}", bare):
        forms.add(" ".join(bare[i : i + 4] for i in range(0, 24, 4)))
    if user is not None:
        forms |= {base64.b64encode(f"{user}:{p}".encode()).decode() for p in (secret, bare)}
    return forms


def leaks(texts: dict[str, str], secrets: set[str]) -> list[str]:
    return [f"{where}: …{s[:4]}…" for where, text in texts.items() for s in secrets if s in text]


@pytest.fixture
def hostile() -> Iterator[tuple[FakeGraph, FakeZalo, FaultyProxy | None, str, str]]:
    """Echoing fakes, and an echoing proxy in front of WordPress when there is one."""
    found = start_wordpress()
    with FakeGraph() as graph, FakeZalo() as zalo:
        graph.echo_credentials = zalo.echo_credentials = True
        if isinstance(found, str):  # no WordPress here: the other platforms still run
            yield graph, zalo, None, "", ""
            return
        with FaultyProxy(found.url) as proxy:
            proxy.echo_credentials = True
            yield graph, zalo, proxy, found.user, found.app_password
            proxy.settle()


def _calendar(tmp_path: Path, graph: FakeGraph, zalo: FakeZalo, proxy: Any, user: str) -> Path:
    text = BUNDLED.read_text("utf-8")
    website = (
        f"""
[[channels]]
name = "website"
type = "website"
[channels.settings]
base_url = "{proxy.url}"
username = "{user}"
"""
        if proxy is not None
        else ""
    )
    channels = f"""
[paths]
allow = ["{tmp_path}"]  # the covers and the outbox live beside the calendar's folder

[[channels]]
name = "facebook"
type = "facebook"
[channels.settings]
page_id = "{graph.page_id}"
base_url = "{graph.url}"

[[channels]]
name = "zalo"
type = "zalo"
[channels.settings]
oa_id = "{zalo.oa_id}"
app_id = "{zalo.app_id}"
base_url = "{zalo.url}"
oauth_base_url = "{zalo.oauth_url}"
cover_folder = "{tmp_path / "covers"}"
cover_base_url = "https://kienan.example.vn/covers"
{website}
[[channels]]
name = "bang-tin"
type = "outbox"
[channels.settings]
folder = "{tmp_path / "outbox"}"

[daemon]
backoff_seconds = 10
catch_up_spacing_seconds = 0
"""
    head = text[: text.index("# Kênh đăng bài")]
    unit = f"leak-{uuid.uuid4().hex[:8]}"  # WordPress keeps its posts between runs
    path = tmp_path / "ward" / "calendar.toml"
    path.parent.mkdir()
    path.write_text(head.replace('id = "kien-an"', f'id = "{unit}"') + channels, "utf-8")
    return path


class Loa:
    """``loa`` commands in their own processes; every output kept for the search."""

    def __init__(self, calendar: Path, db: str, env: dict[str, str]) -> None:
        self.base = [sys.executable, "-m", "campaigns", "--calendar", str(calendar), "--db", db]
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.outputs: dict[str, str] = {}

    def start(self, *args: str) -> tuple[str, subprocess.Popen[str]]:
        proc = subprocess.Popen(
            [*self.base, *args], env=self.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        return " ".join(args), proc

    def finish(self, started: tuple[str, subprocess.Popen[str]]) -> tuple[int, str, str]:
        name, proc = started
        out, err = proc.communicate(timeout=TIMEOUT)
        self.outputs[f"`loa {name}` stdout"] = out
        self.outputs[f"`loa {name}` stderr"] = err
        return proc.returncode, out, err

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return self.finish(self.start(*args))

    def all(self, *commands: tuple[str, ...]) -> dict[str, tuple[int, str, str]]:
        """Independent commands at once (they only read, or lock what they write)."""
        started = [self.start(*args) for args in commands]
        return {name: self.finish((name, proc)) for name, proc in started}


def _files(*folders: Path, skip: Path) -> dict[str, str]:
    """Every file under ``folders`` (a .docx by its XML parts), as text."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file() or skip in path.parents:
                continue
            if path.suffix == ".docx":
                with zipfile.ZipFile(path) as docx:
                    for part in docx.namelist():
                        found[f"{path}!{part}"] = docx.read(part).decode("utf-8", "replace")
            else:
                found[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return found


def _rows(url: str) -> dict[str, str]:
    """Every text (and JSON) value of every row of every table."""
    engine = sa.create_engine(url)
    found: dict[str, str] = {}
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                for i, row in enumerate(conn.execute(sa.select(table))):
                    for column, value in row._mapping.items():
                        if isinstance(value, dict | list):
                            value = json.dumps(value, ensure_ascii=False)
                        if isinstance(value, str):
                            found[f"{table.name}[{i}].{column}"] = value
    finally:
        engine.dispose()
    return found


def test_no_secret_leaks_when_every_platform_quotes_credentials(
    hostile: tuple[FakeGraph, FakeZalo, FaultyProxy | None, str, str], tmp_path: Path
) -> None:
    graph, zalo, proxy, wp_user, wp_password = hostile
    calendar = _calendar(tmp_path, graph, zalo, proxy, wp_user)
    cal = load_calendar(calendar)
    db = f"sqlite:///{tmp_path / 'loa.db'}"
    access, refresh = zalo.issue_tokens()
    zalo.expire_tokens()  # the daemon's first call refreshes: the new pair must stay hidden too
    spaced = " ".join(wp_password[i : i + 4] for i in range(0, len(wp_password), 4))
    # some secrets in the 0600 file, some in the environment, as officers do both
    secrets_file = tmp_path / "secrets" / "secrets.json"
    env = {
        ENV_FILE: str(secrets_file),
        "LOA_SECRET_FACEBOOK_PAGE_TOKEN": graph.page_token,
        "LOA_SECRET_ZALO_ACCESS_TOKEN": access,
        "LOA_SECRET_ZALO_REFRESH_TOKEN": refresh,
    }
    store_file = SecretStore(secrets_file, environ={})
    store_file.set("facebook", {"user_token": graph.user_token})
    store_file.set("zalo", {"secret_key": zalo.secret_key})
    if proxy is not None:
        store_file.set("website", {"app_password": spaced})  # WordPress takes either form
    channels = ("facebook", "zalo", "bang-tin") + (("website",) if proxy else ())
    store = Store.open(db)
    try:
        add_posts(store, cal, utcnow() - timedelta(minutes=1), 2, channels=channels)
    finally:
        store.engine.dispose()
    loa = Loa(calendar, db, env)
    logs = tmp_path / "logs"
    posts_route = re.compile(r"/wp/v2/posts(\?|$)")

    # 1. the daemon: each platform refuses one post, quoting the credential
    graph.refuse(path="/photos")
    zalo.refuse(path="/article/create")
    if proxy is not None:
        proxy.refuse(path=posts_route, method="POST")
    code, _, err = loa("daemon", "--once", "--log-file", str(logs / "human.log"))
    assert code == 0, err
    failed = _failed(db, cal.unit)
    assert set(failed) == set(channels) - {"bang-tin"}, failed

    # 2. publish now: refused again, the platform's words on stderr
    graph.refuse(path="/photos")
    zalo.refuse(path="/article/create")
    if proxy is not None:
        proxy.refuse(path=posts_route, method="POST")
    code, _, publish_err = loa("posts", "publish", *(str(i) for i, _ in failed.values()))
    assert code == 1

    # 3. tokens revoked: a second daemon run (JSON log) pauses the channels
    graph.revoke_tokens()
    zalo.revoke_refresh_tokens()
    zalo.expire_tokens()
    store = Store.open(db)
    try:
        add_posts(store, cal, utcnow() - timedelta(minutes=1), 1, channels=channels)
    finally:
        store.engine.dispose()
    code, _, err = loa("daemon", "--once", "--log-json", "--log-file", str(logs / "json.log"))
    assert code == 0, err

    # 4. everything that shows or exports what happened
    if proxy is not None:
        proxy.refuse(path="/users/me")
    today = datetime.now(cal.tz).strftime("%d/%m/%Y")
    reports = tmp_path / "reports"
    fb_id, _ = failed["facebook"]
    commands: list[tuple[str, ...]] = [
        ("channels", "check"),
        ("status",),
        ("status", "--json"),
        ("posts", "list", "--json"),
        ("posts", "list"),
        ("posts", "show", str(fb_id)),
        ("posts", "show", str(fb_id), "--json"),
        ("posts", "history", str(fb_id)),
        ("history",),
        ("history", "--format", "json"),
    ]
    for fmt in ("md", "csv", "docx"):
        out = str(reports / f"bao-cao.{fmt}")
        commands.append(("report", "--from", today, "--to", today, "--format", fmt, "--out", out))
    results = loa.all(*commands)
    assert all(code in (0, 1) for code, _, _ in results.values()), results

    # 5. the search
    secrets = encodings(graph.page_token) | encodings(graph.user_token)
    secrets |= encodings(zalo.secret_key)
    for token in zalo.issued:
        secrets |= encodings(token)
    if proxy is not None:
        secrets |= encodings(spaced, wp_user) | encodings(wp_password, wp_user)
    home = Path(os.environ["XDG_STATE_HOME"]).parent  # crash logs, caches, user data
    texts = {**loa.outputs, **_files(tmp_path, home, skip=secrets_file.parent), **_rows(db)}
    assert any(k.endswith("bao-cao.docx!word/document.xml") for k in texts)
    assert not leaks(texts, secrets), leaks(texts, secrets)

    # the platforms did quote the credentials, and their words reached the officer masked
    assert graph.echoed and zalo.echoed and (proxy is None or proxy.echoed)
    assert "Facebook không nhận bài" in publish_err and mask(graph.page_token) in publish_err
    shown = json.loads(results["posts show " + str(fb_id) + " --json"][1])
    assert "Malformed access token " + mask(graph.page_token) in shown["error"]
    zalo_error = _post(db, failed["zalo"][0])["error"]
    assert any(mask(t) in zalo_error for t in zalo.issued[2:])  # a token from a refresh
    if proxy is not None:
        web_error = _post(db, failed["website"][0])["error"]
        assert "The provided password Basic " in web_error and mask(spaced) in web_error
    # … and what must stay readable did
    human_log = (logs / "human.log").read_text("utf-8")
    assert re.search(r"fbtrace_id A[0-9a-f]{16}\)", human_log)
    listed = json.loads(results["posts list --json"][1])
    live = [p for p in listed if p["channel"] == "facebook" and p["status"] == "published"]
    assert live and all(p["url"] == f"https://www.facebook.com/{p['external_id']}" for p in live)
    assert "Facebook không nhận bài" in results["posts list"][1] + str(listed)


def _failed(db: str, unit: str) -> dict[str, tuple[int, str]]:
    """The failed post of each channel: (id, error)."""
    store = Store.open(db)
    try:
        failed = store.posts(unit, statuses=[Status.FAILED])
        return {p.channel: (p.id or 0, p.error or "") for p in failed}
    finally:
        store.engine.dispose()


def _post(db: str, post_id: int) -> dict[str, Any]:
    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            row = conn.execute(sa.text("SELECT * FROM post WHERE id = :i"), {"i": post_id}).one()
        return dict(row._mapping)
    finally:
        engine.dispose()


# -- each safety net on its own ------------------------------------------------------------------
def unshaped() -> str:
    """A secret of no token shape, new each time: only knowing the value can mask it."""
    return "kho-" + "".join(random.choices(string.ascii_lowercase, k=14))


EXPIRY = "2026-04-08T07:30:00+00:00"


def test_the_store_makes_every_value_it_reads_or_writes_known(tmp_path: Path) -> None:
    read, written = unshaped(), unshaped()
    path = tmp_path / "secrets.json"
    path.write_text(json.dumps({"zalo": {"secret_key": read, "access_token_expires_at": EXPIRY}}))
    store = SecretStore(path, environ={})
    assert store.get("zalo", "secret_key") == read
    store.update("zalo", lambda _cur: {"access_token": written})  # a rotated token
    clean = redact.scrub(f"Zalo said {read} and {written}; valid until {EXPIRY}")
    assert read not in clean and written not in clean
    assert EXPIRY in clean  # bookkeeping, not a credential: dates stay readable


def test_the_engine_knows_secrets_no_command_has_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``loa status`` or ``loa report`` never open a channel, yet mask what the file and
    the environment hold, and learn again when the file changes."""
    in_file, in_env, later = unshaped(), unshaped(), unshaped() + "-rotated"
    path = tmp_path / "secrets.json"
    path.write_text(json.dumps({"website": {"app_password": in_file}}))
    monkeypatch.setenv(ENV_FILE, str(path))
    monkeypatch.setenv("LOA_SECRET_FACEBOOK_PAGE_TOKEN", in_env)
    clean = engine_scrub(f"{in_file} {in_env}")
    assert in_file not in clean and in_env not in clean and "kho-…" in clean
    path.write_text(json.dumps({"website": {"app_password": later}}))
    assert later not in engine_scrub(f"now {later}")


def test_an_attempt_stores_error_texts_scrubbed(
    store: Store, cal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = unshaped()
    monkeypatch.setenv("LOA_SECRET_FACEBOOK_PAGE_TOKEN", secret)
    first, second = add_posts(store, cal, store.clock(), 2, channels=("facebook",))
    reason = f"Facebook không nhận bài: token {secret} không hợp lệ."
    for post_id, finish in ((first, queue.finish_failed), (second, queue.release)):
        post = queue.claim_one(store, cal.unit, post_id, actor="cli:test", lease=60)
        assert post is not None
        finish(store, post, actor="cli:test", reason=reason, kind="rejected", maybe_live=False)
        row, moves = store.get(cal.unit, post_id), store.history(cal.unit, post_id)
        assert row.error == reason.replace(secret, mask(secret))
        assert moves[-1].reason == row.error


def test_output_and_reports_mask_secrets_an_older_loa_stored(
    run_cli: Any, store: Store, cal: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows written before the fix may quote a credential: whatever shows or exports them
    masks it (the CLI's output, the report, the history export)."""
    secret = unshaped()
    monkeypatch.setenv("LOA_SECRET_WEBSITE_APP_PASSWORD", secret)
    error = f"Trang web không nhận bài: The provided password {secret} is invalid."
    (post_id,) = add_posts(
        store, cal, store.clock(), 1, channels=("website",), status=Status.FAILED,
        error=error, error_kind="rejected",
    )  # fmt: skip
    with store.session() as s, s.begin():
        record(s, [post_id], Status.PUBLISHING, Status.FAILED, "daemon:old", error, store.clock())
    day = store.clock().astimezone(cal.tz).strftime("%d/%m/%Y")
    outputs: dict[str, str] = {}
    commands: list[tuple[str, ...]] = [
        ("posts", "show", str(post_id)),
        ("posts", "show", str(post_id), "--json"),
        ("posts", "list", "--json"),
        ("posts", "history", str(post_id), "--json"),
        ("status",),
        ("status", "--json"),
        ("history",),
        ("history", "--format", "json"),
    ]
    for fmt in ("md", "csv", "docx"):
        out = str(tmp_path / "reports" / f"bao-cao.{fmt}")
        commands.append(("report", "--from", day, "--to", day, "--format", fmt, "--out", out))
    for args in commands:
        result = run_cli(*args)
        assert result.code == 0, (args, result.err)
        outputs[" ".join(args)] = result.out + result.err
    outputs |= _files(tmp_path / "reports", skip=tmp_path / "none")
    assert not leaks(outputs, {secret}), leaks(outputs, {secret})
    shown = outputs[f"posts show {post_id}"]
    assert "Trang web không nhận bài: The provided password " + mask(secret) in shown
