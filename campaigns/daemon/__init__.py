"""The publishing daemon: the process that runs ``campaigns.publishing`` on a clock.

    dispatcher  -- one tick: expire leases, mark stale posts missed, claim, run workers
    runner      -- the process: APScheduler clock, heartbeat, signals, the SQLite lock
    beat        -- the heartbeat row and the SQLite single-daemon lock
    tokens      -- proactive token care (Zalo refresh, expiry warnings)
    logs        -- human or JSON logs, optional rotating file, no secrets
    status      -- what ``loa status`` shows

The queue, the publish attempt and the policies live in ``campaigns.publishing``, which
never imports this package. This package never imports Textual; ``runner`` is the only
module that imports APScheduler.
"""
