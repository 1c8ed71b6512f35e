"""Backoff with jitter, the platform's stated wait, and log redaction."""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime, timedelta

from campaigns.config.model import Daemon
from campaigns.daemon import logs
from campaigns.publishing import policy


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


def test_logs_mask_anything_that_looks_like_a_token(tmp_path, capsys):
    file = tmp_path / "d.log"
    logs.setup(json_format=True, file=file)
    try:
        logging.getLogger("loa.test").warning(
            "sent Authorization: Bearer EAABsecret123456 and access_token=AT0123456789"
        )
    finally:
        for h in list(logging.getLogger().handlers):
            if getattr(h, "_loa", False):
                logging.getLogger().removeHandler(h)
                h.close()
    line = json.loads(file.read_text().splitlines()[-1])
    assert "EAABsecret" not in line["msg"] and "AT0123456789" not in line["msg"]
    assert line["level"] == "warning" and "***" in line["msg"]
    assert "EAABsecret" not in capsys.readouterr().err
