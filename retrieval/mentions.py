"""Which names a question uses, and whether an article mentions them.

A question that asks about a person, place or organisation the article never mentions ("what did
the Pope say", "the price of gold in Geneva") cannot be answered from it, however close some
passage sounds. `question_names` picks the capitalised names out of a question (leading titles
dropped: "Senator Elizabeth Warren" is "Elizabeth Warren"); `ArticleNames.mentions` says whether an
article names it: the whole name as written, or, for a person's name, the surname among the
article's capitalised words (accents, case and spelling variants folded: Zelensky = Zelenskyy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.quotes import name_key
from retrieval.quotes.phrases import is_title
from retrieval.text import fold

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-.]*[^\W_])?")
_CONNECTORS = frozenset("of de da del der van von la le al bin the and for".split())
# Capitalised words a question may start with that are not names.
_QUESTION_WORDS = frozenset(
    """what who whom whose which when where why how did does do is are was were has have had
    can could would will should may might tell give list name show explain describe according
    in on at for from about after before during if so and but or please""".split()
)
_ORG_WORDS = frozenset(
    """union party council committee ministry department agency association federation court
    university institute foundation bank reserve commission organization organisation office
    board group company corporation inc watch league society service authority""".split()
)


def _bare(word: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", word)


def question_names(question: str) -> list[str]:
    """The capitalised names in a question, each as written, titles dropped."""
    tokens = list(_TOKEN.finditer(question))
    names: list[str] = []
    run: list[str] = []

    def close() -> None:
        """End the current capitalised run: add the names it holds to `names`, then clear it."""
        # "Goldman Sachs CEO Lloyd Blankfein": a title inside a run separates two names;
        # titles before a person's name are dropped (not inside an organisation's name).
        while run and run[0].lower() in _CONNECTORS:  # "The Pope said": not "The"
            run.pop(0)
        organisation = any(w.lower() in _ORG_WORDS for w in run)
        parts: list[list[str]] = [[]]
        for word in run:
            if not organisation and is_title(_bare(word)):
                parts.append([])
            else:
                parts[-1].append(word)
        if run and not any(parts):  # "the Pope", "the Chancellor": a title alone names someone
            titles = [w for w in run if w.lower() not in _CONNECTORS]
            parts = [titles[-1:]]
        for part in parts:
            while part and part[-1].lower() in _CONNECTORS:
                part.pop()
            while part and part[0].lower() in _CONNECTORS:
                part.pop(0)
            if part:
                names.append(" ".join(_bare(w) for w in part))
        run.clear()

    for index, match in enumerate(tokens):
        word = match.group()
        first = index == 0 or question[: match.start()].rstrip().endswith((".", "?", "!", ":"))
        if word[0].isupper() and not (first and word.lower() in _QUESTION_WORDS):
            run.append(word)
            if word.endswith(("’s", "'s")):
                close()
        elif run and word.lower() in _CONNECTORS:
            run.append(word)
        else:
            close()
    close()
    return names


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """What one article names: its folded text, the keys of its capitalised words and the
    initials of its capitalised runs (for acronyms: NYPD, SG)."""

    folded: str
    capitalised: frozenset[str]
    initials: frozenset[str]

    @classmethod
    def of(cls, text: str) -> ArticleNames:
        """Index an article's text."""
        keys: set[str] = set()
        initials: set[str] = set()
        run: list[str] = []
        for match in _TOKEN.finditer(text):
            word = match.group()
            if word[0].isupper():
                keys.update(name_key(_bare(part)) for part in word.split("-") if part)
                run.append(word)
                continue
            if word.lower() in _CONNECTORS and run:
                continue
            _add_initials(run, initials)
            run = []
        _add_initials(run, initials)
        return cls(fold(text), frozenset(keys), frozenset(initials))

    def mentions(self, name: str) -> bool:
        """Whether the article names `name`: the whole name as written, or every capitalised
        word of it (hyphenated parts alone: "Trump-era"), or an acronym of one of its names."""
        folded = fold(name)
        if re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", self.folded):
            return True
        words = [p for w in name.split() for p in w.split("-") if p[:1].isupper()]
        words = [w for w in words if len(w.rstrip(".")) > 1]  # initials ("J.") say little
        if not words:
            return True
        return all(self._word(w) for w in words)

    def _word(self, word: str) -> bool:
        if name_key(word) in self.capitalised:
            return True
        letters = word.replace(".", "")
        return letters.isupper() and 2 <= len(letters) <= 6 and letters in self.initials


def _add_initials(run: list[str], initials: set[str]) -> None:
    if len(run) >= 2:
        initials.add("".join(w[0] for w in run).upper())
