"""Backoff with jitter, the platform's stated wait, and log redaction."""

from __future__ import annotations

import json
import logging
import random
import secrets
from datetime import UTC, datetime, timedelta

import pytest

from campaigns.config.model import Daemon
from campaigns.daemon import logs
from campaigns.publishing import policy
from publishers.http import mask


def test_backoff_grows_is_jittered_and_capped():
    settings = Daemon(backoff_seconds=30, backoff_max_seconds=600)
    rng = random.Random(1)
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (10, 600)]:
        waits = {policy.backoff(settings, attempts, rng) for _ in range(50)}
        assert all(15 <= w <= ceiling for w in waits) and len(waits) > 40


def test_the_platforms_wait_wins_when_longer():
    now = datetime(2026, 4, 7, tzinfo=UTC)
    settings = Daemon(backoff_seconds=30)
    when = policy.next_attempt(settings, 1, now, retry_after=300, rng=random.Random(2))
    assert now + timedelta(seconds=300) <= when <= now + timedelta(seconds=301)


def _drop_loa_handlers() -> None:
    for h in list(logging.getLogger().handlers):
        if getattr(h, "_loa", False):
            logging.getLogger().removeHandler(h)
            h.close()


def test_logs_mask_anything_that_looks_like_a_token(tmp_path, capsys):
    bearer, access = "EAAB" + secrets.token_hex(8), "AT" + secrets.token_hex(6)
    file = tmp_path / "d.log"
    logs.setup(json_format=True, file=file)
    try:
        logging.getLogger("loa.test").warning(
            f"sent Authorization: Bearer {bearer} and access_token={access}"
        )
    finally:
        _drop_loa_handlers()
    line = json.loads(file.read_text().splitlines()[-1])
    assert bearer not in line["msg"] and access not in line["msg"]
    assert line["level"] == "warning" and f"Bearer {mask(bearer)}" in line["msg"]
    assert bearer not in capsys.readouterr().err


def _unshaped() -> str:
    """A secret of no token shape, new each time: only knowing it can mask it."""
    return "kho-" + "".join(random.choices("abcdefghijklmnopqrstuvwxyz", k=14))


@pytest.mark.parametrize("json_format", [False, True])
def test_every_handler_masks_stored_secrets_in_messages_and_tracebacks(
    json_format, tmp_path, capsys, monkeypatch
):
    """Secrets the store holds (here only in the environment, never read by a channel),
    in a message, an argument and an exception's traceback, on stderr and in the file."""
    secret = _unshaped()
    monkeypatch.setenv("LOA_SECRET_WEBSITE_APP_PASSWORD", secret)
    file = tmp_path / "d.log"
    logs.setup(json_format=json_format, file=file)
    log = logging.getLogger("loa.test")
    try:
        log.warning("platform said: %s", f"bad password {secret}")
        try:
            raise ValueError(f"answer quoted {secret}")
        except ValueError:
            log.exception("unexpected error from website")
    finally:
        _drop_loa_handlers()
    written, err = file.read_text("utf-8"), capsys.readouterr().err
    assert secret not in written and secret not in err
    assert "ValueError: answer quoted kho-…" in (json.loads(written.splitlines()[-1])["exc"]
                                                 if json_format else written)  # fmt: skip
    assert "platform said: bad password kho-…" in err


def test_guard_masks_the_last_resort_handler(capsys, monkeypatch):
    """A process without ``setup`` (the CLI) prints warnings through ``lastResort``."""
    secret = _unshaped()
    monkeypatch.setenv("LOA_SECRET_ZALO_SECRET_KEY", secret)
    handler = logging.lastResort
    assert handler is not None
    before = list(handler.filters)
    handler.filters[:] = [f for f in before if not isinstance(f, logs.RedactFilter)]
    logs.guard()
    logs.guard()  # once is enough
    try:
        record = logging.LogRecord("loa.publish", logging.WARNING, __file__, 1,
                                   "post 1 on zalo: %s", (secret,), None)  # fmt: skip
        handler.handle(record)
    finally:
        handler.filters[:] = before
    err = capsys.readouterr().err
    assert secret not in err and "post 1 on zalo: kho-…" in err
