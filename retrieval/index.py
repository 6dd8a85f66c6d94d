"""The passage index: dense vectors of paragraphs and sentence windows, plus BM25, fused.

Every body paragraph and key point of every article is a passage. For ranking, each passage is
represented by several *units*: the whole paragraph and, for longer paragraphs, each sentence and
each pair of adjacent sentences. A passage's dense score blends its whole-paragraph similarity with
its best unit's, so a question answered by one sentence of a long paragraph still finds it. The
result is always the whole paragraph, verbatim, with the best unit's span as its highlight.

Unit vectors are cached on disk per article, keyed by the encoder and the article's content, so
an unchanged seeds folder is never re-encoded and a new article encodes only itself. Encoding runs
in chunks of whole articles: each article's vectors are saved as soon as they are ready (an
interrupted build resumes where it stopped), and a large build shows a progress bar (CLI) and logs
its progress (the bot's startup log).

Search is exact: one C-contiguous float32 matrix of unit vectors, one matrix-vector product per
question, shared read-only by every thread (nothing is copied per question).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

import retrieval.text as text_module
from retrieval.articles import Article
from retrieval.embedding import Encoder, usable_cores
from retrieval.models import Paragraph
from retrieval.text import content_tokens, sentence_spans

log = logging.getLogger(__name__)

UNITS_VERSION = "units-v2"  # bump when the way units are built changes: old caches go stale
ENCODE_CHUNK = 512  # texts per encoder call while building (whole articles, so at least one)
PROGRESS_MIN_TEXTS = 256  # show a progress bar when at least this many texts are to be encoded
PROGRESS_LOG_SECONDS = 5.0  # how often a long build logs its progress
# From this many units the search is split over the usable cores, one BLAS thread each (below,
# one call in the asking thread is faster than handing work over).
PARALLEL_MIN_UNITS = 20_000


def _single_threaded_blas() -> None:
    """Make numpy's BLAS single-threaded, process-wide. OpenBLAS's own threads keep spinning
    after each product and slow the next question's encoding about 2x (bench/latency.py); the
    index splits its product over plain Python threads instead, which sleep when idle."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


@dataclass(frozen=True, slots=True)
class Unit:
    """A span that is embedded: a whole paragraph or a window of its sentences."""

    passage: int  # index into PassageIndex.passages
    start: int
    end: int
    kind: str  # "paragraph", "sentence" or "pair" (two adjacent sentences)

    @property
    def whole(self) -> bool:
        """Whether the unit is a whole paragraph rather than a window of sentences."""
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
        """The vectors cached under `key`, or None when missing, unreadable or stale."""
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
        """Store `vectors` under `key` atomically; a failed write is only logged."""
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


_LAYOUT_FORMAT = "layout-v1"


@cache
def _layout_fingerprint() -> str:
    """A digest of the code that cuts passages into units and words (this file, text.py)."""
    digest = hashlib.sha256((_LAYOUT_FORMAT + UNITS_VERSION).encode())
    for module in (__file__, text_module.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


class LayoutCache:
    """Each article's units (sentence spans) and BM25 words, cached as JSON by content: a warm
    start re-reads them instead of splitting and stemming every passage again."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "layout" if folder else None

    def layout(self, article: Article) -> tuple[list[tuple[int, int, int, str]], list[list[str]]]:
        """(local passage, start, end, kind) of every unit, and every passage's BM25 words."""
        path = None
        if self.folder is not None:
            key = hashlib.sha256(_layout_fingerprint().encode())
            key.update(article.id.encode("utf-8") + b"\0" + article.text.encode("utf-8"))
            path = self.folder / f"{key.hexdigest()[:32]}.json"
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                spans = [(int(a), int(b), int(c), str(d)) for a, b, c, d in data["units"]]
                return spans, [list(t) for t in data["tokens"]]
            except FileNotFoundError:
                pass
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.info("layout cache %s unreadable (%s); recomputing", path.name, exc)
        spans = [
            (local, u.start, u.end, u.kind)
            for local, para in enumerate(article.body)
            for u in passage_units(local, para, article.text)
        ]
        tokens = [content_tokens(p.text) for p in article.body]
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                tmp.write_text(json.dumps({"units": spans, "tokens": tokens}), encoding="utf-8")
                tmp.replace(path)
            except OSError as exc:
                log.warning("could not write layout cache %s: %s", path, exc)
        return spans, tokens


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:80]


