"""Work after the ack: a job row written by the listener that acks, done later by any worker.

Bolt is used only as it documents itself. A listener that works after the ack
(``bot.slack.listeners.lazy``) is an ordinary Bolt listener taking Bolt's ``args``.
For a request from Slack it stores the request's body as a job and then acks, so
the ack costs one short transaction and acknowledged work survives its worker
dying. A :class:`JobRunner` in any worker takes the job (``bot.storage.leases``)
and hands its body to the same app again (``App.dispatch`` of a ``BoltRequest``
whose context carries the job), so Bolt authorizes it for its workspace, runs the
middleware and finds the same listener, which now calls the handler with the
arguments the handler names. HTTP and Socket Mode store into the same table.

Once, as far as Slack lets anyone know:

- a retried or duplicated Slack event is acked every time and stored once (its
  event id is recorded in the statement that stores the job);
- a job's message to a conversation is posted once. Before ``chat.postMessage``
  the worker marks the job "posting" under its take (the count of times the job
  was taken: a worker whose lease ran out and was taken over finds its mark
  refused and does not post), and the message carries the job in its metadata. A
  job taken again after a take that began posting first looks for that message
  (``conversations.replies`` or ``conversations.history`` with
  ``include_all_metadata``) and posts only if it is not there. A worker killed
  between Slack accepting the answer and forgetting the job costs a look, not a
  second answer. What cannot be looked for may, after such a kill, come twice: a
  reply only one person sees (ephemeral, ``response_url``), or a post where the
  app may not read the conversation (no ``*:history`` scope; logged);
- failures are retried with backoff, a 429 after its Retry-After; an error that
  will happen again (a bug, a payload the handler cannot read) is set aside at once.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App, Args, BoltContext
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse
from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import InterfaceError, OperationalError

from bot import logs
from bot.slack.runtime.dedupe import event_id_of, record_event
from bot.slack.runtime.posted_once import find_marked, marked, single_try
from bot.storage.db import (
    JobRow,
    SlackEventRow,
    once_more_if_reconnected,
    one_statement,
    record_until_stored,
    rowcount,
)
from bot.storage.leases import take_due
from consults.errors import StorageUnavailable

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
RETRY_AFTER = timedelta(seconds=5)  # doubled after every failed attempt
MAX_ATTEMPTS = 5
BATCH = 5
JOB = "madoguchi_job"
"""The context key of a job's dispatch, and the metadata ``event_type`` of a job's posts."""
STORE = "madoguchi_job_store"
"""The context key under which Slack's requests find the :class:`JobStore`."""
HANDLER_ARGUMENTS = frozenset(
    name
    for name, parameter in inspect.signature(Args.__init__).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
) - {"ack", "next"}
"""What a handler may name: Bolt's listener arguments, less ``ack`` (Slack already has it)."""

_JOB_COLUMNS = ("function", "body", "status", "attempts", "takes", "next_attempt_at", "created_at")
_STORE_JOB = insert(JobRow)


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


class JobFailed(Exception):
    """Bolt answered a job's dispatch with an error and no handler's error to show."""


class TakenOver(Exception):
    """This worker's lease on the job ran out and another worker took it: it must not post."""


