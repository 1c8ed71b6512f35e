"""Publishing: how an approved post becomes a live one, exactly once.

    queue     -- the posts table as a queue: claim with a lease, renew, release, finish
    attempt   -- claim -> reconcile -> publish -> receipt, for one post (daemon, CLI, TUI)
    request   -- a stored post as a platform-neutral ``PublishRequest``; open the publishers
    policy    -- backoff with jitter, the grace/peak-window rule, what pauses a channel
    channels  -- per-channel state shared through the database (paused, rate-limited)

``campaigns.daemon`` (the process that runs this on a clock) imports this package; this
package never imports it.
"""

from campaigns.publishing.attempt import Outcome, attempt, publish_now
from campaigns.publishing.request import (
    idempotency_key,
    load_secrets,
    open_publishers,
    request_for,
)

__all__ = [
    "Outcome", "attempt", "idempotency_key", "load_secrets", "open_publishers",
    "publish_now", "request_for",
]  # fmt: skip
