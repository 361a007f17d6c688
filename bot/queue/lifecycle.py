"""The consult lifecycle as a table of allowed moves (h11-style): pure, no I/O.

An illegal move raises :class:`NotAllowed` with the Japanese sentence to show
and leaves nothing changed. The console, the CLI and Slack all go through
:func:`check`, so the rules live here only.
"""

from __future__ import annotations

from enum import StrEnum

from bot.queue.model import Status


class Action(StrEnum):
    CLAIM = "claim"
    START = "start"
    CLOSE = "close"
    REASSIGN = "reassign"
    WITHDRAW = "withdraw"
    ADD_INFO = "add_info"
    VIEW = "view"


class Role(StrEnum):
    SSW = "ssw"
    REQUESTER = "requester"
    OTHER = "other"


S = Status
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.RECEIVED, Action.CLAIM): S.ASSIGNED,
    (S.RECEIVED, Action.REASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Action.REASSIGN): S.ASSIGNED,
    (S.IN_PROGRESS, Action.REASSIGN): S.IN_PROGRESS,
    (S.ASSIGNED, Action.START): S.IN_PROGRESS,
    (S.ASSIGNED, Action.CLOSE): S.CLOSED,
    (S.IN_PROGRESS, Action.CLOSE): S.CLOSED,
    (S.RECEIVED, Action.WITHDRAW): S.WITHDRAWN,
    (S.ASSIGNED, Action.WITHDRAW): S.WITHDRAWN,
    (S.IN_PROGRESS, Action.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, Action.ADD_INFO): S.RECEIVED,
    (S.ASSIGNED, Action.ADD_INFO): S.ASSIGNED,
    (S.IN_PROGRESS, Action.ADD_INFO): S.IN_PROGRESS,
    **{(status, Action.VIEW): status for status in Status},
}

PERMITTED: dict[Action, frozenset[Role]] = {
    Action.CLAIM: frozenset({Role.SSW}),
    Action.START: frozenset({Role.SSW}),
    Action.CLOSE: frozenset({Role.SSW}),
    Action.REASSIGN: frozenset({Role.SSW}),
    Action.WITHDRAW: frozenset({Role.REQUESTER}),
    Action.ADD_INFO: frozenset({Role.REQUESTER, Role.SSW}),
    Action.VIEW: frozenset({Role.REQUESTER, Role.SSW}),
}

ACTION_WORDS = {
    Action.CLAIM: "担当する",
    Action.START: "対応中にする",
    Action.CLOSE: "完了にする",
    Action.REASSIGN: "担当を替える",
    Action.WITHDRAW: "取り下げる",
    Action.ADD_INFO: "情報を追加する",
    Action.VIEW: "詳細を見る",
}


class NotAllowed(Exception):
    """A move the rules refuse; ``str()`` is one Japanese sentence for the person."""


def check(status: Status, action: Action, roles: frozenset[Role]) -> Status:
    """The status after ``action``, or NotAllowed naming why."""
    if not roles & PERMITTED[action]:
        who = "SSW" if PERMITTED[action] == {Role.SSW} else "SSWと相談した本人"
        raise NotAllowed(f"「{ACTION_WORDS[action]}」は{who}だけができます。")
    after = TRANSITIONS.get((status, action))
    if after is None:
        raise NotAllowed(
            f"この相談は「{status.value}」なので「{ACTION_WORDS[action]}」はできません。"
        )
    return after
