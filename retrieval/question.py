"""Question cleaning, independent of any article.

`clean_question` turns raw user text into something searchable, or raises InvalidQuestion with a
friendly message (empty, too long, nothing but symbols).
"""

from __future__ import annotations

import re
import unicodedata

from retrieval.errors import InvalidQuestion

MAX_QUESTION_CHARS = 500

# Zero-width characters, bidi controls and other format characters carry no meaning for search.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def clean_question(raw: str) -> str:
    """Strip invisible characters and collapse whitespace; raise InvalidQuestion when unusable."""
    if not isinstance(raw, str):
        raise InvalidQuestion("A question must be text.")
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", raw))
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise InvalidQuestion("The question is empty: ask something about the article.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"The question is too long ({len(text):,} characters); "
            f"please keep it under {MAX_QUESTION_CHARS}."
        )
    if not any(c.isalnum() for c in text):
        raise InvalidQuestion(
            "The question has no words to search for: ask something about the article."
        )
    return text
