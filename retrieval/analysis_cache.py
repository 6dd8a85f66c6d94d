"""On-disk cache of each article's analysis (quotations, attributions, speaker profiles).

Analysing an article is pure: the same text under the same rules gives the same result. The cache
keys each analysis by the article's id and content and by a fingerprint of the analysis rules (the
source and data files of `retrieval.quotes` and of the paragraph splitter), so editing an article
or a rule makes its entry stale by itself. Entries are JSON (never pickle: a cache folder must not
be able to run code), written by atomic rename; an unreadable or malformed entry is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, fields
from functools import cache
from pathlib import Path
from typing import Any

import retrieval.articles
import retrieval.mentions
import retrieval.models
import retrieval.quotes
from retrieval.articles import Article
from retrieval.mentions import ArticleNames, word_heads
from retrieval.models import Attribution, Quote
from retrieval.quotes import ArticleAnalysis, SpeakerProfile, analyse_article

log = logging.getLogger(__name__)

_FORMAT = "analysis-v1"
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


@cache
def rules_fingerprint() -> str:
    """A digest of every file the analysis depends on (code and word lists)."""
    digest = hashlib.sha256(_FORMAT.encode())
    quotes_path = Path(retrieval.quotes.__file__)
    files = (
        sorted(p for p in quotes_path.parent.rglob("*") if p.is_file() and p.suffix != ".pyc")
        if quotes_path.name == "__init__.py"
        else [quotes_path]
    )
    files += [
        Path(retrieval.articles.__file__),
        Path(retrieval.models.__file__),
        Path(retrieval.mentions.__file__),
    ]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def to_json(analysis: ArticleAnalysis) -> dict[str, Any]:
    """A JSON-ready form of an analysis."""
    return {
        "quotes": [asdict(q) for q in analysis.quotes],
        "attributions": {
            str(n): [a.speaker, a.source, list(a.voices)] for n, a in analysis.attributions.items()
        },
        "profiles": {
            name: {
                "role": p.role,
                "kind": p.kind,
                "aliases": list(p.aliases),
                "description": p.description,
            }
            for name, p in analysis.profiles.items()
        },
    }


def from_json(data: dict[str, Any]) -> ArticleAnalysis:
    """The analysis back from `to_json`'s form (KeyError, TypeError or ValueError if malformed)."""
    quotes = tuple(Quote(**{k: q[k] for k in _QUOTE_FIELDS}) for q in data["quotes"])
    attributions = {
        int(n): Attribution(s, src, tuple(voices))
        for n, (s, src, voices) in data["attributions"].items()
    }
    profiles = {
        name: SpeakerProfile(name, p["role"], p["kind"], tuple(p["aliases"]), p["description"])
        for name, p in data["profiles"].items()
    }
    return ArticleAnalysis(quotes, attributions, profiles)


class AnalysisCache:
    """Analyses articles through a folder of JSON entries (`None`: no disk cache)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.folder = Path(cache_dir) / "analysis" if cache_dir is not None else None
        self.hits = 0

    def key(self, article: Article) -> str:
        """The entry's key: a hash of the rules, the article's id and its text."""
        h = hashlib.sha256(rules_fingerprint().encode())
        h.update(article.id.encode("utf-8") + b"\0" + article.text.encode("utf-8"))
        return h.hexdigest()[:32]

    def analyse(self, article: Article) -> ArticleAnalysis:
        """The article's analysis, from the cache when present, else computed and stored."""
        return self.analyse_with_names(article)[0]

    def analyse_with_names(self, article: Article) -> tuple[ArticleAnalysis, ArticleNames]:
        """The analysis and the names the article uses (`retrieval.mentions`), cached together."""
        if self.folder is None:
            return analyse_article(article), ArticleNames.of(article.text)
        path = self.folder / f"{self.key(article)}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            analysis = from_json(data)
            found = data["names"]
            names = ArticleNames(
                frozenset(found["capitalised"]),
                frozenset(found["initials"]),
                frozenset(found["stems"]),
                frozenset(found["short_runs"]),
                frozenset(found["prefix_runs"]),
                word_heads(found["capitalised"]),
            )
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.info("analysis cache %s unreadable (%s); recomputing", path.name, exc)
        else:
            self.hits += 1
            return analysis, names
        analysis, names = analyse_article(article), ArticleNames.of(article.text)
        self._store(path, analysis, names)
        return analysis, names

    def _store(self, path: Path, analysis: ArticleAnalysis, names: ArticleNames) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError as exc:  # a read-only cache is not fatal
            log.warning("could not write analysis cache %s: %s", path, exc)
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                names_json = {
                    "capitalised": sorted(names.capitalised),
                    "initials": sorted(names.initials),
                    "stems": sorted(names.stems),
                    "short_runs": sorted(names.short_runs),
                    "prefix_runs": sorted(names.prefix_runs),
                }
                json.dump(to_json(analysis) | {"names": names_json}, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            log.warning("could not write analysis cache %s: %s", path, exc)