def worth_retrying(error: BaseException) -> bool:
    """Slack, the network or the database failing may pass; any other error will happen again
    (and the person was already told by the app's error handler, once)."""
    return isinstance(
        error,
        JobFailed  # Bolt answered 500 without a handler's error to show: not known to be a bug
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


Handler = Callable[..., None]


def after_ack(handler: Handler) -> Callable[[Args], None]:
    """The Bolt listener for ``handler``: on Slack's request it stores a job and acks; on the
    job's dispatch it calls ``handler`` with the Bolt arguments it names (``client`` being
    the job's :class:`OncePostingClient`). Unknown argument names fail here, at startup."""
    names = tuple(inspect.signature(handler).parameters)
    unknown = [name for name in names if name not in HANDLER_ARGUMENTS]
    if unknown:
        raise TypeError(
            f"{handler.__name__} asks for {', '.join(unknown)}: work after the ack gets Bolt's"
            " listener arguments (slack_bolt.Args) except ack"
        )

    def listener(args: Args) -> None:
        attempt = args.context.get(JOB)
        if isinstance(attempt, Attempt):
            attempt.run(handler, names, args)
            return
        store: JobStore = args.context[STORE]
        store.store(handler.__name__, args.body)
        args.ack()

    listener.__name__ = listener.__qualname__ = handler.__name__  # Bolt logs listeners by name
    return listener


class JobStore:
    """Keeps a request's work as a job (once per event id), in the ack's one transaction."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime],
        on_stored: Callable[[], None] = lambda: None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.on_stored = on_stored

    def attach(self, app: App) -> None:
        """Put this store in every request's context (Bolt's way of handing listeners a value)."""

        @app.middleware
        def jobs_are_stored(context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002  (Bolt's name)
            context[STORE] = self
            next()

    def store(self, function: str, body: dict[str, Any]) -> bool:
        """Store ``body`` as a job for ``function``; False when its event was stored before."""
        now = self.clock()
        event_id = event_id_of(body)
        job = {
            "function": function,
            "body": body,
            "status": "pending",
            "attempts": 0,
            "takes": 0,
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
            return True
        log.info("duplicate event %s ignored", event_id)
        return False


@dataclass
class Attempt:
    """One take of one job by one worker: the fencing token (``take``), whether an earlier
    take began posting, and what went wrong, for the runner."""

    job_id: int
    take: int
    earlier_take_posted: bool
    created_at: datetime
    engine: Engine
    clock: Callable[[], datetime]
    lease: timedelta
    posts: int = 0
    error: BaseException | None = field(default=None, repr=False)

    def run(self, handler: Handler, names: tuple[str, ...], args: Args) -> None:
        """Call the handler. Its error is kept for the runner and re-raised for Bolt (whose
        error handler tells the person); a take-over is only kept: nobody need hear of it."""
        client = OncePostingClient(args.client, self)
        arguments = {name: client if name == "client" else getattr(args, name) for name in names}
        try:
            handler(**arguments)
        except TakenOver as lost:
            self.error = lost
        except Exception as error:
            self.error = error
            raise

    def mark(self) -> dict[str, Any]:
        """Before a post: the metadata that names it (this job, its n-th post)."""
        self.posts += 1
        stored = f"{self.created_at.timestamp():.6f}"
        return marked(JOB, job=self.job_id, post=self.posts, stored=stored)

    def begin_post(self) -> None:
        """Mark the job as posting under this take, renewing the lease so the post ends
        before anyone may take the job again; refused when another worker has taken it."""
        now = self.clock()

        def mark() -> int:
            with one_statement(self.engine) as connection:
                return rowcount(
                    connection.execute(
                        update(JobRow)
                        .where(JobRow.id == self.job_id, JobRow.takes == self.take)
                        .values(posting_take=self.take, lease_until=now + self.lease)
                    )
                )

        if once_more_if_reconnected(mark) == 0:
            raise TakenOver(f"job {self.job_id} was taken over after take {self.take}")

    @property
    def post_timeout(self) -> int:
        """Seconds a post may take: well inside the lease its mark renewed."""
        return max(1, int(self.lease.total_seconds() / 2))


class OncePostingClient(WebClient):
    """The WebClient a job's handler gets: Bolt's client for the workspace, whose
    ``chat_postMessage`` carries the job's mark and is not made again when an earlier take
    of the job already made it. It does not retry on its own: a connection lost after
    Slack took a post would post it twice; the job's retry looks first."""

    def __init__(self, client: WebClient, attempt: Attempt) -> None:
        super().__init__(**single_try(client, attempt.post_timeout))
        self.attempt = attempt

    def chat_postMessage(self, *, channel: str, **kwargs: Any) -> SlackResponse:  # noqa: N802  (slack_sdk's name)
        mark = self.attempt.mark()
        if self.attempt.earlier_take_posted:
            who = f"job {self.attempt.job_id}"
            earlier = find_marked(self, channel, kwargs.get("thread_ts"), mark, who)
            if earlier is not None:
                log.info(
                    "job %s: post %d was made by an earlier take; not posted again",
                    self.attempt.job_id,
                    self.attempt.posts,
                )
                return self._as_posted(channel, earlier)
        self.attempt.begin_post()
        return super().chat_postMessage(channel=channel, metadata=mark, **kwargs)

    def _as_posted(self, channel: str, message: dict[str, Any]) -> SlackResponse:
        """What chat.postMessage would have answered for the message already there."""
        return SlackResponse(
            client=self,
            http_verb="POST",
            api_url=f"{self.base_url}chat.postMessage",
            req_args={},
            data={"ok": True, "channel": channel, "ts": message.get("ts"), "message": message},
            headers={},
            status_code=200,
        )


class JobRunner:
    """Takes due jobs and dispatches each through the same Bolt app (its signature was
    checked at the door), retrying failures and forgetting what is done."""

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
                (
                    JobRow.body,
                    JobRow.attempts,
                    JobRow.takes,
                    JobRow.posting_take,
                    JobRow.created_at,
                ),
                also={"takes": JobRow.takes + 1},
            )
        done = 0
        for row in rows:
            before_each()
            attempt = Attempt(
                job_id=row.id,
                take=row.takes,
                earlier_take_posted=row.posting_take is not None,
                created_at=row.created_at,
                engine=self.engine,
                clock=self.clock,
                lease=self.lease,
            )
            done += self._run(attempt, dict(row.body), row.attempts)
        return done

    def _run(self, attempt: Attempt, body: dict[str, Any], attempts: int) -> int:
        request = BoltRequest(body=body, context={JOB: attempt}, mode="socket_mode")
        failure: BaseException | None
        try:
            with logs.tagged(job=str(attempt.job_id)):
                response = self.app.dispatch(request)
        except Exception as error:  # Bolt answers for its listeners; this is Bolt itself failing
            failure = error
        else:
            failure = attempt.error or (
                JobFailed(response.status) if response.status >= 500 else None
            )
        if isinstance(failure, TakenOver):
            log.warning("%s; left to the worker that has it", failure)
            return 0
        if failure is not None:
            self._failed(attempt, attempts + 1, failure)
            return 0
        this_take = (JobRow.id == attempt.job_id) & (JobRow.takes == attempt.take)

        def forget_done() -> None:
            with one_statement(self.engine) as connection:
                connection.execute(delete(JobRow).where(this_take))

        record_until_stored(forget_done, within=self.lease.total_seconds() / 2)
        return 1

    def _failed(self, attempt: Attempt, attempts: int, error: BaseException) -> None:
        log.error("job %s failed", attempt.job_id, exc_info=error)
        give_up = attempts >= MAX_ATTEMPTS or not worth_retrying(error)
        if attempts < MAX_ATTEMPTS and give_up:  # a bug, or a payload it cannot read
            log.error(
                "job %s cannot succeed (%s); not retried", attempt.job_id, type(error).__name__
            )
        with one_statement(self.engine) as connection:
            connection.execute(
                update(JobRow)
                .where(JobRow.id == attempt.job_id, JobRow.takes == attempt.take)
                .values(
                    status="failed" if give_up else "pending",
                    attempts=attempts,
                    lease_until=None,
                    next_attempt_at=self.clock() + retry_delay(error, attempts),
                )
            )
