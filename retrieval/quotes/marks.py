"""Quotation marks: which marks open or close a quotation, pairing them into pieces, masking.

A piece is one quotation inside one paragraph; a quotation running over several paragraphs is one
piece per paragraph, sharing a group number. Marks that do not pair are logged and skipped. Masking
replaces every quotation with ``MASK`` characters so that only the narration is parsed afterwards.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from retrieval.articles import Article
from retrieval.models import Paragraph, ParagraphKind

log = logging.getLogger(__name__)

DOUBLE_MARKS = '“”"«»'
MASK = "\x01"
_TRIM_END = ",.;:"


@dataclass(slots=True)
class Piece:
    """One quotation piece inside a paragraph (local offsets into the paragraph's text)."""

    para: Paragraph
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark, None when it runs to the paragraph's end
    start: int  # trimmed text
    end: int
    group: int
    continues: bool = False  # continues a quotation from the previous paragraph
    sentence: int = -1
    speaker: str | None = None
    source: str | None = None
    resolved: bool = False


def _plural_possessive(text: str, i: int) -> bool:
    """Whether the ’ at `i` (after an "s") is a plural possessive: a lower-case word follows
    and another closing mark comes later in the paragraph."""
    rest = text[i + 1 :]
    stripped = rest.lstrip(" ")
    if not stripped or stripped is rest or not stripped[0].islower():
        return False
    line_end = rest.find("\n")
    return any(c in "’'" for c in (rest if line_end < 0 else rest[:line_end])[1:])


def uses_single_marks(text: str) -> bool:
    """Whether an article quotes with single marks (British style): it has no double marks, or
    a stray one or two (an inch mark, a nested title) beside many opening single marks."""
    doubles = sum(
        1
        for i, c in enumerate(text)
        if c in DOUBLE_MARKS and not (c == '"' and i > 0 and text[i - 1].isdigit())
    )
    singles = text.count("‘")
    return doubles == 0 or (doubles <= 2 and singles >= 4)


def mark_role(text: str, i: int, is_open: bool, singles: bool) -> str | None:
    """Return "open", "close" or None (not a quotation mark) for the character at `i`."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if singles:
        if c == "‘":
            return "open"
        if c in "’'":
            if before.isalnum() and after.isalnum():
                return None  # can’t, O'Brien
            if is_open and not after.isalnum():
                if before == "s" and _plural_possessive(text, i):
                    return None  # ‘the workers’ money’: an apostrophe inside the quotation
                return "close"
            if c == "'" and not before.isalnum() and after.isalnum():
                return "open"
            return None
        return None
    if c == '"' and before.isdigit() and not after.isalnum():
        rest = text[i + 1 :].lstrip(" ")
        if not (is_open and (not rest or not rest[0].islower())):
            return None  # an inch mark: 12" (but "... in 2005" . closes a quotation)
    if c in "«":
        return "open"
    if c in "»":
        return "close"
    lead_space = before.isspace() or before in "([{—–-/" or i == 0
    trail_space = after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text)
    if c == "“":
        if is_open and trail_space and not lead_space:
            return "close"  # a sloppy closing mark
        return "open"
    if c == "”":
        if not is_open and lead_space and not trail_space:
            return "open"  # a sloppy opening mark
        return "close"
    # Straight quote: decide from the characters around it, then from the state.
    if lead_space and not trail_space:
        return "close" if is_open and after in '"”' else "open"
    if trail_space and not lead_space:
        return "close" if is_open else "open"
    return "close" if is_open else "open"


def _starts_with_open(para: Paragraph, singles: bool) -> bool:
    text = para.text
    marks = "‘’'" if singles else DOUBLE_MARKS
    return bool(text) and text[0] in marks and mark_role(text, 0, False, singles) == "open"


def find_pieces(article: Article) -> list[Piece]:
    """Pair quotation marks paragraph by paragraph; log and skip marks that do not pair."""
    text = article.text
    singles = uses_single_marks(text)
    marks = "‘’'" if singles else DOUBLE_MARKS
    pieces: list[Piece] = []
    paragraphs = article.paragraphs
    group = 0
    carry = False  # the previous paragraph's quotation continues here
    # A quotation left open at a paragraph's end, and the mark-less paragraphs after it: they
    # continue it when a later paragraph closes a quotation it never opened.
    dangling: list[Paragraph] = []
    for index, para in enumerate(paragraphs):
        ptext = para.text
        open_at: int | None = None
        nested = False  # an inner quotation with the same marks is open inside this one
        continuing = False
        if dangling and (para.kind is ParagraphKind.HEADING or len(dangling) > 3):
            dangling = []
        for i, c in enumerate(ptext):
            if c not in marks:
                continue
            role = mark_role(ptext, i, open_at is not None, singles)
            if role == "open":
                dangling = []
                if open_at is not None and not nested and _nested_open(ptext, open_at, i):
                    # “... called us “terrorists”. This ...: an inner quotation, same marks.
                    nested = True
                    continue
                if open_at is not None:
                    if _new_sentence_before(ptext, open_at, i):
                        # “...maybe two. “Now it’s five”: the closing mark was left out.
                        piece = _make_piece(para, open_at, i - 1, group, continuing)
                        if piece:
                            pieces.append(piece)
                    else:
                        _warn_unpaired(
                            article, para, open_at, "an opening quotation mark is not closed"
                        )
                    carry = continuing = False
                open_at = i
                if carry and i == 0:
                    continuing = True
                    carry = False
                else:
                    group += 1
                    continuing = False
            elif role == "close":
                if open_at is not None and i == open_at + 1:
                    continue  # a doubled opening mark: “”This is ...
                if nested:
                    nested = False
                    continue
                if open_at is None and dangling:
                    # The quotation opened paragraphs ago runs on, its reopening marks left out.
                    for middle in dangling[1:]:
                        pieces.append(_whole_piece(middle, None, group))
                    pieces.append(_whole_piece(para, i, group))
                    dangling = []
                    continue
                if open_at is None:
                    _warn_unpaired(article, para, i, "a closing quotation mark has no opening mark")
                    continue
                piece = _make_piece(para, open_at, i, group, continuing)
                if piece:
                    pieces.append(piece)
                open_at = None
                continuing = False
        carry = False
        if open_at is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if (
                nxt is not None
                and nxt.kind is not ParagraphKind.HEADING
                and _starts_with_open(nxt, singles)
            ):
                piece = _make_piece(para, open_at, None, group, continuing)
                if piece:
                    pieces.append(piece)
                carry = True
            else:
                piece = _unclosed_piece(para, open_at, group, continuing)
                if piece:
                    pieces.append(piece)
                    dangling = [para]
                else:
                    _warn_unpaired(
                        article, para, open_at, "an opening quotation mark is not closed"
                    )
        elif dangling and dangling[-1] is not para:
            if any(c in marks for c in ptext):
                dangling = []
            else:
                dangling.append(para)
    return pieces


_MAX_NESTED_WORDS = 6


def _nested_open(text: str, open_at: int, i: int) -> bool:
    """Whether a curly opening mark inside an open quotation starts a short inner quotation
    (“... called us “terrorists”. This ...): it stands mid-sentence and its closing mark follows
    within a few words."""
    if text[i] not in '“"' or _new_sentence_before(text, open_at, i):
        return False
    closing = "”" if text[i] == "“" else '"'
    close = text.find(closing, i + 1)
    if close < 0 or len(text[i + 1 : close].split()) > _MAX_NESTED_WORDS:
        return False
    if closing == "”":
        return True
    # Straight marks open and close alike: an inner quotation only when the sentence goes on
    # in lower case after it ("... going to "fake" an injury").
    after = text[close + 1 : close + 3]
    return (
        i > 0 and text[i - 1] == " " and len(after) == 2 and after[0] == " " and after[1].islower()
    )


def _whole_piece(para: Paragraph, close_mark: int | None, group: int) -> Piece:
    """A paragraph, or its start up to `close_mark`, that continues an earlier quotation."""
    text = para.text
    end = close_mark if close_mark is not None else len(text)
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in _TRIM_END):
        end -= 1
    return Piece(para, 0, close_mark, 0, end, group, continues=True)


_MIN_UNCLOSED_WORDS = 4


def _new_sentence_before(text: str, open_at: int, i: int) -> bool:
    """Whether a second opening mark at `i` starts a new sentence inside the open quotation."""
    inner = text[open_at + 1 : i].rstrip().rstrip("'’)")  # "... think: 'Not my day.' "But
    return i > 0 and text[i - 1].isspace() and inner.endswith((".", "!", "?", "…"))


def _unclosed_piece(para: Paragraph, open_at: int, group: int, continuing: bool) -> Piece | None:
    """A quotation whose closing mark is missing at the paragraph's end, or is the wrong kind
    (“...doesn’t work.’): kept when it reads like speech, from the mark to the paragraph's end."""
    text = para.text
    if len(text[open_at + 1 :].split()) < _MIN_UNCLOSED_WORDS:
        return None
    if not (open_at == 0 or text[open_at - 1].isspace() or text[open_at - 1] in "(:—–-"):
        return None
    last = len(text.rstrip()) - 1
    close = last if text[last] in "’'" else None
    return _make_piece(para, open_at, close, group, continuing)


def _warn_unpaired(article: Article, para: Paragraph, i: int, what: str) -> None:
    snippet = para.text[max(0, i - 30) : i + 40].replace("\n", " ")
    log.warning(
        "%s, paragraph %d: %s; skipped the odd span near “%s”",
        article.id,
        para.number,
        what,
        snippet,
    )


def _make_piece(
    para: Paragraph, open_mark: int, close_mark: int | None, group: int, continues: bool
) -> Piece | None:
    text = para.text
    start = open_mark + 1
    end = close_mark if close_mark is not None else len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_END):
        end -= 1
    if end <= start:
        return None
    return Piece(para, open_mark, close_mark, start, end, group, continues)


def mask(para: Paragraph, pieces: list[Piece], singles: bool) -> str:
    """The paragraph's text with its quotations (marks included) replaced by ``MASK``."""
    chars = list(para.text)
    for piece in pieces:
        stop = piece.close_mark + 1 if piece.close_mark is not None else len(chars)
        for i in range(piece.open_mark, stop):
            chars[i] = MASK
    marks = "‘" if singles else DOUBLE_MARKS
    return "".join(" " if c in marks else c for c in chars)
