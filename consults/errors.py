"""Named exceptions of the queue; the edges turn them into one Japanese sentence."""

from __future__ import annotations


class QueueError(Exception):
    """Base: ``str()`` is the sentence to show to the person."""


class ConsultNotFound(QueueError):
    def __init__(self, number: str) -> None:
        super().__init__(
            f"相談番号 {number} は見つかりません。番号を確かめてください（例: 2026-0042）。"
        )


class AlreadyClaimed(QueueError):
    def __init__(self, number: str, assignee: str) -> None:
        super().__init__(f"{number} はすでに {assignee} さんが担当しています。")
        self.assignee = assignee


class InvalidDraft(QueueError):
    """The form has problems; ``errors`` maps each field to its Japanese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("相談票に直すところがあります: " + " ".join(errors.values()))
        self.errors = errors


class StorageUnavailable(QueueError):
    """The database cannot be reached; the sentence says what failed: saving, reading or
    connecting (``doing``), so a failed read never claims that something was not saved."""

    SENTENCES = {
        "save": "相談を保存できませんでした（データベースにつながりません）。入力した内容は下に残しています。少し待ってもう一度送ってください。",
        "read": "相談を読み出せませんでした（データベースにつながりません）。何も変わっていません。少し待ってもう一度試してください。",
        "connect": "データベースにつながりません。DATABASE_URL（既定は MADOGUCHI_DATA_DIR の SQLite）とデータベースの状態を確かめて、もう一度試してください。",
    }

    def __init__(self, doing: str = "save") -> None:
        super().__init__(self.SENTENCES[doing])
        self.doing = doing
