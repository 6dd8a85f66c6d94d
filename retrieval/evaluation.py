"""Scores of the engine on a gold question file (the shared/eval JSON-lines format).

Each line is ``{"q": question, "rel": [paragraph numbers that answer it]}``; ``rel: []`` marks a
question the article cannot answer, where the right result is an abstention. A hit at rank k
means one of the first k returned passages is one of the `rel` paragraphs (of the line's
`"article"`, when the seeds folder holds several articles). An answerable question
that the engine abstains on counts as a miss at every rank.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval.embedding import Encoder
from retrieval.errors import ArticlebotError
from retrieval.library import Library
from retrieval.question import clean_question
from retrieval.text import content_tokens

if TYPE_CHECKING:
    from retrieval.engine import Engine


@dataclass(frozen=True, slots=True)
class GoldQuestion:
    question: str
    relevant: frozenset[int]
    article: str | None = None


@dataclass(slots=True)
class EvalReport:
    answerable: int = 0
    unanswerable: int = 0
    hits_at_1: int = 0
    hits_at_3: int = 0
    reciprocal_ranks: float = 0.0
    wrongly_abstained: list[str] = field(default_factory=list)
    wrongly_answered: list[str] = field(default_factory=list)
    misses: list[tuple[str, list[int], list[int]]] = field(default_factory=list)

    @property
    def recall_at_1(self) -> float:
        """The share of answerable questions whose first passage is relevant."""
        return self.hits_at_1 / self.answerable if self.answerable else 0.0

    @property
    def recall_at_3(self) -> float:
        """The share of answerable questions with a relevant passage in the top three."""
        return self.hits_at_3 / self.answerable if self.answerable else 0.0

    @property
    def mrr(self) -> float:
        """The mean reciprocal rank of the first relevant passage over answerable questions."""
        return self.reciprocal_ranks / self.answerable if self.answerable else 0.0

    @property
    def abstention_accuracy(self) -> float:
        """The share of all questions rightly answered or rightly abstained on."""
        total = self.answerable + self.unanswerable
        wrong = len(self.wrongly_abstained) + len(self.wrongly_answered)
        return (total - wrong) / total if total else 0.0

    def merge(self, part: EvalReport) -> None:
        """Add another report's counts (a part of the same gold) to this one."""
        self.answerable += part.answerable
        self.unanswerable += part.unanswerable
        self.hits_at_1 += part.hits_at_1
        self.hits_at_3 += part.hits_at_3
        self.reciprocal_ranks += part.reciprocal_ranks
        self.wrongly_abstained += part.wrongly_abstained
        self.wrongly_answered += part.wrongly_answered
        self.misses += part.misses

    def to_json(self) -> dict[str, object]:
        """The counts and metrics (rounded) as a JSON-ready dict."""
        return {
            "answerable": self.answerable,
            "unanswerable": self.unanswerable,
            "recall_at_1": round(self.recall_at_1, 4),
            "recall_at_3": round(self.recall_at_3, 4),
            "mrr": round(self.mrr, 4),
            "abstention_accuracy": round(self.abstention_accuracy, 4),
            "unanswerable_abstained": self.unanswerable - len(self.wrongly_answered),
            "answerable_abstained": len(self.wrongly_abstained),
        }

    def lines(self) -> list[str]:
        """The report as readable lines: counts, R@1, R@3, MRR and abstention."""
        return [
            f"answerable questions: {self.answerable}, off-topic questions: {self.unanswerable}",
            f"R@1:  {self.recall_at_1:.3f}",
            f"R@3:  {self.recall_at_3:.3f}",
            f"MRR:  {self.mrr:.3f}",
            f"abstention: {self.unanswerable - len(self.wrongly_answered)}/{self.unanswerable} "
            f"off-topic abstained, {len(self.wrongly_abstained)}/{self.answerable} "
            f"answerable abstained (accuracy {self.abstention_accuracy:.3f})",
        ]


