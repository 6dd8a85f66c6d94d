"""Plain text in the usual shapes, made one paragraph per line on load, with warnings.

Articles arrive one paragraph per line (the seeds' shape), but also hard-wrapped (lines cut near
72 columns, blank lines between paragraphs), with Windows line ends, a byte-order mark, or markdown
headings. `normalise` detects the shape and returns the text one paragraph per line; `warnings`
says when an article looks malformed (quotation marks that never pair, no sentence punctuation)
instead of letting it be split into nonsense silently.
"""

from __future__ import annotations

import itertools
import re

_BLOCK_START = re.compile(r"^\s*(?:[-*•–]\s+|\d{1,2}[.)]\s+|#{1,6}\s+)")
_MARKDOWN_HEADING = re.compile(r"^(\s*)#{1,6}\s+(?=\S)")
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’'»)\]]\s*$")
_WRAPPED_SHARE = 0.5  # share of inner lines of multi-line blocks that stop mid-sentence
_DOUBLE_MARKS = '“”"«»'


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def is_hard_wrapped(text: str) -> bool:
    """Paragraphs separated by blank lines whose own lines break mid-sentence."""
    blocks = _blocks(text.split("\n"))
    inner = [
        line
        for block in blocks
        if len(block) > 1
        for line, following in itertools.pairwise(block)
        if not _BLOCK_START.match(following)
    ]
    if len(blocks) < 2 or not inner:
        return False
    broken = sum(1 for line in inner if not _ENDS_SENTENCE.search(line))
    return broken / len(inner) >= _WRAPPED_SHARE


def _unwrap(text: str) -> str:
    paragraphs: list[str] = []
    for block in _blocks(text.split("\n")):
        current: list[str] = []
        for line in block:
            if _BLOCK_START.match(line) and current:  # a list item or heading starts anew
                paragraphs.append(" ".join(current))
                current = []
            current.append(line.strip())
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs) + "\n"


def normalise(text: str) -> str:
    """The article one paragraph per line: line ends unified, a byte-order mark dropped,
    hard-wrapped paragraphs joined, markdown heading marks removed."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if is_hard_wrapped(text):
        text = _unwrap(text)
    return "\n".join(_MARKDOWN_HEADING.sub(r"\1", line) for line in text.split("\n"))


def warnings(paragraphs: list[str]) -> list[str]:
    """What makes an article look malformed, in words a user can act on."""
    out: list[str] = []
    if not paragraphs:
        return out
    odd = sum(1 for p in paragraphs if sum(p.count(c) for c in _DOUBLE_MARKS) % 2)
    if odd > max(3, len(paragraphs) // 4):
        out.append(
            f"{odd} of {len(paragraphs)} paragraphs have an unpaired quotation mark: is the text"
            " cut into pieces, or are quotations running over many lines?"
        )
    sentences = sum(len(re.findall(r"[.!?](?:\s|$)", p)) for p in paragraphs)
    if len(paragraphs) >= 3 and sentences < len(paragraphs) // 3:
        out.append(
            "almost no sentence punctuation: this may not be article prose (one paragraph per"
            " line is expected)"
        )
    return out
