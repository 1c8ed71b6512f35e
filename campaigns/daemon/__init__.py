"""The publishing daemon: the posts table is the queue, APScheduler only the clock.

    queue       -- claim with a lease (FOR UPDATE SKIP LOCKED), release, renew, finish
    policy      -- backoff with jitter, the grace/peak-window rule, what pauses a channel
    channels    -- per-channel state shared through the database (paused, rate-limited)
    dispatcher  -- one tick: expire leases, mark stale posts missed, claim, run workers
    runner      -- the process: APScheduler clock, heartbeat, signals, the SQLite lock
    tokens      -- proactive token care (Zalo refresh, expiry warnings)
    logs        -- human or JSON logs, optional rotating file, no secrets
    status      -- what ``loa status`` shows

This package never imports Textual; ``runner`` is the only module that imports APScheduler.
"""
