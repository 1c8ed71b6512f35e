from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:
    """Let the poll and the screens' loading workers finish, and the screen repaint.

    A finished worker hands its result to the UI thread, which may start another worker
    (the poll starts the screen's load): wait until two rounds in a row find none running.
    """
    quiet = 0
    for _ in range(20):
        await pilot.pause()
        busy = [w for w in pilot.app.workers if w.is_running]
        await pilot.app.workers.wait_for_complete()
        quiet = 0 if busy else quiet + 1
        if quiet >= 2:
            break
    await pilot.pause()
