"""Check and normalise what users type before it reaches the retrieval core.

`clean_question` and `clean_speaker` strip what Discord users paste but the core should never see
(zero-width and bidirectional control characters, markdown decoration, mention syntax), collapse
whitespace, and raise `InvalidQuestion` / `InvalidSpeakerQuery` with a message that says what was
wrong and what to try instead.
"""

from __future__ import annotations

import re
import unicodedata

from retrieval.errors import InvalidQuestion, InvalidSpeakerQuery
from retrieval.question import MAX_QUESTION_CHARS

MAX_SPEAKER_CHARS = 100

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(f"[{ZERO_WIDTH}{BIDI_CONTROLS}]")

ASK_EXAMPLE = "`/ask question: what did the president agree to`"
QUOTE_EXAMPLE = "`/quote speaker: Putin`"

# Discord mention and entity syntax: users, roles, channels, slash commands, emoji, timestamps.
_ENTITY = re.compile(r"<(?:@[!&]?\d+|#\d+|/[\w -]+:\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|id:\w+)>")
_EVERYONE = re.compile(r"@(everyone|here)\b", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:<)?https?://[^)\s]+(?:>)?\)")
_FENCE = re.compile(r"```(?:[\w+#.-]*\n)?")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>>>|>|#{1,3}[ \t]|-#[ \t]|[-*+][ \t]|\d+\.[ \t])", re.M)
_DECORATION = re.compile(r"\*+|_{2,}|~~|\|\||`+|\\(?=[^\w\s])")
_LONE_UNDERSCORE = re.compile(r"(?<!\w)_+|_+(?!\w)")  # _italic_ markers, not snake_case
_SPACES = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters and bidirectional (right-to-left) controls."""
    return _INVISIBLE.sub("", text)


def normalize(text: str) -> str:
    """Plain searchable text: invisible characters, markdown and mention syntax removed."""
    text = unicodedata.normalize("NFC", strip_invisible(text))
    text = _ENTITY.sub(" ", text)
    text = _EVERYONE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _FENCE.sub(" ", text)
    text = _LINE_PREFIX.sub(" ", text)
    text = _DECORATION.sub(" ", text)
    text = _LONE_UNDERSCORE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def has_words(text: str) -> bool:
    """True when the text has at least one letter or digit (emoji and punctuation do not count)."""
    return any(c.isalnum() for c in text)


def _problem(raw: str, what: str, example: str) -> str | None:
    """What is wrong with `raw` as a search text, or None when it has something to search."""
    if not raw or not raw.strip():
        return f"Your {what} is empty — try {example}"
    visible = strip_invisible(raw)
    if not visible.strip():
        return (
            f"Your {what} only contains invisible characters (zero-width or right-to-left marks)"
            f" — try {example}"
        )
    if not has_words(normalize(raw)):
        if has_words(visible):
            return (
                f"Your {what} is only formatting or mentions, with no words to search for"
                f" — try {example}"
            )
        return f"Your {what} has no words to search for — try {example}"
    return None


def clean_question(raw: str | None, max_chars: int = MAX_QUESTION_CHARS) -> str:
    """The question normalised for the core; raise InvalidQuestion with a friendly message."""
    raw = raw or ""
    if len(raw) > max_chars:
        raise InvalidQuestion(
            f"Your question is too long ({len(raw):,} characters; the limit is {max_chars}). "
            "Ask about one thing at a time."
        )
    problem = _problem(raw, "question", ASK_EXAMPLE)
    if problem:
        raise InvalidQuestion(problem)
    return normalize(raw)


def clean_speaker(raw: str | None, max_chars: int = MAX_SPEAKER_CHARS) -> str:
    """The speaker name normalised for the core; raise InvalidSpeakerQuery when unusable."""
    raw = raw or ""
    if len(raw) > max_chars:
        raise InvalidSpeakerQuery(
            f"That speaker name is too long ({len(raw):,} characters; the limit is {max_chars}). "
            "Use `/speakers` to see who is quoted."
        )
    problem = _problem(raw, "speaker name", QUOTE_EXAMPLE)
    if problem:
        raise InvalidSpeakerQuery(problem + " (or `/speakers` to see who is quoted)")
    return normalize(raw)
