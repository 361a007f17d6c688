"""The consult lifecycle as tables (h11-style): pure, no I/O.

Every guard on who may do what to which consult is a row of one of three tables:

- ``TRANSITIONS``: which moves each status allows, and the status after;
- ``PERMITTED``: who may make each move (roles relative to the consult);
- ``NEW_ASSIGNEE``: whom a move that hands the consult to someone may hand it to.

The console, the CLI and Slack all go through :func:`check` (by ``ConsultQueue``), which
raises :class:`NotAllowed` with the sentence to show (naming exactly who may do it) and
leaves nothing changed. No other code decides who may do what.

To add a guard, add one row, nothing else: e.g. only the supervisor may close, and a
consult is handed only to the supervisor::

    PERMITTED[Action.CLOSE] = frozenset({Role.SUPERVISOR})
    NEW_ASSIGNEE[Action.REASSIGN] = frozenset({Role.SUPERVISOR})

A new move needs a row in ``TRANSITIONS`` and ``PERMITTED`` (and ``NEW_ASSIGNEE`` when it
hands the consult over), its words in ``consults.messages.ACTION_WORDS`` and a
``ConsultQueue`` method that calls ``_move``.
``tests/queue/test_guards_are_table_rows.py`` plants rows and sees them hold everywhere.
Input checks (an empty text) are not guards: ``ConsultQueue`` validates them.

Who is who, for one consult:

- the **assignee** works it (対応中) and closes it;
- the **supervisor** (SSW統括) may reassign or close any consult;
- **another SSW** may claim an unassigned consult, and takes an assigned one
  over only by the explicit 引き継ぐ move (audited; both SSWs are told);
- the **requester** (who filed it) may add information or withdraw it;
- a consult is only ever handed to an SSW (the supervisor is one).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consults import messages as msg
from consults.model import Status


class Action(StrEnum):
    CLAIM = "claim"
    START = "start"
    CLOSE = "close"
    REASSIGN = "reassign"
    TAKE_OVER = "take_over"
    WITHDRAW = "withdraw"
    ADD_INFO = "add_info"
    VIEW = "view"
    PURGE = "purge"


class Role(StrEnum):
    """A person's relation to one consult; one person may hold several."""

    ASSIGNEE = "assignee"
    SUPERVISOR = "supervisor"
    SSW = "ssw"
    REQUESTER = "requester"
    OTHER = "other"


S = Status
OPEN = (S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS)
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.RECEIVED, Action.CLAIM): S.ASSIGNED,
    (S.RECEIVED, Action.REASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Action.REASSIGN): S.ASSIGNED,
    (S.IN_PROGRESS, Action.REASSIGN): S.IN_PROGRESS,
    (S.ASSIGNED, Action.TAKE_OVER): S.ASSIGNED,
    (S.IN_PROGRESS, Action.TAKE_OVER): S.IN_PROGRESS,
    (S.ASSIGNED, Action.START): S.IN_PROGRESS,
    (S.ASSIGNED, Action.CLOSE): S.CLOSED,
    (S.IN_PROGRESS, Action.CLOSE): S.CLOSED,
    **{(status, Action.WITHDRAW): S.WITHDRAWN for status in OPEN},
    **{(status, Action.ADD_INFO): status for status in OPEN},
    **{(status, Action.VIEW): status for status in Status},
    **{(status, Action.PURGE): status for status in (S.CLOSED, S.WITHDRAWN)},
}

R = Role
PERMITTED: dict[Action, frozenset[Role]] = {
    Action.CLAIM: frozenset({R.SSW, R.SUPERVISOR}),
    Action.START: frozenset({R.ASSIGNEE}),
    Action.CLOSE: frozenset({R.ASSIGNEE, R.SUPERVISOR}),
    Action.REASSIGN: frozenset({R.ASSIGNEE, R.SUPERVISOR}),
    Action.TAKE_OVER: frozenset({R.SSW}),
    Action.WITHDRAW: frozenset({R.REQUESTER}),
    Action.ADD_INFO: frozenset({R.REQUESTER, R.ASSIGNEE, R.SUPERVISOR}),
    Action.VIEW: frozenset({R.REQUESTER, R.ASSIGNEE, R.SUPERVISOR, R.SSW}),
    Action.PURGE: frozenset({R.SUPERVISOR, R.SSW}),
}

