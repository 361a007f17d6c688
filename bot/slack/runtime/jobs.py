"""Work after the ack: scheduled once per Slack event, kept durably in HTTP mode.

Bolt's own pattern for serverless (its AWS Lambda adapter): a lazy listener's
request is stored with the ``x-slack-bolt-lazy-only`` headers, and it is
dispatched again later so Bolt runs just that function. Here the hand-off is a
table, so the ack costs one short transaction, and acknowledged work survives
its worker dying: any worker takes it (``bot.storage.leases``).

Both runners deduplicate on the event id where the work is scheduled, so a
retried or duplicated event is acknowledged every time and worked once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App
from slack_bolt.kwargs_injection import build_required_kwargs
from slack_bolt.lazy_listener import LazyListenerRunner
from slack_bolt.lazy_listener.thread_runner import ThreadLazyListenerRunner
from slack_bolt.listener.thread_runner import ThreadListenerRunner
from slack_bolt.request import BoltRequest
from slack_bolt.util.utils import get_arg_names_of_callable, get_name_for_callable
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import InterfaceError, OperationalError

from bot import logs
from bot.slack.runtime.dedupe import event_id_of, record_event
from bot.storage.db import (
    JobRow,
    SlackEventRow,
    once_more_if_reconnected,
    one_statement,
    record_until_stored,
)
from bot.storage.leases import take_due
from consults.errors import StorageUnavailable

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
RETRY_AFTER = timedelta(seconds=5)  # doubled after every failed attempt
MAX_ATTEMPTS = 5
BATCH = 5
_STORE_JOB = insert(JobRow)
_JOB_COLUMNS = (
    "function",
    "body",
    "headers",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
)


def _store_first_copy() -> Any:
    """PostgreSQL: record the event id and store its job in one statement (one round trip,
    atomic on its own); a copy whose id is already recorded inserts nothing."""
    events, jobs = SlackEventRow.__table__.c, JobRow.__table__.c
    first_copy = (
        postgresql.insert(SlackEventRow)
        .values(
            event_id=bindparam("event_id", type_=events.event_id.type),
            received_at=bindparam("received_at", type_=events.received_at.type),
        )
        .on_conflict_do_nothing(index_elements=[SlackEventRow.event_id])
        .returning(SlackEventRow.event_id)
        .cte("first_copy")
    )
    job = select(*(bindparam(name, type_=jobs[name].type) for name in _JOB_COLUMNS))
    return (
        insert(JobRow)
        .from_select(list(_JOB_COLUMNS), job.select_from(first_copy))
        .add_cte(first_copy)
        .returning(JobRow.id)  # psycopg's rowcount is -1 here: whether a row comes back says it
    )


_STORE_FIRST_COPY = _store_first_copy()
_FORGET_DONE = delete(JobRow).where(JobRow.id == bindparam("job_id"))


class JobFailed(Exception):
    """The listener failed and Bolt answered for it: run the job again later."""


_last_failure = threading.local()


def worth_retrying(error: BaseException) -> bool:
    """Slack, the network or the database failing may pass; any other error will happen again
    (and the person was already told by the app's error handler, once)."""
    return isinstance(
        error,
        JobFailed  # Bolt answered 500 without a listener's error to show: not known to be a bug
        | SlackClientError
        | OSError
        | OperationalError
        | InterfaceError
        | StorageUnavailable,
    )


def retry_delay(error: BaseException, attempts: int) -> timedelta:
    """When to try again: when Slack says (Retry-After on a 429), else backing off."""
    response = getattr(error, "response", None)
    if isinstance(error, SlackApiError) and response is not None and response.status_code == 429:
        try:
            return timedelta(seconds=max(float(response.headers.get("Retry-After", 1)), 0.0))
        except ValueError:
            pass
    backoff: timedelta = RETRY_AFTER * 2 ** (attempts - 1)
    return backoff


class DatabaseLazyRunner(LazyListenerRunner):
    """Stores lazy work (once per event) instead of starting a thread."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime],
        on_stored: Callable[[], None] = lambda: None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.on_stored = on_stored
        self.logger = log

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        self.store(request.lazy_function_name or "", request)

    def store(self, function_name: str, request: BoltRequest) -> None:
        """Keep the request's body and headers as a job for ``function_name`` (once per event)."""
        headers = {k: list(v) for k, v in request.headers.items()}
        headers["x-slack-bolt-lazy-only"] = ["1"]
        headers["x-slack-bolt-lazy-function-name"] = [function_name]
        now = self.clock()
        event_id = event_id_of(request.body)
        job = {
            "function": function_name,
            "body": request.body,
            "headers": headers,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }

        def store() -> bool:
            if not event_id:  # a command or an action: nothing to deduplicate on
                with one_statement(self.engine) as connection:
                    connection.execute(_STORE_JOB, job)
                return True
            if self.engine.dialect.name == "postgresql":
                with one_statement(self.engine) as connection:
                    stored = connection.execute(
                        _STORE_FIRST_COPY, job | {"event_id": event_id, "received_at": now}
                    )
                    return stored.first() is not None
            with self.engine.begin() as connection:
                if not record_event(connection, event_id, now):
                    return False
                connection.execute(_STORE_JOB, job)
                return True

        if once_more_if_reconnected(store):
            self.on_stored()
        else:
            log.info("duplicate event %s ignored", event_id)

    def run(self, function: Callable[..., None], request: BoltRequest) -> None:
        """Run stored work and let a failure reach the JobRunner, which retries it (Bolt's own
        runner would log it and report success, and the answer would be lost)."""
        arguments = build_required_kwargs(
            logger=log,
            required_arg_names=get_arg_names_of_callable(function),
            request=request,
            response=None,
            this_func=function,
        )
        try:
            function(**arguments)
        except Exception as error:
            _last_failure.error = error  # Bolt swallows it into a 500; the JobRunner reads it
            raise


class StoringListenerRunner(ThreadListenerRunner):
    """Bolt's listener runner, handing lazy work to the jobs table as it is.

    Bolt deep-copies the whole request (context, client, logger) before each lazy
    listener so that another thread can use it; that copy was a third of an ack's
    CPU. A stored job keeps only the body and the headers, serialized from the
    original request, so the copy is skipped. Written against slack-bolt 1.30
    (pinned), whose ``_start_lazy_function`` is the one place lazy work starts.
    """

    def __init__(self, bolt: ThreadListenerRunner, jobs: DatabaseLazyRunner) -> None:
        super().__init__(
            logger=bolt.logger,
            process_before_response=bolt.process_before_response,
            listener_error_handler=bolt.listener_error_handler,
            listener_start_handler=bolt.listener_start_handler,
            listener_completion_handler=bolt.listener_completion_handler,
            listener_executor=bolt.listener_executor,
            lazy_listener_runner=jobs,
        )
        self.jobs = jobs

    def _start_lazy_function(self, lazy_func: Callable[..., None], request: BoltRequest) -> None:
        self.jobs.store(get_name_for_callable(lazy_func), request)


def store_work_after_ack(app: App, jobs: DatabaseLazyRunner) -> None:
    """HTTP mode: the app acks and stores its lazy work; a ``JobRunner`` does it later."""
    app._listener_runner = StoringListenerRunner(app.listener_runner, jobs)


class DedupingThreadRunner(ThreadLazyListenerRunner):
    """Bolt's thread runner (Socket Mode, tests), with the same once-per-event check."""

    def __init__(self, executor: Executor, engine: Engine, clock: Callable[[], datetime]) -> None:
        super().__init__(logger=log, executor=executor)
        self.engine = engine
        self.clock = clock

    def start(self, function: Callable[..., None], request: BoltRequest) -> None:
        event_id = event_id_of(request.body)
        if event_id and not once_more_if_reconnected(lambda: self._first_time(event_id)):
            log.info("duplicate event %s ignored", event_id)
            return
        super().start(function, request)

    def _first_time(self, event_id: str) -> bool:
        with self.engine.begin() as connection:
            return record_event(connection, event_id, self.clock())


class JobRunner:
    """Runs stored lazy work through the same Bolt app (the signature was checked at the door)."""

    def __init__(
        self,
        app: App,
        engine: Engine,
        clock: Callable[[], datetime],
        lease: timedelta = LEASE,
    ) -> None:
        self.app = app
        self.engine = engine
        self.clock = clock
        self.lease = lease

    def run_once(self, before_each: Callable[[], None] = lambda: None) -> int:
        """Take a few due jobs and run them; ``before_each`` lets the caller put acks first."""
        now = self.clock()
        with one_statement(self.engine) as connection:
            rows = take_due(
                connection,
                JobRow,
                "running",
                now,
                self.lease,
                BATCH,
                (JobRow.body, JobRow.headers, JobRow.attempts),
            )
        done = 0
        for row in rows:
            before_each()
            done += self._run(row.id, dict(row.body), dict(row.headers), row.attempts)
        return done

    def _run(
        self, job_id: int, body: dict[str, object], headers: dict[str, object], attempts: int
    ) -> int:
        request = BoltRequest(body=body, headers=headers, mode="socket_mode")  # type: ignore[arg-type]
        _last_failure.error = None
        try:
            with logs.tagged(job=str(job_id)):
                response = self.app.dispatch(request)
            if response.status >= 500:  # Bolt caught a listener's error (a Web API failure, say)
                raise JobFailed(response.status) from _last_failure.error
        except Exception as failure:
            log.exception("job %s failed", job_id)
            attempts += 1
            error = failure.__cause__ or failure
            delay = retry_delay(error, attempts)
            give_up = attempts >= MAX_ATTEMPTS or not worth_retrying(error)
            if attempts < MAX_ATTEMPTS and give_up:  # a bug, or a payload it cannot read
                log.error("job %s cannot succeed (%s); not retried", job_id, type(error).__name__)
            with one_statement(self.engine) as connection:
                connection.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id)
                    .values(
                        status="failed" if give_up else "pending",
                        attempts=attempts,
                        lease_until=None,
                        next_attempt_at=self.clock() + delay,
                    )
                )
            return 0

        def forget_done() -> None:
            with one_statement(self.engine) as connection:
                connection.execute(_FORGET_DONE, {"job_id": job_id})

        record_until_stored(forget_done, within=self.lease.total_seconds() / 2)
        return 1
