"""Result types shared by the retrieval core, the CLI harness and the bot.

Every object is a small frozen dataclass. Offsets (`start`, `end`) are character offsets into the
article's full text, so that ``article.text[start:end] == text`` always holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class ParagraphKind(StrEnum):
    """What role a line of the article plays."""

    BODY = "body"
    KEY_POINT = "key_point"
    HEADING = "heading"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-blank line of an article.

    `text` is the line without its bullet marker for key points (still an exact slice of the
    article: ``article_text[start:end]``). `heading` is the nearest heading line above it, if any.
    """

    article: str
    number: int  # 1-based line number in the file
    start: int
    end: int
    text: str
    kind: ParagraphKind = ParagraphKind.BODY
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: the exact quoted words (without quotation marks) and who said them."""

    text: str
    article: str
    paragraph: int
    start: int
    end: int
    speaker: str | None  # canonical speaker name; None when nobody could be attributed
    source: str | None = None  # short phrase of the article saying how the words reached it
    # The sentence the quotation stands in (absolute offsets, article_text[start:end]), so that a
    # partial quote ("called the plan “reckless”") can be shown with what frames it.
    sentence_start: int | None = None
    sentence_end: int | None = None
    sentence: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The quote and its sentence as a JSON-ready dict."""
        return {
            "text": self.text,
            "article": self.article,
            "paragraph": self.paragraph,
            "speaker": self.speaker,
            "source": self.source,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who speaks in a paragraph (directly quoted or reported) and through which source."""

    speaker: str | None
    source: str | None = None
    voices: tuple[str, ...] = ()  # everyone the paragraph quotes or reports, in order


@dataclass(frozen=True, slots=True)
class Speaker:
    """A quoted speaker: canonical name, role where the article gives one, and matching names."""

    name: str
    role: str | None
    kind: str  # "person" or "organization"
    quote_count: int
    aliases: tuple[str, ...] = ()
    description: str = ""  # roles and appositives the article gives them (for role questions)

    def to_json(self) -> dict[str, Any]:
        """The speaker, with quote count and aliases, as a JSON-ready dict."""
        return {
            "name": self.name,
            "role": self.role,
            "kind": self.kind,
            "quotes": self.quote_count,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """A verbatim passage returned for a question: a whole paragraph and its place."""

    text: str
    article: str
    paragraph: int
    start: int
    end: int
    score: float
    kind: ParagraphKind = ParagraphKind.BODY
    heading: str | None = None
    speaker: str | None = None
    source: str | None = None
    # Absolute offsets of the sentence that answers best (inside start..end), if known.
    highlight: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        """The passage, its place, score (rounded) and speaker as a JSON-ready dict."""
        return {
            "text": self.text,
            "article": self.article,
            "paragraph": self.paragraph,
            "score": round(float(self.score), 4),
            "speaker": self.speaker,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """The result of a question: best passages first, or an abstention with the nearest ones."""

    question: str
    abstained: bool
    passages: tuple[Passage, ...] = ()
    reason: str | None = None  # why the article doesn't answer, when it abstains

    def to_json(self) -> dict[str, Any]:
        """The answer, with its passages, as a JSON-ready dict."""
        return {
            "question": self.question,
            "abstained": self.abstained,
            "reason": self.reason,
            "passages": [p.to_json() for p in self.passages],
        }


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """The result of a speaker query.

    `speaker` is the canonical name matched (None when nobody matched or the query was ambiguous);
    `choices` lists the candidate names for an ambiguous query; `available` lists every quoted
    speaker so that a caller can say who can be quoted.
    """

    query: str
    speaker: str | None
    quotes: tuple[Quote, ...] = ()
    choices: tuple[str, ...] = ()
    available: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The result, with its quotes and name choices, as a JSON-ready dict."""
        return {
            "query": self.query,
            "speaker": self.speaker,
            "quotes": [q.to_json() for q in self.quotes],
            "choices": list(self.choices),
            "available": list(self.available),
        }


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the bot knows about one article (for `/article`)."""

    id: str
    title: str | None
    key_points: tuple[str, ...]
    paragraphs: int
    quotes: int
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # why the text looks malformed, if it does

    def to_json(self) -> dict[str, Any]:
        """The article's info as a JSON-ready dict."""
        return asdict(self) | {
            "key_points": list(self.key_points),
            "warnings": list(self.warnings),
        }