def read_gold(path: Path) -> list[GoldQuestion]:
    """Parse a gold file; raise ArticlebotError naming the line for malformed input."""
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticlebotError(f"Cannot read the gold file {path}: {exc}") from exc
    gold = []
    for n, line in enumerate(raw_lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            gold.append(
                GoldQuestion(
                    question=str(obj["q"]),
                    relevant=frozenset(int(x) for x in obj.get("rel", [])),
                    article=obj.get("article"),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ArticlebotError(f"{path}:{n}: not a gold question line ({exc})") from exc
    return gold


def evaluate(engine: Engine, gold: list[GoldQuestion], *, depth: int = 10) -> EvalReport:
    """Ask every gold question and score the ranked passages and the abstentions."""
    report = EvalReport()
    for item in gold:
        try:
            answer = engine.ask(item.question, top_k=depth)
        except ArticlebotError:
            answer = None
        if not item.relevant:
            report.unanswerable += 1
            if answer is not None and not answer.abstained:
                report.wrongly_answered.append(item.question)
            continue
        report.answerable += 1
        if answer is None or answer.abstained:
            report.wrongly_abstained.append(item.question)
            continue
        # A passage of another article never counts, and still takes up its rank.
        ranked = [
            p.paragraph if item.article is None or p.article == item.article else -1
            for p in answer.passages
        ]
        rank = next((k for k, p in enumerate(ranked, start=1) if p in item.relevant), None)
        if rank is None:
            report.misses.append((item.question, ranked[:3], sorted(item.relevant)))
            continue
        report.hits_at_1 += rank == 1
        report.hits_at_3 += rank <= 3
        report.reciprocal_ranks += 1.0 / rank
        if rank > 1:
            report.misses.append((item.question, ranked[:3], sorted(item.relevant)))
    return report


# --------------------------------------------------------------------------- each article alone


@dataclass(slots=True)
class BaselineReport:
    """R@1 and R@3 of a plain ranking (no abstention) on the answerable questions."""

    name: str
    answerable: int = 0
    hits_at_1: int = 0
    hits_at_3: int = 0

    def add(self, scores: np.ndarray, relevant: frozenset[int], numbers: list[int]) -> None:
        """Score one answerable question by the top three of the ranking `scores`."""
        order = np.argsort(-scores, kind="stable")[:3]
        ranked = [numbers[int(i)] for i in order]
        self.answerable += 1
        self.hits_at_1 += ranked[0] in relevant
        self.hits_at_3 += any(r in relevant for r in ranked)

    def line(self) -> str:
        """The baseline's R@1 and R@3 as one readable line."""
        n = self.answerable or 1
        return (
            f"baseline {self.name}: R@1 {self.hits_at_1 / n:.3f}  R@3 {self.hits_at_3 / n:.3f}"
            " (always answers)"
        )

    def to_json(self) -> dict[str, object]:
        """The baseline's R@1 and R@3 (rounded) as a JSON-ready dict."""
        n = self.answerable or 1
        return {
            "recall_at_1": round(self.hits_at_1 / n, 4),
            "recall_at_3": round(self.hits_at_3 / n, 4),
        }


def engines_per_article(
    library: Library,
    encoder: Encoder,
    cache_dir: Path | None,
    gold: list[GoldQuestion],
    *,
    unscoped_on_all: bool = False,
) -> Iterator[tuple[Engine, list[GoldQuestion]]]:
    """One engine per article the gold names, holding that article alone, with its questions
    (built one at a time, as they are asked for).
    Questions that name no article raise, unless `unscoped_on_all`: then they are asked of an
    engine holding every loaded article."""
    from retrieval.engine import Engine  # the model-free CLI commands must not import it

    by_article: dict[str | None, list[GoldQuestion]] = {}
    for item in gold:
        by_article.setdefault(item.article, []).append(item)
    articles = {a.id: a for a in library.articles}
    for article_id, items in by_article.items():
        if article_id is None and unscoped_on_all:
            chosen = list(library.articles)
        elif article_id in articles:
            chosen = [articles[article_id]]
        else:
            raise ArticlebotError(f"gold names article {article_id!r}, which is not loaded")
        alone = Library.from_articles(chosen, cache_dir)
        yield Engine.from_library(alone, encoder, cache_dir), items


def evaluate_each_article(
    library: Library,
    encoder: Encoder,
    cache_dir: Path | None,
    gold: list[GoldQuestion],
) -> tuple[EvalReport, list[BaselineReport]]:
    """Every question asked of its own article loaded alone, beside two plain baselines measured
    on the same index: whole-paragraph cosine and BM25."""
    report = EvalReport()
    cosine, bm25 = BaselineReport("whole-paragraph cosine"), BaselineReport("BM25")
    for engine, items in engines_per_article(library, encoder, cache_dir, gold):
        report.merge(evaluate(engine, items))
        numbers = [p.number for p in engine.index.passages]
        for item in items:
            if not item.relevant:
                continue
            query = engine.encoder.encode([clean_question(item.question)])[0]
            cosine.add(
                engine.index.similarities(query)[engine.index.offsets], item.relevant, numbers
            )
            bm25.add(
                engine.index.lexical_scores(content_tokens(item.question)), item.relevant, numbers
            )
    return report, [cosine, bm25]
