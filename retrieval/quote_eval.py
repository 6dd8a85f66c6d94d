"""Scores of quotation extraction and attribution against hand-made gold (``eval-quotes``).

Two gold forms are read, one file or a folder of ``*.json`` files:

* text form, a list of ``{"paragraph", "quote", "speaker"}`` (optionally ``"article"``): the quoted
  words as they stand in the paragraph (the shared development gold, our test articles);
* offset form, ``{"article", "quotes": [{"paragraph", "start", "end", "speaker"}], "speakers":
  {name: {"aliases": [...]}}, "ignore": [{"paragraph", "start", "end"}]}``: character offsets into
  the article's text and names only, so that gold for published articles carries none of their
  text. ``ignore`` marks quoted spans that are nobody's words (titles, scare quotes): predictions
  there count neither way.

A predicted quotation matches a gold one in the same paragraph when their spans overlap by at
least half of the longer; it is right when its speaker's name key (folded, titles dropped,
spelling variants merged) is the gold speaker's or one of the gold aliases'. Precision counts the
predictions that carry a speaker; recall counts the gold quotations that have one. A gold speaker
of null marks quoted words of nobody named (anonymous people, titles, scare quotes): naming a
speaker there is a false attribution. A gold speaker whose right
quotations come under several predicted names is split; a predicted name that is right for
several gold speakers merges them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrieval.articles import Article
from retrieval.errors import ArticlebotError
from retrieval.models import Quote
from retrieval.quotes import TITLE_WORDS
from retrieval.quotes.lexicon import HONORIFICS
from retrieval.speakers import SpeakerDirectory, name_match_key
from retrieval.text import fold

_MIN_OVERLAP = 0.5


class GoldError(ArticlebotError):
    """A gold file that cannot be read or does not fit the articles."""


@dataclass(frozen=True, slots=True)
class GoldQuote:
    article: str
    paragraph: int
    start: int  # absolute offsets into the article's text
    end: int
    speaker: str | None  # None: quoted words of nobody named (anonymous, titles, scare quotes)


@dataclass(slots=True)
class GoldArticle:
    article: str
    quotes: list[GoldQuote] = field(default_factory=list)
    aliases: dict[str, set[str]] = field(default_factory=dict)  # speaker -> name keys
    ignore: list[tuple[int, int, int]] = field(default_factory=list)  # (paragraph, start, end)

    def keys_of(self, speaker: str) -> set[str]:
        """The name keys that identify `speaker`: its aliases and its own match key."""
        return self.aliases.get(speaker, set()) | {name_match_key(speaker)}


@dataclass(slots=True)
class ArticleScore:
    article: str
    gold: int = 0
    predicted: int = 0  # predictions with a speaker, outside ignored spans
    spans_found: int = 0  # gold quotations found, whoever the speaker
    correct: int = 0
    gold_speakers: int = 0
    predicted_speakers: int = 0  # distinct names on right predictions
    names_for: dict[str, set[str]] = field(default_factory=dict)  # gold speaker -> right names
    split: list[str] = field(default_factory=list)  # gold speakers under several names
    merged: list[str] = field(default_factory=list)  # predicted names for several gold speakers
    errors: list[str] = field(default_factory=list)  # readable lines: misses and false alarms


@dataclass(slots=True)
class QuoteEvalReport:
    articles: list[ArticleScore] = field(default_factory=list)
    name_queries: int = 0  # people checked by surname, full name and title + surname
    name_queries_same: int = 0  # of them, those whose three queries find the same speaker
    name_query_misses: list[str] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(getattr(a, name) for a in self.articles)

    @property
    def precision(self) -> float:
        """The share of predicted quotations given the right speaker, over all articles."""
        predicted = self._sum("predicted")
        return self._sum("correct") / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        """The share of gold quotations found with the right speaker, over all articles."""
        gold = self._sum("gold")
        return self._sum("correct") / gold if gold else 0.0

    @property
    def span_recall(self) -> float:
        """The share of gold quotations found at all, whoever the speaker."""
        gold = self._sum("gold")
        return self._sum("spans_found") / gold if gold else 0.0

    def to_json(self) -> dict[str, Any]:
        """Totals, metrics and per-article scores as a JSON-ready dict."""
        return {
            "articles": len(self.articles),
            "gold_quotes": self._sum("gold"),
            "predicted_quotes": self._sum("predicted"),
            "correct": self._sum("correct"),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "span_recall": round(self.span_recall, 4),
            "gold_speakers": self._sum("gold_speakers"),
            "predicted_speakers": self._sum("predicted_speakers"),
            "split_speakers": sorted(s for a in self.articles for s in a.split),
            "merged_speakers": sorted(s for a in self.articles for s in a.merged),
            "name_queries": self.name_queries,
            "name_queries_same": self.name_queries_same,
            "per_article": [
                {
                    "article": a.article,
                    "gold": a.gold,
                    "predicted": a.predicted,
                    "correct": a.correct,
                    "gold_speakers": a.gold_speakers,
                    "predicted_speakers": a.predicted_speakers,
                }
                for a in self.articles
            ],
        }

    def lines(self) -> list[str]:
        """The report as readable lines: one per article, then the totals."""
        split = sum(len(a.split) for a in self.articles)
        merged = sum(len(a.merged) for a in self.articles)
        out = [
            f"{a.article}: {a.correct}/{a.gold} right, {a.predicted} predicted, "
            f"speakers {a.predicted_speakers} vs gold {a.gold_speakers}"
            for a in self.articles
        ]
        out += [
            f"articles: {len(self.articles)}  gold quotes: {self._sum('gold')}  "
            f"predicted: {self._sum('predicted')}  right: {self._sum('correct')}",
            f"precision: {self.precision:.3f}  recall: {self.recall:.3f}  "
            f"quotation found (any speaker): {self.span_recall:.3f}",
            f"speakers: {self._sum('predicted_speakers')} predicted vs "
            f"{self._sum('gold_speakers')} gold; split: {split}, merged: {merged}",
        ]
        if self.name_queries:
            out.append(
                f"surname, full name and title + surname find the same speaker: "
                f"{self.name_queries_same}/{self.name_queries} people"
            )
        return out


# --------------------------------------------------------------------------- reading gold


def _gold_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise GoldError(f"no *.json gold files in {path}")
        return files
    if not path.is_file():
        raise GoldError(f"gold file {path} not found")
    return [path]


def _article_for(item: dict[str, Any], path: Path, articles: dict[str, Article]) -> Article:
    wanted = item.get("article")
    if wanted is None:
        stem = path.name.removesuffix(".json").removesuffix(".quotes")
        if stem in articles:
            wanted = stem
        elif len(articles) == 1:
            wanted = next(iter(articles))
    if wanted not in articles:
        raise GoldError(f"{path.name}: article {wanted!r} is not loaded")
    return articles[wanted]


def _text_form(items: list[Any], path: Path, articles: dict[str, Article]) -> list[GoldArticle]:
    out: dict[str, GoldArticle] = {}
    used: set[tuple[str, int]] = set()
    for item in items:
        article = _article_for(item, path, articles)
        para = article.paragraph(int(item["paragraph"]))
        if para is None:
            raise GoldError(f"{path.name}: {article.id} has no paragraph {item['paragraph']}")
        at = para.text.find(item["quote"])
        while at >= 0 and (article.id, para.start + at) in used:
            at = para.text.find(item["quote"], at + 1)
        if at < 0:
            raise GoldError(f"{path.name}: {item['quote']!r} is not in paragraph {para.number}")
        used.add((article.id, para.start + at))
        start = para.start + at
        gold = out.setdefault(article.id, GoldArticle(article.id))
        gold.quotes.append(
            GoldQuote(article.id, para.number, start, start + len(item["quote"]), item["speaker"])
        )
    return list(out.values())


def _alias_keys(name: str, aliases: list[str]) -> set[str]:
    """The name keys a gold speaker is found by: each alias's, except a description whose
    role words the key drops, leaving other words than the speaker's own ("Yukos founder" for
    Mikhail Khodorkovsky is not "Yukos"; "Mr Khodorkovsky" is "khodorkovsky")."""
    own = set(name_match_key(name).split())
    keys = set()
    for alias in aliases:
        key = name_match_key(alias)
        if not key:
            continue
        bare = re.sub(r"['’]s\b", "", alias)  # ("Russia’s Defense Ministry": no word "s")
        words = [w for w in re.findall(r"[^\W\d_]+", bare) if w.lower() not in HONORIFICS]
        spelled = all(w[:1].isupper() for w in words)  # "Lib Dems": a short form of the name
        if len(key.split()) < len(words) and not set(key.split()) <= own and not spelled:
            continue  # (an honorific alone is no description: "Mr Montieth" is a spelling)
        keys.add(key)
    return keys


def _offset_form(data: dict[str, Any], path: Path, articles: dict[str, Article]) -> GoldArticle:
    article = _article_for(data, path, articles)
    gold = GoldArticle(article.id)
    for name, info in (data.get("speakers") or {}).items():
        aliases = [name, *((info or {}).get("aliases") or [])]
        gold.aliases[name] = _alias_keys(name, aliases)
    for item in data.get("quotes", []):
        start, end = int(item["start"]), int(item["end"])
        if not 0 <= start < end <= len(article.text):
            raise GoldError(f"{path.name}: offsets {start}..{end} outside {article.id}")
        gold.quotes.append(
            GoldQuote(article.id, int(item["paragraph"]), start, end, item["speaker"])
        )
    gold.ignore = [
        (int(i["paragraph"]), int(i["start"]), int(i["end"])) for i in data.get("ignore", [])
    ]
    return gold


def read_quote_gold(path: Path, articles: Iterable[Article]) -> list[GoldArticle]:
    """Gold quotations of a file or folder, located in the loaded articles. Raises GoldError."""
    by_id = {a.id: a for a in articles}
    out: list[GoldArticle] = []
    for file in _gold_files(Path(path)):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(data, list):
                out.extend(_text_form(data, file, by_id))
            else:
                out.append(_offset_form(data, file, by_id))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{file.name}: unreadable gold ({exc})") from exc
    return out


# --------------------------------------------------------------------------- scoring


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= _MIN_OVERLAP * max(a[1] - a[0], b[1] - b[0])


def _score_article(gold: GoldArticle, quotes: Sequence[Quote], text: str) -> ArticleScore:
    score = ArticleScore(gold.article, gold=sum(1 for g in gold.quotes if g.speaker))
    score.gold_speakers = len({g.speaker for g in gold.quotes if g.speaker})
    ignored = [
        q
        for q in quotes
        if any(q.paragraph == p and _overlap((q.start, q.end), (s, e)) for p, s, e in gold.ignore)
    ]
    candidates = [q for q in quotes if q not in ignored]
    score.predicted = sum(1 for q in candidates if q.speaker)
    taken: set[int] = set()
    names_for = score.names_for
    golds_for: dict[str, set[str]] = {}
    for g in gold.quotes:
        match = next(
            (
                i
                for i, q in enumerate(candidates)
                if i not in taken
                and q.paragraph == g.paragraph
                and _overlap((q.start, q.end), (g.start, g.end))
            ),
            None,
        )
        words = text[g.start : g.end]
        if match is None:
            if g.speaker:
                score.errors.append(f"missed ¶{g.paragraph} [{g.speaker}] “{words[:60]}”")
            continue
        taken.add(match)
        q = candidates[match]
        if g.speaker is None:
            if q.speaker:
                score.errors.append(f"named ¶{g.paragraph} [{q.speaker}] “{words[:60]}”")
            continue
        score.spans_found += 1
        if q.speaker and name_match_key(q.speaker) in gold.keys_of(g.speaker):
            score.correct += 1
            names_for.setdefault(g.speaker, set()).add(q.speaker)
            golds_for.setdefault(q.speaker, set()).add(g.speaker)
        else:
            score.errors.append(
                f"wrong ¶{g.paragraph} got [{q.speaker}] want [{g.speaker}] “{words[:60]}”"
            )
    for i, q in enumerate(candidates):
        if i not in taken and q.speaker:
            score.errors.append(f"extra ¶{q.paragraph} [{q.speaker}] “{q.text[:60]}”")
    score.predicted_speakers = len(golds_for)
    score.split = sorted(f"{gold.article}: {g}" for g, n in names_for.items() if len(n) > 1)
    score.merged = sorted(f"{gold.article}: {n}" for n, g in golds_for.items() if len(g) > 1)
    return score


def evaluate_quotes(
    golds: Sequence[GoldArticle],
    quotes: Sequence[Quote],
    articles: Iterable[Article],
    directory: SpeakerDirectory | None = None,
) -> QuoteEvalReport:
    """Score the predicted quotations of every gold article (and, given the speaker directory,
    whether each rightly quoted person is found alike by surname, full name and title +
    surname)."""
    texts = {a.id: a.text for a in articles}
    report = QuoteEvalReport()
    for gold in golds:
        own = [q for q in quotes if q.article == gold.article]
        score = _score_article(gold, own, texts[gold.article])
        report.articles.append(score)
        if directory is not None:
            _check_name_queries(report, score, directory)
    return report


def _check_name_queries(
    report: QuoteEvalReport, score: ArticleScore, directory: SpeakerDirectory
) -> None:
    speakers = {s.name: s for s in directory.speakers}
    for gold_name, names in score.names_for.items():
        if len(names) != 1:
            continue  # a split person is counted as split already
        found = speakers.get(next(iter(names)))
        if found is None or found.kind != "person" or len(gold_name.split()) < 2:
            continue
        surname = gold_name.split()[-1]
        queries = [gold_name, surname]
        titles = [w for w in (found.role or "").split() if fold(w).rstrip(".") in TITLE_WORDS]
        if titles:
            queries.append(f"{titles[-1]} {surname}")
        answers = {}
        for query in queries:
            match = directory.match(query)
            # A surname two people share rightly asks "which one?": that counts as found.
            answers[query] = found.name if found.name in match.choices else match.speaker
        report.name_queries += 1
        if set(answers.values()) == {found.name}:
            report.name_queries_same += 1
        else:
            report.name_query_misses.append(f"{score.article}: {answers}")
