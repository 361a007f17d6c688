"""Named exceptions of the queue; the edges turn them into one Japanese sentence."""

from __future__ import annotations

from consults import messages as msg


class QueueError(Exception):
    """Base: ``str()`` is the sentence to show to the person."""


class ConsultNotFound(QueueError):
    def __init__(self, number: str) -> None:
        super().__init__(msg.consult_not_found(number))


class AlreadyClaimed(QueueError):
    def __init__(self, number: str, assignee: str) -> None:
        super().__init__(msg.already_claimed(number, assignee))
        self.assignee = assignee


class InvalidDraft(QueueError):
    """The form has problems; ``errors`` maps each field to its Japanese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(msg.draft_problems(list(errors.values())))
        self.errors = errors


class StorageUnavailable(QueueError):
    """The database cannot be reached; the sentence says what failed: saving, reading or
    connecting (``doing``), so a failed read never claims that something was not saved."""

    def __init__(self, doing: str = "save") -> None:
        super().__init__(msg.STORAGE_UNAVAILABLE[doing])
        self.doing = doing
