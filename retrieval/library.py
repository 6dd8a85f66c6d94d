"""The articles and what they say, without the model: quotations, attributions and speakers.

`Library.load(settings)` reads the seeds folder and analyses every article once, taking the
analysis from the on-disk cache when the article and the analysis rules are unchanged
(`retrieval.analysis_cache`). A library answers `quote`, `speakers` and `articles` on its own, so
the CLI's quick commands never import sentence-transformers; the `Engine` adds the passage index
and the model on top of one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.analysis_cache import AnalysisCache
from retrieval.articles import Article, load_seeds
from retrieval.config import Settings
from retrieval.errors import ArticleLoadError, InvalidSpeakerQuery
from retrieval.mentions import ArticleNames
from retrieval.models import ArticleInfo, Attribution, ParagraphKind, Quote, QuoteResult, Speaker
from retrieval.speakers import SpeakerDirectory

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Library:
    """Every loaded article with its quotations, paragraph attributions and speaker directory."""

    articles: tuple[Article, ...]
    quotes: tuple[Quote, ...]
    attributions: dict[tuple[str, int], Attribution]
    directory: SpeakerDirectory
    load_errors: tuple[ArticleLoadError, ...] = ()
    names: dict[str, ArticleNames] = field(default_factory=dict)  # what each article names

    @classmethod
    def load(cls, settings: Settings | None = None) -> Library:
        """Read the seeds folder and analyse each article (cached). Raises NoArticles."""
        settings = settings or Settings.from_env()
        report = load_seeds(Path(settings.seeds_dir))
        return cls.from_articles(report.articles, settings.cache_dir, report.errors)

    @classmethod
    def from_articles(
        cls,
        articles: Sequence[Article],
        cache_dir: Path | None = None,
        load_errors: Sequence[ArticleLoadError] = (),
    ) -> Library:
        """Analyse already loaded articles, one analysis each, from the cache where possible."""
        started = time.perf_counter()
        cache = AnalysisCache(cache_dir)
        quotes: list[Quote] = []
        attributions: dict[tuple[str, int], Attribution] = {}
        profiles = []
        names: dict[str, ArticleNames] = {}
        for article in articles:
            analysis, names[article.id] = cache.analyse_with_names(article)
            quotes.extend(analysis.quotes)
            for number, attribution in analysis.attributions.items():
                attributions[(article.id, number)] = attribution
            profiles.append((analysis.quotes, analysis.profiles))
        directory = SpeakerDirectory.from_profiles(profiles)
        log.info(
            "library: %d article(s), %d quotes, %d speakers in %.3fs (%d analyses from cache)",
            len(articles),
            len(quotes),
            len(directory.speakers),
            time.perf_counter() - started,
            cache.hits,
        )
        return cls(
            tuple(articles), tuple(quotes), attributions, directory, tuple(load_errors), names
        )

    # ------------------------------------------------------------------ queries
    def attribution(self, article: str, paragraph: int) -> Attribution:
        """Who speaks in a paragraph (Attribution(None) when nobody does)."""
        return self.attributions.get((article, paragraph)) or Attribution(None)

    def quote(self, query: str) -> QuoteResult:
        """Every quotation of the speaker a query names, in article order."""
        if not isinstance(query, str) or not query.strip():
            raise InvalidSpeakerQuery("Name a speaker, for example a surname.")
        match = self.directory.match(query)
        available = tuple(s.name for s in self.directory.speakers)
        quotes = (
            tuple(q for q in self.quotes if q.speaker == match.speaker) if match.speaker else ()
        )
        return QuoteResult(
            query=query.strip(),
            speaker=match.speaker,
            quotes=quotes,
            choices=tuple(match.choices),
            available=available,
        )

    def speakers(self) -> tuple[Speaker, ...]:
        """Every quoted speaker, most quoted first."""
        return self.directory.speakers

    def suggest_speakers(self, text: str, limit: int = 25) -> list[str]:
        """Speaker names for autocomplete, best first."""
        return self.directory.suggest(text, limit=limit)

    def infos(self) -> tuple[ArticleInfo, ...]:
        """Title, key points and counts of each article."""
        counts: dict[str, int] = {}
        for q in self.quotes:
            counts[q.article] = counts.get(q.article, 0) + 1
        return tuple(
            ArticleInfo(
                id=article.id,
                title=article.title,
                key_points=tuple(
                    p.text for p in article.paragraphs if p.kind is ParagraphKind.KEY_POINT
                ),
                paragraphs=len(article.body),
                quotes=counts.get(article.id, 0),
                metadata=dict(article.metadata),
                warnings=article.warnings,
            )
            for article in self.articles
        )