def _cache_key(article: Article, unit_texts: Sequence[str]) -> str:
    h = hashlib.sha256(UNITS_VERSION.encode())
    for t in unit_texts:
        h.update(t.encode("utf-8"))
        h.update(b"\x00")
    return f"{article.digest[:16]}-{h.hexdigest()[:16]}"


def _chunks(
    todo: Sequence[tuple[str, list[str], slice]], size: int
) -> Iterator[list[tuple[str, list[str], slice]]]:
    """Group whole articles into chunks of about `size` texts (an article is never split)."""
    chunk: list[tuple[str, list[str], slice]] = []
    count = 0
    for item in todo:
        chunk.append(item)
        count += len(item[1])
        if count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def _encode_missing(
    encoder: Encoder,
    todo: Sequence[tuple[str, list[str], slice]],
    vectors: np.ndarray,
    cache: EmbeddingCache,
    *,
    progress: bool,
) -> None:
    """Encode the articles missing from the cache, chunk by chunk, saving each as it is done."""
    total = sum(len(texts) for _, texts, _ in todo)
    log.info("encoding %d passage units of %d article(s)", total, len(todo))
    bar = None
    if progress and total >= PROGRESS_MIN_TEXTS:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="Encoding passages", unit="text", file=sys.stderr)
    started = last_log = time.monotonic()
    done = 0
    try:
        for chunk in _chunks(todo, ENCODE_CHUNK):
            encoded = encoder.encode([t for _, texts, _ in chunk for t in texts])
            row = 0
            for key, texts, where in chunk:
                block = encoded[row : row + len(texts)]
                row += len(texts)
                vectors[where] = block
                cache.save(key, block)
            done += row
            if bar is not None:
                bar.update(row)
            now = time.monotonic()
            if total >= PROGRESS_MIN_TEXTS and (now - last_log >= PROGRESS_LOG_SECONDS):
                last_log = now
                rate = done / (now - started)
                log.info(
                    "encoding passages: %d/%d (%.0f%%), %.0f texts/s, about %.0fs left",
                    done,
                    total,
                    100 * done / total,
                    rate,
                    (total - done) / rate if rate else 0.0,
                )
    finally:
        if bar is not None:
            bar.close()
    log.info("encoded %d texts in %.1fs", total, time.monotonic() - started)


