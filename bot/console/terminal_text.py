"""Slack's reply text made plain for a terminal: no mrkdwn, no emoji codes.

The answer is written once (:func:`answers.render.render_text`, Slack mrkdwn, also the
``text`` of ``ask --json``); a terminal shows it through :func:`plain`, so
``*0123はらっぱ*`` reads 0123はらっぱ and ``:rotating_light:`` disappears.

>>> plain(":rotating_light: *緊急の可能性があります。* `/ssw` か <https://example.jp|案内>")
'【緊急】緊急の可能性があります。 /ssw か 案内（https://example.jp）'
>>> plain("今 *開いています*（今日は 9:00-16:00、16:00まで）")
'今 開いています（今日は 9:00-16:00、16:00まで）'
"""

from __future__ import annotations

import re

from bot.messages import console as msg

_EMOJI = re.compile(r"(?<![0-9]):([a-z][a-z0-9_+-]*):[ \t]?")  # never a clock: 9:00-16:00
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")
_MENTION = re.compile(r"<@([A-Z0-9]+)>")
_BOLD = re.compile(r"\*([^*\n]+)\*")
_CODE = re.compile(r"`([^`\n]+)`")
_STRIKE = re.compile(r"~([^~\n]+)~")


def plain(text: str) -> str:
    text = _EMOJI.sub(lambda m: msg.TERMINAL_EMOJI_WORDS.get(m[1], ""), text)
    text = _LINK.sub(lambda m: msg.terminal_link(m[2], m[1]), text)
    text = _BARE_LINK.sub(r"\1", text)
    text = _MENTION.sub(r"@\1", text)
    text = _BOLD.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
