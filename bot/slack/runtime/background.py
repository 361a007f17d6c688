"""What a serving process does besides answering Slack: stored jobs, the outbox, reminders.

Every worker runs one of these threads; rows are leased (``bot.storage.leases``),
so any number of workers share the work safely. Acks come first: before each
unit of work (one job, one notification) the thread waits for a lull in its
process's requests (at most ``MAX_DEFER``), so under a burst Slack still hears
back quickly and the work catches up right after.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.directory_watch import DirectoryWatcher
from bot.slack.runtime.dedupe import forget_old_events
from bot.slack.runtime.jobs import JobRunner

if TYPE_CHECKING:
    from bot.slack.services import Services

log = logging.getLogger(__name__)

MAX_DEFER = 0.05
QUIET_GAP = 0.005
LOOK_EVERY = 0.01
IDLE_POLL = 0.2
REMINDER_EVERY = timedelta(minutes=1)
EVENT_SWEEP_EVERY = timedelta(hours=1)
DIRECTORY_POLL = timedelta(seconds=2)


class InFlight:
    """Counts the requests this process is handling right now, and when that last changed.

    Zero in flight is not enough to call the process quiet: under load the server hands
    over the next request a moment after the last one ends, and work started in that gap
    would hold the GIL while the queued requests wait. Quiet is zero in flight for
    ``QUIET_GAP`` seconds. The waiting thread looks every ``LOOK_EVERY`` seconds rather
    than being woken at each request's end: under load those wake-ups alone cost the
    request threads the GIL hundreds of times a second.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._count = 0
        self._changed = clock()
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        with self._lock:
            self._count += 1
            self._changed = self._clock()

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._count -= 1
            self._changed = self._clock()

    def quiet(self) -> bool:
        with self._lock:
            return self._count == 0 and self._clock() - self._changed >= QUIET_GAP

    def wait_until_quiet(self, timeout: float = MAX_DEFER) -> None:
        """Return once the process is quiet, or after ``timeout`` seconds at most."""
        deadline = self._clock() + timeout
        while not self.quiet() and (remaining := deadline - self._clock()) > 0:
            self._sleep(min(LOOK_EVERY, remaining))


class Background:
    def __init__(
        self,
        services: Services,
        jobs: JobRunner | None = None,
        in_flight: InFlight | None = None,
        directory: DirectoryWatcher | None = None,
    ) -> None:
        self.services = services
        self.jobs = jobs
        self.in_flight = in_flight or InFlight()
        self.directory = directory
        self._next_reminders: datetime | None = None
        self._next_event_sweep: datetime | None = None
        self._next_directory_look: datetime | None = None

    def start(self) -> threading.Event:
        stop = self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self.run_forever, args=(stop,), name="background", daemon=True
        )
        self._thread.start()
        return stop

    def stop(self, timeout: float) -> bool:
        """Finish the round under way (a job being answered is answered) and stop; True when it
        ended within ``timeout``. Work not started stays in the tables for the next process,
        and a job cut short is taken again when its lease ends."""
        self._stop.set()
        self.services.wake.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def run_forever(self, stop: threading.Event) -> None:
        wake = self.services.wake
        while not stop.is_set():
            try:
                worked = self.run_once()
            except Exception:
                log.exception("background round failed; trying again")
                stop.wait(1.0)
                continue
            if not worked:
                wake.wait(IDLE_POLL)
                wake.clear()

    def run_once(self) -> int:
        worked = 0
        if self.jobs is not None:
            worked += self.jobs.run_once(before_each=self.in_flight.wait_until_quiet)
        now = self.services.clock()
        result = self.services.dispatcher.run_once(now, before_each=self.in_flight.wait_until_quiet)
        worked += result.delivered + result.retried + result.failed
        if self._next_reminders is None or now >= self._next_reminders:
            for workspace in self.services.workspaces.all():
                workspace.queue.run_reminders(now)
            self._next_reminders = now + REMINDER_EVERY
        if self._next_event_sweep is None or now >= self._next_event_sweep:
            forget_old_events(self.services.database, now)
            self._next_event_sweep = now + EVENT_SWEEP_EVERY
        if self.directory is not None and (
            self._next_directory_look is None or now >= self._next_directory_look
        ):
            self.directory.poll()
            self._next_directory_look = now + DIRECTORY_POLL
        return worked
