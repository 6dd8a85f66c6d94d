"""Tokens and sentences of the masked narration.

The tokenizer keeps abbreviations ("Mr.", "U.S."), possessives ("Kremlin's") and runs of masked
quotation characters as single tokens; sentences are cut at full stops that are not abbreviations
and after quotations that end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.quotes.lexicon import ABBREVIATIONS
from retrieval.quotes.marks import MASK, Piece

_ABBREV = "|".join(ABBREVIATIONS)
_TOKEN_RE = re.compile(
    rf"\x01+|[^\W_][\w\-]*\.(?:com|org|net|gov|edu|io)(?!\w|\.\w)"
    rf"|(?:{_ABBREV})\.(?=[\s,;:])|(?:[^\W\d_]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])"
    r"|[A-Z]{1,3}&[A-Z]{1,3}(?:’s|'s)?(?!\w)"  # "B&B", "AT&T": one name
    r"|[^\W_](?:[\w’'\-]*[^\W_])?(?:’s|'s|‘s(?!\w)|(?<=s)[’'](?=\s))?|[^\w\s]"
)
_ABBREV_SET = frozenset(a.lower() for a in ABBREVIATIONS)
_POSSESSIVE = ("’s", "'s", "‘s", "’", "'")  # ("Swift‘s": a mistyped apostrophe)
_ELIDED = frozenset({"l'", "d'", "l’", "d’"})
_SENTENCE_GAP = re.compile(r"[.!?]+[)\]’'»]*\s+")


def strip_possessive(word: str) -> str:
    """The word without a trailing possessive ("Kremlin's" -> "Kremlin", "Jones’" -> "Jones")."""
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a paragraph's masked text (local offsets)."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        """The token's text in lower case."""
        return self.text.lower()

    @property
    def bare(self) -> str:
        """The token's text without a possessive ending."""
        return strip_possessive(self.text)

    @property
    def is_quote(self) -> bool:
        """Whether the token is a masked quotation."""
        return self.text.startswith(MASK)

    @property
    def is_word(self) -> bool:
        """Whether the token starts with a letter or digit."""
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        """Whether the token starts with a capital letter, or with digits and then one ("4Cast",
        "3M": a brand's name)."""
        if self.text[0].isdigit():
            rest = self.text.lstrip("0123456789")
            return bool(rest) and rest[0].isupper()
        if self.text[:2].lower() in _ELIDED and len(self.text) > 2:
            return self.text[2].isupper()  # "l'Audiovisuel", "d'Estaing": an elided article
        return self.text[0].isupper()

    @property
    def possessive(self) -> bool:
        """Whether the token ends in a possessive 's, or a plural's apostrophe ("Jobs'")."""
        return self.text.endswith(("’s", "'s", "s’", "s'")) and len(self.text) > 2

    @property
    def plural_possessive(self) -> bool:
        """Whether the token is a plural possessive ("Musicians'", "Managers’")."""
        return self.text.endswith(("s’", "s'")) and len(self.text) > 2


def tokenize(masked: str) -> list[Token]:
    """The tokens of a masked paragraph."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(masked)]


def join(tokens: Sequence[Token], text: str) -> str:
    """The text spanned by consecutive tokens, as written."""
    if not tokens:
        return ""
    return text[tokens[0].start : tokens[-1].end]


def split_sentences(masked: str, pieces: list[Piece], ptext: str) -> list[tuple[int, int]]:
    """Sentence spans (local offsets) of a masked paragraph whose quotations are `pieces`."""
    cuts: list[int] = []
    for m in _SENTENCE_GAP.finditer(masked):
        nxt = masked[m.end()] if m.end() < len(masked) else ""
        if not nxt or not (nxt.isupper() or nxt == MASK or nxt.isdigit()):
            continue
        word = masked[: m.start() + 1].rsplit(None, 1)[-1] if masked[: m.start()].strip() else ""
        if MASK in word:
            word = word.split(MASK)[-1]
        core = word.rstrip(".").lower()
        if core in _ABBREV_SET or re.fullmatch(r"(?:[a-z]\.)*[a-z]", core):
            continue
        cuts.append(m.end())
    for piece in pieces:
        if piece.close_mark is None:
            continue
        inner = ptext[piece.open_mark + 1 : piece.close_mark].rstrip()
        if not inner or inner[-1] not in ".!?":
            continue
        j = piece.close_mark + 1
        while j < len(masked) and masked[j].isspace():
            j += 1
        if j == len(masked):
            continue
        if j > piece.close_mark + 1 and (masked[j].isupper() or masked[j] == MASK):
            cuts.append(j)
    spans = []
    start = 0
    for cut in sorted(set(cuts)):
        if cut > start:
            spans.append((start, cut))
            start = cut
    spans.append((start, len(masked)))
    return spans


def sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding `offset` (the last one when none does)."""
    for idx, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return idx
    return len(sentences) - 1
