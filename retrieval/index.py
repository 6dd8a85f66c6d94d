"""The passage index: dense vectors of paragraphs and sentence windows, plus BM25, fused.

Every body paragraph and key point of every article is a passage. For ranking, each passage is
represented by several *units*: the whole paragraph and, for longer paragraphs, each sentence and
each pair of adjacent sentences. A passage's dense score blends its whole-paragraph similarity with
its best unit's, so a question answered by one sentence of a long paragraph still finds it. The
result is always the whole paragraph, verbatim, with the best unit's span as its highlight.

Unit vectors are cached on disk per article, keyed by the encoder and the article's content, so
an unchanged seeds folder is never re-encoded and a new article encodes only itself.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from retrieval.articles import Article
from retrieval.embedding import Encoder
from retrieval.models import Paragraph
from retrieval.text import content_tokens, sentence_spans

log = logging.getLogger(__name__)

UNITS_VERSION = "units-v2"  # bump when the way units are built changes: old caches go stale


@dataclass(frozen=True, slots=True)
class Unit:
    """A span that is embedded: a whole paragraph or a window of its sentences."""

    passage: int  # index into PassageIndex.passages
    start: int
    end: int
    kind: str  # "paragraph", "sentence" or "pair" (two adjacent sentences)

    @property
    def whole(self) -> bool:
        return self.kind == "paragraph"


def passage_units(passage_no: int, para: Paragraph, text: str) -> list[Unit]:
    """Units of one paragraph: the whole, then sentences and sentence pairs when there are 2+."""
    units = [Unit(passage_no, para.start, para.end, "paragraph")]
    spans = sentence_spans(text, para.start, para.end)
    if len(spans) > 1:
        units += [Unit(passage_no, s, e, "sentence") for s, e in spans]
        units += [Unit(passage_no, a[0], b[1], "pair") for a, b in itertools.pairwise(spans)]
    return units


class EmbeddingCache:
    """One ``.npy`` file per (encoder, article content); unreadable or stale files are rebuilt."""

    def __init__(self, folder: Path | None, encoder_name: str) -> None:
        self.folder = folder / _safe(encoder_name) if folder else None

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.npy" if self.folder else None

    def load(self, key: str, rows: int, dim: int) -> np.ndarray | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            arr = np.load(path, allow_pickle=False)
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
            log.info("embedding cache %s unreadable (%s); rebuilding", path.name, exc)
            return None
        if arr.shape != (rows, dim) or arr.dtype != np.float32 or not np.isfinite(arr).all():
            log.info("embedding cache %s stale; rebuilding", path.name)
            return None
        return arr

    def save(self, key: str, vectors: np.ndarray) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{id(vectors)}.npy")
            np.save(tmp, vectors, allow_pickle=False)
            tmp.replace(path)
        except OSError as exc:  # a read-only cache is not fatal
            log.warning("could not write embedding cache %s: %s", path, exc)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:80]


def _cache_key(article: Article, unit_texts: Sequence[str]) -> str:
    h = hashlib.sha256(UNITS_VERSION.encode())
    for t in unit_texts:
        h.update(t.encode("utf-8"))
        h.update(b"\x00")
    return f"{article.digest[:16]}-{h.hexdigest()[:16]}"


class PassageIndex:
    """Dense + lexical index over the passages of many articles."""

    def __init__(
        self,
        passages: Sequence[Paragraph],
        units: Sequence[Unit],
        vectors: np.ndarray,
        lexical_texts: Sequence[str],
    ) -> None:
        self.passages = tuple(passages)
        self.units = tuple(units)
        self.vectors = vectors
        self.unit_passage = np.fromiter(
            (u.passage for u in units), dtype=np.int64, count=len(units)
        )
        self.is_whole = np.fromiter((u.whole for u in units), dtype=bool, count=len(units))
        # Units are grouped by passage, whole paragraph first: offsets for reduceat.
        self.offsets = np.flatnonzero(self.is_whole)
        self.ends = np.append(self.offsets[1:], len(self.units))
        self._bm25 = bm25s.BM25()
        corpus = [content_tokens(t) or ["\u2400"] for t in lexical_texts]
        self._bm25.index(corpus, show_progress=False)

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        encoder: Encoder,
        cache_dir: Path | None,
        *,
        context: Callable[[Paragraph], str] | None = None,
        progress: bool = False,
    ) -> PassageIndex:
        """Embed every article's units (from cache where possible) and index them.

        `context(paragraph)` may return extra words (speaker, heading) that describe a passage; they
        are prepended to the whole-paragraph unit's embedded text and to its BM25 text.
        """
        cache = EmbeddingCache(cache_dir, encoder.name)
        passages: list[Paragraph] = []
        units: list[Unit] = []
        lexical: list[str] = []
        per_article: list[tuple[Article, list[str], slice]] = []
        for article in articles:
            first = len(units)
            texts: list[str] = []
            for para in article.body:
                extra = context(para) if context else ""
                for unit in passage_units(len(passages), para, article.text):
                    units.append(unit)
                    body = article.text[unit.start : unit.end]
                    texts.append(f"{extra}{body}" if unit.whole and extra else body)
                passages.append(para)
                lexical.append(f"{extra}{para.text}")
            per_article.append((article, texts, slice(first, len(units))))

        vectors = np.zeros((len(units), encoder.dim), dtype=np.float32)
        todo: list[tuple[str, list[str], slice]] = []
        for article, texts, where in per_article:
            key = _cache_key(article, texts)
            cached = cache.load(key, len(texts), encoder.dim)
            if cached is not None:
                vectors[where] = cached
            else:
                todo.append((key, texts, where))
        if todo:
            flat = [t for _, texts, _ in todo for t in texts]
            log.info("encoding %d passages units of %d article(s)", len(flat), len(todo))
            encoded = encoder.encode(flat, progress=progress and len(flat) > 256)
            row = 0
            for key, texts, where in todo:
                block = encoded[row : row + len(texts)]
                row += len(texts)
                vectors[where] = block
                cache.save(key, block)
        log.info(
            "index: %d passages, %d units from %d article(s), %d encoded, %d from cache",
            len(passages),
            len(units),
            len(per_article),
            len(todo),
            len(per_article) - len(todo),
        )
        return cls(passages, units, vectors, lexical)

    def __len__(self) -> int:
        return len(self.passages)

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of a normalised query vector with every unit."""
        return self.vectors @ query

    def best_sentence(self, passage: int, sims: np.ndarray) -> tuple[int, int] | None:
        """Offsets of the passage's sentence most similar to the query (None: one sentence)."""
        lo, hi = int(self.offsets[passage]), int(self.ends[passage])
        best: int | None = None
        for u in range(lo + 1, hi):
            if self.units[u].kind == "sentence" and (best is None or sims[u] > sims[best]):
                best = u
        return (self.units[best].start, self.units[best].end) if best is not None else None

    def lexical_scores(self, tokens: Sequence[str]) -> np.ndarray:
        if not tokens:
            return np.zeros(len(self.passages), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(list(tokens)), dtype=np.float32)
