"""Shared helpers of the benchmarks: questions, timing statistics, machine facts, counting."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEV_QUESTIONS = Path(
    os.environ.get("ARTICLEBOT_DEV_QUESTIONS", "/work/shared/eval/dev_questions.jsonl")
)
SEED_ARTICLE = next(iter(sorted((ROOT / "seeds").glob("000_*.txt"))), None)

_FALLBACK_QUESTIONS = (
    "What did Putin agree to?",
    "How long did the phone call last?",
    "Where will the negotiations begin?",
    "What does Ukraine fear?",
    "What is the capital of Australia?",
)
_VARIANTS = (
    "{q}",
    "{lower}",
    "According to the article, {lower}",
    "{q} Please quote the article.",
    "Quick question: {q}",
    "{bare} exactly?",
    "Can you tell me {lower}",
    "{bare}, in a few words?",
)


def base_questions() -> list[str]:
    """The shared dev questions (the fallback when that file is absent)."""
    if DEV_QUESTIONS.is_file():
        lines = DEV_QUESTIONS.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["q"] for line in lines if line.strip()]
    return list(_FALLBACK_QUESTIONS)


def questions(minimum: int = 200) -> list[str]:
    """Dev questions and rephrasings of them (at least `minimum`, all distinct)."""
    out: list[str] = []
    seen: set[str] = set()
    base = base_questions()
    for template in _VARIANTS:
        for q in base:
            bare = q.rstrip(" ?.")
            text = template.format(q=q, lower=q[0].lower() + q[1:], bare=bare)
            if text not in seen:
                seen.add(text)
                out.append(text)
    k = 2
    while len(out) < minimum:  # pad with numbered variants if the dev set is tiny
        out += [f"{q} ({k})" for q in base]
        k += 1
    return out


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else 0.0


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1e3 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 3) if ms else 0.0,
        "p90_ms": round(percentile(ms, 90), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else 0.0,
    }


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import torch

    mem_gb = None
    try:
        import psutil

        mem_gb = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:  # pragma: no cover
        pass
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", ""),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", ""),
        "platform": platform.platform(),
    }


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


class CountingEncoder:
    """Wraps an encoder and counts the texts it is asked to encode (thread-safe)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.calls = 0
        self.texts = 0
        self._lock = threading.Lock()

    def encode(self, texts, *, progress: bool = False):
        with self._lock:
            self.calls += 1
            self.texts += len(texts)
        return self.inner.encode(texts, progress=progress)


def write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def emit(obj: object) -> None:
    """One JSON line on stdout (how worker processes report to the driver)."""
    sys.stdout.write("RESULT " + json.dumps(obj) + "\n")
    sys.stdout.flush()


def python() -> str:
    return sys.executable
