"""Work after the ack, handed from the web workers to a job process through the database.

Bolt's own pattern for serverless (its AWS Lambda adapter): a lazy listener's
request is stored with the ``x-slack-bolt-lazy-only`` headers, and another
process dispatches it again so Bolt runs just that function. Here the hand-off
is a table, so the web workers only verify, ack and insert (fast under load),
and acknowledged work survives a web worker dying. The job process leases rows
with one conditional UPDATE, so several can run at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App
from slack_bolt.lazy_listener import LazyListenerRunner
from slack_bolt.request import BoltRequest
from sqlalchemy import Engine, insert, or_, select, update

from bot.queue.db import JobRow, rowcount

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
RETRY_AFTER = timedelta(seconds=5)
MAX_ATTEMPTS = 3
BATCH = 20


class DatabaseLazyRunner(LazyListenerRunner):
    """Stores lazy work instead of starting a thread."""

    def __init__(
        self, engine: Engine, clock: Callable[[], datetime], logger: logging.Logger = log
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.logger = logger

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        headers = {k: list(v) for k, v in request.headers.items()}
        headers["x-slack-bolt-lazy-only"] = ["1"]
        headers["x-slack-bolt-lazy-function-name"] = [request.lazy_function_name or ""]
        now = self.clock()
        with self.engine.begin() as connection:
            connection.execute(
                insert(JobRow).values(
                    function=request.lazy_function_name or "",
                    body=request.body,
                    headers=headers,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )


class JobWorker:
    """Runs stored lazy work through the same Bolt app (signature already checked at the door)."""

    def __init__(self, app: App, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.app = app
        self.engine = engine
        self.clock = clock

    def run_once(self) -> int:
        now = self.clock()
        with self.engine.begin() as connection:
            due = list(
                connection.scalars(
                    select(JobRow.id)
                    .where(_runnable(now), JobRow.next_attempt_at <= now)
                    .order_by(JobRow.id)
                    .limit(BATCH)
                )
            )
        done = 0
        for job_id in due:
            done += self._run(job_id, now)
        return done

    def run_forever(self, stop: threading.Event, idle: float = 0.1) -> None:
        while not stop.is_set():
            try:
                if not self.run_once():
                    stop.wait(idle)
            except Exception:
                log.exception("job round failed; trying again")
                stop.wait(1.0)

    def _run(self, job_id: int, now: datetime) -> int:
        with self.engine.begin() as connection:
            taken = rowcount(
                connection.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, _runnable(now))
                    .values(status="running", lease_until=now + LEASE)
                )
            )
            if taken != 1:
                return 0
            row = connection.execute(
                select(JobRow.body, JobRow.headers, JobRow.attempts).where(JobRow.id == job_id)
            ).one()
        request = BoltRequest(body=dict(row.body), headers=dict(row.headers), mode="socket_mode")
        try:
            self.app.dispatch(request)
        except Exception:
            log.exception("job %s failed", job_id)
            attempts = row.attempts + 1
            with self.engine.begin() as connection:
                connection.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id)
                    .values(
                        status="failed" if attempts >= MAX_ATTEMPTS else "pending",
                        attempts=attempts,
                        lease_until=None,
                        next_attempt_at=now + RETRY_AFTER,
                    )
                )
            return 0
        with self.engine.begin() as connection:
            connection.execute(
                update(JobRow)
                .where(JobRow.id == job_id)
                .values(status="done", done_at=self.clock(), lease_until=None)
            )
        return 1


def _runnable(now: datetime) -> Any:
    return or_(
        JobRow.status == "pending", (JobRow.status == "running") & (JobRow.lease_until < now)
    )
