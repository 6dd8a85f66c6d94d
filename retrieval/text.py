"""Small text helpers: sentence spans with exact offsets, folding and word tokens for BM25."""

from __future__ import annotations

import re
import unicodedata

# A sentence ends at . ! or ? (optionally followed by closing quotes/brackets) before whitespace
# and an uppercase letter, digit or opening quote.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sen rep gov gen col lt sgt capt jr sr inc ltd co corp vs etc no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c a.m p.m".split()
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves s t also said says say
    tell told according""".split()
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; return absolute (start, end) offsets, trimmed."""
    end = len(text) if end is None else end
    segment = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(segment):
        before = segment[cursor : match.start()]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        token = last_word.lower().strip("“\"'‘(").rstrip(".")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue  # "U.S. President", "Mr. Smith", "J. Smith"
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, len(segment)))
    out = []
    for s, e in spans:
        piece = segment[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if e - trail > s + lead:
            out.append((start + s + lead, start + e - trail))
    return out


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text (for matching, never for display)."""
    if text.isascii():
        return text.lower()  # the same result, without decomposing: most words are ASCII
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _stem(word: str) -> str:
    """A deliberately light suffix stripper: plurals and a few verb endings."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2] if not word.endswith("ied") else word[:-3] + "y"
    return word


def words(text: str) -> list[str]:
    """Folded words of a text (apostrophe possessives dropped)."""
    return [w.removesuffix("'s") for w in _WORD.findall(fold(text))]


def content_tokens(text: str) -> list[str]:
    """Stemmed content words for BM25 (stop words removed)."""
    return [_stem(w) for w in words(text) if (w not in _STOPWORDS and len(w) > 1) or w.isdigit()]
