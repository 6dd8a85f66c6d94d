"""Realistic synthetic articles for the scaling benchmark.

Each article recombines the seed article's sentences into new paragraphs (following the seed's own
distribution of sentences per paragraph), under invented names of people, countries, cities and
outlets that differ per article, so no two articles are duplicates (and none repeats the seed).
Article ``i`` is the same for every run (seeded by ``i``), so size N's folder is a prefix of size
M's for N < M and the per-article embedding cache carries over between sizes.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from retrieval.articles import Article, load_article
from retrieval.models import ParagraphKind
from retrieval.text import sentence_spans

_SYLLABLES = (
    "ba be bo da de di do fa fe ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe po ra re ri "
    "ro sa se si so ta te ti to va ve vi vo za ze zo dra tra sto bri gar mor len vin kas tor bel "
    "dan mir sel gor"
).split()

# Names in the seed article and what kind of invented name replaces each. Longest first, so
# "Russian" is handled before "Russia".
_ENTITIES: tuple[tuple[str, str], ...] = (
    ("Donald Trump", "person"),
    ("Vladimir Putin", "person"),
    ("Volodymyr Zelenskyy", "person"),
    ("Alexander Grushko", "person"),
    ("Trump", "surname:Donald Trump"),
    ("Putin", "surname:Vladimir Putin"),
    ("Zelenskyy", "surname:Volodymyr Zelenskyy"),
    ("Grushko", "surname:Alexander Grushko"),
    ("Ukrainian", "adjective:Ukraine"),
    ("Russian", "adjective:Russia"),
    ("Ukraine", "country"),
    ("Russia", "country"),
    ("Kyiv", "city"),
    ("Moscow", "city"),
    ("Washington", "city"),
    ("Black Sea", "sea"),
    ("Middle East", "region"),
    ("Bloomberg", "outlet"),
    ("Izvestia", "outlet"),
    ("NBC News", "outlet"),
    ("NBC", "outlet"),
    ("Google", "outlet"),
    ("NATO", "acronym"),
    ("Kremlin", "palace"),
)


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _names(rng: random.Random) -> dict[str, str]:
    """An invented replacement for every entity of the seed article (consistent within it)."""
    out: dict[str, str] = {}
    for name, kind in _ENTITIES:
        if kind == "person":
            out[name] = f"{_word(rng, 2)} {_word(rng, rng.choice((2, 3)))}"
        elif kind.startswith("surname:"):
            out[name] = out[kind.split(":", 1)[1]].split()[-1]
        elif kind.startswith("adjective:"):
            out[name] = out.setdefault(kind.split(":", 1)[1], _word(rng, 3)) + "ian"
        elif kind == "sea":
            out[name] = f"{_word(rng, 2)} Sea"
        elif kind == "region":
            side = rng.choice(("Northern", "Southern", "Eastern", "Western"))
            out[name] = f"{side} {_word(rng, 2)}"
        elif kind == "palace":
            out[name] = f"{_word(rng, 2)} Palace"
        elif kind == "acronym":
            out[name] = "".join(rng.choice("ABCDEFGHKLMNPRSTUVW") for _ in range(4))
        else:
            out.setdefault(name, _word(rng, rng.choice((2, 3))))
    for number, choices in (
        ("30", ("14", "21", "45", "60")),
        ("90", ("40", "75", "120", "150")),
        ("three", ("two", "four", "five")),
        ("2022", ("2014", "2019", "2021")),
    ):
        out["#" + number] = rng.choice(choices)
    return out


_ENTITY = re.compile(r"\b(" + "|".join(re.escape(k) for k, _ in _ENTITIES) + r")\b")
_NUMBER = re.compile(r"\b(?:30|90|three|2022)\b")


def _rename(text: str, names: dict[str, str]) -> str:
    """Swap every seed name for this article's invented one, and its numbers for others."""
    text = _ENTITY.sub(lambda m: names[m.group(0)], text)
    return _NUMBER.sub(lambda m: names["#" + m.group(0)], text)


def _balanced(sentences: list[str]) -> list[str]:
    """Join sentences so that no quotation is cut in two (a quote can run over sentences)."""
    groups: list[str] = []
    pending: list[str] = []
    for sentence in sentences:
        pending.append(sentence)
        text = " ".join(pending)
        if text.count("“") <= text.count("”"):
            groups.append(text)
            pending = []
    if pending:
        groups.append(" ".join(pending))
    return groups


class Generator:
    """Makes synthetic articles from one seed article file."""

    def __init__(self, seed: Path) -> None:
        article: Article = load_article(seed)
        self.key_points = [p.text for p in article.paragraphs if p.kind is ParagraphKind.KEY_POINT]
        self.sentences: list[str] = []
        self.shape: list[int] = []  # sentences per body paragraph, as in the seed
        for p in article.paragraphs:
            if p.kind is not ParagraphKind.BODY:
                continue
            groups = _balanced(
                [article.text[s:e] for s, e in sentence_spans(article.text, p.start, p.end)]
            )
            self.shape.append(len(groups))
            self.sentences += groups

    def article(self, number: int) -> str:
        rng = random.Random(number)
        names = _names(rng)
        lines = [f"- {_rename(k, names)}" for k in rng.sample(self.key_points, 3)]
        pool = self.sentences[:]
        rng.shuffle(pool)
        paragraphs = rng.randint(len(self.shape) - 6, len(self.shape) + 2)
        heading_at = rng.randint(paragraphs // 2, paragraphs - 2)
        for n in range(paragraphs):
            if not pool:
                pool = self.sentences[:]
                rng.shuffle(pool)
            take = min(rng.choice(self.shape), len(pool))
            chosen, pool = pool[:take], pool[take:]
            if n == heading_at:
                lines.append(f"{_word(rng, 2)} {rng.choice(('talks', 'response', 'doubts'))}")
            lines.append(_rename(" ".join(chosen), names))
        return "\n".join(lines) + "\n"

    def write(self, folder: Path, count: int) -> Path:
        """Write articles 0..count-1 to `folder` (created); return it."""
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(count):
            path = folder / f"syn_{i:05d}.txt"
            if not path.exists():
                path.write_text(self.article(i), encoding="utf-8")
        return folder