# whom a move that hands the consult over may hand it to: the roles (for this consult,
# before the move) the new assignee must hold one of
NEW_ASSIGNEE: dict[Action, frozenset[Role]] = {
    Action.CLAIM: frozenset({R.SSW, R.SUPERVISOR}),
    Action.REASSIGN: frozenset({R.SSW, R.SUPERVISOR}),
    Action.TAKE_OVER: frozenset({R.SSW, R.SUPERVISOR}),
}


@dataclass(frozen=True)
class NewAssignee:
    """The person a move hands the consult to: the user as a refusal names them, and the
    roles they hold for the consult before it is handed (:func:`roles_of` with no assignee)."""

    user: str
    roles: frozenset[Role]


class NotAllowed(Exception):
    """A move the rules refuse; ``str()`` is one Japanese sentence for the person."""


def check(
    status: Status,
    action: Action,
    roles: frozenset[Role],
    assignee: str | None = None,
    new_assignee: NewAssignee | None = None,
) -> Status:
    """The status after ``action``, or NotAllowed naming who may do it.

    ``assignee`` is the assignee's name, so a refusal can say whose consult it is;
    ``new_assignee`` is required for a move with a ``NEW_ASSIGNEE`` row.
    """
    after = TRANSITIONS.get((status, action))
    if after is None:
        raise NotAllowed(msg.not_in_this_status(status.value, _word(action)))
    allowed = PERMITTED[action]
    if not roles & allowed:
        named = allowed - {Role.SUPERVISOR, Role.ASSIGNEE} if Role.SSW in allowed else allowed
        hint = (
            msg.take_over_hint()
            if assignee
            and Role.SSW in roles
            and Action.TAKE_OVER not in (action,)
            and (status, Action.TAKE_OVER) in TRANSITIONS
            else ""
        )
        raise NotAllowed(msg.not_permitted(_word(action), _who(named), assignee) + hint)
    holders = NEW_ASSIGNEE.get(action)
    if holders is not None:
        if new_assignee is None:
            raise ValueError(f"{action.value} hands the consult over: check() needs new_assignee")
        if not new_assignee.roles & holders:
            raise NotAllowed(
                msg.not_an_ssw(new_assignee.user)
                if Role.SSW in holders
                else msg.not_a_new_assignee(_word(action), _who(holders), new_assignee.user)
            )
    return after


def _word(action: Action) -> str:
    return msg.ACTION_WORDS[action.value]


def _who(roles: frozenset[Role]) -> list[str]:
    """The roles as a refusal names them, in the order of :class:`Role`."""
    return [msg.ROLE_WORDS[role.value] for role in Role if role in roles]


def roles_of(
    actor: str,
    *,
    requester: str,
    assignee: str | None,
    supervisor: str | None,
    is_ssw: bool,
) -> frozenset[Role]:
    """Every role ``actor`` holds for one consult (the assignee is not also 'another SSW')."""
    roles = set()
    if assignee is not None and actor == assignee:
        roles.add(Role.ASSIGNEE)
    elif is_ssw:
        roles.add(Role.SSW)
    if supervisor is not None and actor == supervisor:
        roles.add(Role.SUPERVISOR)
    if actor == requester:
        roles.add(Role.REQUESTER)
    return frozenset(roles or {Role.OTHER})


def allows(status: Status, action: Action) -> bool:
    """Whether ``action`` is a move from ``status`` at all, whoever makes it — so a surface
    offers exactly the moves the table has (who may press is :func:`check`'s question)."""
    return (status, action) in TRANSITIONS
