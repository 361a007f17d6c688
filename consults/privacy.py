"""Keep children's identities out of the queue: warn on names and phone numbers.

This is a warning, not a filter: the requester sees it and rewrites. It can't
catch every name, so the summary is also never sent to a shared channel or a
log line, whatever it holds.
"""

from __future__ import annotations

import re

_PHONE = re.compile(r"0\d{1,4}[-‐－ー(（]?\d{1,4}[-‐－ー)）]?\d{3,4}|0[789]0\d{8}")
_HONORIFIC_NAME = re.compile(r"[一-龥ぁ-んァ-ヶ]{1,4}(さん|くん|ちゃん|君)(?![たが子])")
_FULL_NAME = re.compile(r"[一-龥]{1,3}[ 　][一-龥ぁ-んァ-ヶ]{1,4}")
_NOT_NAMES = (
    "お母さん",
    "お父さん",
    "保護者さん",
    "担任さん",
    "先生",
    "みなさん",
    "皆さん",
    "お兄さん",
    "お姉さん",
    "おばあさん",
    "おじいさん",
    "親御さん",
    "ssw",
    "sswさん",
    "scさん",
)


def identity_warnings(summary: str) -> list[str]:
    """Japanese warnings for text that looks like it holds a name or a phone number."""
    warnings = []
    if _PHONE.search(summary):
        warnings.append("電話番号のような数字があります。相談票には書かないでください。")
    lowered = summary.lower()
    for match in _HONORIFIC_NAME.finditer(lowered):
        word = match.group(0)
        if not any(word.endswith(n) or n.endswith(word) for n in _NOT_NAMES):
            warnings.append(
                f"「{match.group(0)}」は名前のようです。子どもの氏名は書かず「5年女子」のように書いてください。"
            )
            break
    if _FULL_NAME.search(summary):
        warnings.append("氏名のような書き方があります。子どもの氏名は書かないでください。")
    return warnings


def redact(text: str) -> str:
    """The text with phone numbers and name-like words replaced, for keeping questions."""
    text = _PHONE.sub("＊＊＊", text)

    def hide(match: re.Match[str]) -> str:
        word = match.group(0)
        return (
            word
            if any(word.lower().endswith(n) or n.endswith(word.lower()) for n in _NOT_NAMES)
            else "＊＊" + match.group(1)
        )

    text = _HONORIFIC_NAME.sub(hide, text)
    return _FULL_NAME.sub("＊＊", text)
