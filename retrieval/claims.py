"""Check a claim someone posted against the article: what it covers, and what it doesn't.

`check_claim` never says "true" or "false". It finds the passages that bear on the claim (as a
question would), then reports only what those passages and the article show: names in the claim
that the article never mentions, and numbers in the claim that the passages shown don't contain
where they give other numbers ("30 days" in the article, "20 days" in the claim). When nothing in
the article bears on the claim, it says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from retrieval.errors import InvalidQuestion
from retrieval.mentions import question_names
from retrieval.models import Passage
from retrieval.question import MAX_QUESTION_CHARS

if TYPE_CHECKING:
    from retrieval.engine import Engine

MAX_CLAIM_CHARS = 2000  # a Discord message; the first MAX_QUESTION_CHARS are searched
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s?%|\s+percent\b)?")
_WORD_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}  # fmt: skip
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """A number of the claim that the passages shown do not contain, and theirs."""

    claimed: str
    article_says: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the article does and does not cover of a claim, with the passages that bear on it."""

    claim: str
    covered: bool  # some passage bears on the claim
    passages: tuple[Passage, ...] = ()
    unknown_names: tuple[str, ...] = ()  # names in the claim the article never mentions
    numbers: tuple[NumberCheck, ...] = ()
    reason: str | None = None  # why nothing bears on it, when not covered
    notes: tuple[str, ...] = field(default_factory=tuple)  # the plain verdict, line by line

    def to_json(self) -> dict[str, Any]:
        """The verdict, with its number checks and passages, as a JSON-ready dict."""
        return {
            "claim": self.claim,
            "covered": self.covered,
            "unknown_names": list(self.unknown_names),
            "numbers": [
                {"claimed": n.claimed, "article_says": list(n.article_says)} for n in self.numbers
            ],
            "reason": self.reason,
            "notes": list(self.notes),
            "passages": [p.to_json() for p in self.passages],
        }


def claim_text(raw: str) -> str:
    """The searchable text of a message: links dropped, whitespace collapsed, cut to the
    question limit at a word boundary. Raises InvalidQuestion when nothing is left."""
    text = " ".join(_URL.sub(" ", raw or "").split())
    if not any(c.isalnum() for c in text):
        raise InvalidQuestion(
            "That message has no text to check (only links, images or embeds): "
            "pick a message that says something."
        )
    if len(text) > MAX_QUESTION_CHARS:
        cut = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        text = cut or text[:MAX_QUESTION_CHARS]
    return text


def numbers_in(text: str) -> list[str]:
    """The numbers a text states, normalised ("1,200" -> "1200", "thirty" -> "30", "8%" ->
    "8%")."""
    found = [
        m.group(1).replace(",", "") + ("%" if m.group(2) else "") for m in _NUMBER.finditer(text)
    ]
    found += [_WORD_NUMBERS[m.group(1).lower()] for m in _WORD_NUMBER.finditer(text)]
    return found


def _number_checks(claim: str, passages: Sequence[Passage]) -> tuple[NumberCheck, ...]:
    shown: list[str] = []
    for p in passages:
        shown += [n for n in numbers_in(p.text) if n not in shown]
    if not shown:
        return ()
    checks = []
    for number in dict.fromkeys(numbers_in(claim)):
        if number not in shown:
            same_kind = [n for n in shown if n.endswith("%") == number.endswith("%")]
            if same_kind:
                checks.append(NumberCheck(number, tuple(same_kind[:4])))
    return tuple(checks)


def check_claim(engine: Engine, raw: str, top_k: int = 3, article: str | None = None) -> Verdict:
    """The passages that bear on a claim and what the article does and doesn't cover of it."""
    claim = claim_text(raw)
    answer = engine.ask(claim, top_k=top_k, article=article)
    scope = [article] if article else [a.id for a in engine.article_list]
    names = question_names(claim)
    unknown = tuple(n for n in names if not any(engine.library.names[a].mentions(n) for a in scope))
    covered = not answer.abstained
    numbers = _number_checks(claim, answer.passages) if covered else ()
    notes: list[str] = []
    if unknown:
        notes.append(f"The article never mentions {', '.join(unknown)}.")
    if not covered:
        notes.append("Nothing in the article bears on this claim closely enough to check it.")
    for n in numbers:
        notes.append(
            f"The claim says {n.claimed}; the passages shown give {', '.join(n.article_says)}."
        )
    if covered and not unknown and not numbers:
        notes.append(
            "The article bears on this: read what it says below. This is not a ruling on the"
            " claim, only what the article shows."
        )
    return Verdict(
        claim=claim,
        covered=covered,
        passages=answer.passages,
        unknown_names=unknown,
        numbers=numbers,
        reason=answer.reason,
        notes=tuple(notes),
    )
