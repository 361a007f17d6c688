"""Action, block and callback ids shared by the block builders and the listeners."""

from __future__ import annotations

import re

CONSULT_MODAL = "consult_modal"
CLOSE_MODAL = "close_modal"
DETAILS_MODAL = "details_modal"
CONSULT_SHORTCUT = "consult_from_message"

OPEN_CONSULT = "open_consult"
OPEN_URGENT_CONSULT = "open_urgent_consult"
HOURS_TODAY = "hours_today"
CLARIFY = re.compile(r"^clarify_\d+$")
FEEDBACK_GOOD = "feedback_good"
FEEDBACK_BAD = "feedback_bad"

QUEUE_CLAIM = "queue_claim"
QUEUE_START = "queue_start"
QUEUE_CLOSE = "queue_close"
QUEUE_DETAILS = "queue_details"
QUEUE_TAKE_OVER = "queue_take_over"

FIELD = "value"
SCHOOL_OTHER = "school_other"  # a school not in the routing file's list, typed
SCHOOL, GRADE, CATEGORIES, URGENCY, SUMMARY, CONSENT, CONTACT_TIME = (
    "school",
    "grade",
    "categories",
    "urgency",
    "summary",
    "consent",
    "contact_time",
)
OUTCOME, NOTE = "outcome", "note"
