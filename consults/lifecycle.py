"""The consult lifecycle as two tables (h11-style): pure, no I/O.

``TRANSITIONS`` says which moves each status allows; ``PERMITTED`` says who may
make each move. Every guard of the queue is here: the console, the CLI and
Slack all go through :func:`check`, which raises :class:`NotAllowed` with the
sentence to show (naming exactly who may do it) and leaves nothing changed.

Who is who, for one consult:

- the **assignee** works it (対応中) and closes it;
- the **supervisor** (SSW統括) may reassign or close any consult;
- **another SSW** may claim an unassigned consult, and takes an assigned one
  over only by the explicit 引き継ぐ move (audited; both SSWs are told);
- the **requester** (who filed it) may add information or withdraw it.
"""

from __future__ import annotations

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

ACTION_WORDS = {
    Action.CLAIM: "担当する",
    Action.START: "対応中にする",
    Action.CLOSE: "完了にする",
    Action.REASSIGN: "担当を替える",
    Action.TAKE_OVER: "引き継ぐ",
    Action.WITHDRAW: "取り下げる",
    Action.ADD_INFO: "情報を追加する",
    Action.VIEW: "詳細を見る",
    Action.PURGE: "自由記述を消す",
}

ROLE_WORDS = {
    R.ASSIGNEE: "この相談の担当SSW",
    R.SUPERVISOR: "SSW統括",
    R.SSW: "SSW",
    R.REQUESTER: "相談を出した本人",
}


class NotAllowed(Exception):
    """A move the rules refuse; ``str()`` is one Japanese sentence for the person."""


def check(
    status: Status, action: Action, roles: frozenset[Role], assignee: str | None = None
) -> Status:
    """The status after ``action``, or NotAllowed naming who may do it.

    ``assignee`` is the assignee's name, so a refusal can say whose consult it is.
    """
    after = TRANSITIONS.get((status, action))
    if after is None:
        raise NotAllowed(msg.not_in_this_status(status.value, ACTION_WORDS[action]))
    allowed = PERMITTED[action]
    if not roles & allowed:
        named = allowed - {Role.SUPERVISOR, Role.ASSIGNEE} if Role.SSW in allowed else allowed
        who = [ROLE_WORDS[role] for role in Role if role in named]
        hint = (
            msg.take_over_hint()
            if assignee
            and Role.SSW in roles
            and Action.TAKE_OVER not in (action,)
            and (status, Action.TAKE_OVER) in TRANSITIONS
            else ""
        )
        raise NotAllowed(msg.not_permitted(ACTION_WORDS[action], who, assignee) + hint)
    return after


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