class PassageIndex:
    """Dense + lexical index over the passages of many articles."""

    def __init__(
        self,
        passages: Sequence[Paragraph],
        units: Sequence[Unit],
        vectors: np.ndarray,
        lexical_texts: Sequence[str],
        tokenized: Sequence[list[str]] | None = None,
    ) -> None:
        import bm25s  # imported here: it pulls in scipy, which only an index needs

        self.passages = tuple(passages)
        self.units = tuple(units)
        # One C-contiguous float32 matrix: `vectors @ query` is a single BLAS call per question.
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.vectors.flags.writeable = False  # shared by concurrent questions, never copied
        self.unit_passage = np.fromiter(
            (u.passage for u in units), dtype=np.int64, count=len(units)
        )
        self.is_whole = np.fromiter((u.whole for u in units), dtype=bool, count=len(units))
        self.is_sentence = np.fromiter(
            (u.kind == "sentence" for u in units), dtype=bool, count=len(units)
        )
        # Units are grouped by passage, whole paragraph first: offsets for reduceat.
        self.offsets = np.flatnonzero(self.is_whole)
        self.ends = np.append(self.offsets[1:], len(self.units))
        self._blocks: list[tuple[int, int]] = []
        self._pool: ThreadPoolExecutor | None = None
        cores = usable_cores()
        # Always: even at a few thousand units, OpenBLAS's spinning threads slowed the next
        # question's encode about 2x (bench: encode p50 24.6 ms at 100 articles vs 12.9 at 1).
        _single_threaded_blas()
        if len(self.units) >= PARALLEL_MIN_UNITS and cores > 1:
            bounds = np.linspace(0, len(self.units), cores + 1).astype(int)
            self._blocks = list(itertools.pairwise(bounds.tolist()))
            self._pool = ThreadPoolExecutor(cores - 1, thread_name_prefix="articlebot-search")
        self._bm25 = bm25s.BM25()
        if tokenized is None:
            tokenized = [content_tokens(t) for t in lexical_texts]
        # Every BM25 token of each article's passages: what "the article uses this word" means.
        words: dict[str, set[str]] = {}
        for passage, tokens in zip(self.passages, tokenized, strict=True):
            words.setdefault(passage.article, set()).update(tokens)
        self.vocabularies = {article: frozenset(w) for article, w in words.items()}
        self._bm25.index([tokens or ["\u2400"] for tokens in tokenized], show_progress=False)

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        encoder: Encoder,
        cache_dir: Path | None,
        *,
        progress: bool = False,
    ) -> PassageIndex:
        """Embed every article's units (from cache where possible) and index them."""
        cache = EmbeddingCache(cache_dir, encoder.name)
        layouts = LayoutCache(cache_dir)
        passages: list[Paragraph] = []
        units: list[Unit] = []
        lexical: list[str] = []
        tokenized: list[list[str]] = []
        per_article: list[tuple[Article, list[str], slice]] = []
        for article in articles:
            first = len(units)
            texts: list[str] = []
            spans, tokens = layouts.layout(article)
            base = len(passages)
            for local, start, end, kind in spans:
                units.append(Unit(base + local, start, end, kind))
                texts.append(article.text[start:end])
            passages.extend(article.body)
            lexical.extend(p.text for p in article.body)
            tokenized.extend(tokens)
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
            _encode_missing(encoder, todo, vectors, cache, progress=progress)
        log.info(
            "index: %d passages, %d units from %d article(s), %d encoded, %d from cache",
            len(passages),
            len(units),
            len(per_article),
            len(todo),
            len(per_article) - len(todo),
        )
        return cls(passages, units, vectors, lexical, tokenized)

    def __len__(self) -> int:
        return len(self.passages)

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of a normalised query vector with every unit (exact)."""
        if self._pool is None:
            return self.vectors @ query
        out = np.empty(len(self.vectors), dtype=np.float32)
        (lo, hi), *rest = self._blocks
        futures = [
            self._pool.submit(np.matmul, self.vectors[a:b], query, out=out[a:b]) for a, b in rest
        ]
        np.matmul(self.vectors[lo:hi], query, out=out[lo:hi])
        for future in futures:
            future.result()
        return out

    def best_sentence(self, passage: int, sims: np.ndarray) -> tuple[int, int] | None:
        """Offsets of the passage's sentence most similar to the query (None: one sentence)."""
        lo, hi = int(self.offsets[passage]), int(self.ends[passage])
        sentences = np.flatnonzero(self.is_sentence[lo:hi])
        if not len(sentences):
            return None
        best = lo + int(sentences[np.argmax(sims[lo + sentences])])  # first of equal maxima
        return (self.units[best].start, self.units[best].end)

    def lexical_scores(self, tokens: Sequence[str]) -> np.ndarray:
        """The BM25 score of every passage for the query `tokens` (zeros for none)."""
        if not tokens:
            return np.zeros(len(self.passages), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(list(tokens)), dtype=np.float32)
