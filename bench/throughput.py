"""Throughput with concurrent questions: one shared Engine, 1/2/4/8 worker threads.

Every worker calls the same Engine (one model, one index: nothing is copied per question), under
torch intra-op threads 1 and 2, so the best setting for a small box can be read off. Reports
questions per second and the per-question latency seen by the callers (waiting included), and
checks that the index matrix is the same object afterwards and memory did not grow per thread.

    .venv/bin/python bench/throughput.py [--questions 160] [--workers 1,2,4,8] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from common import OUT, ROOT, questions, rss_mb, summary_ms, write_json
from latency import load_engine


def measure(engine, qs: list[str], workers: int) -> dict[str, object]:
    def timed(q: str) -> float:
        t = time.perf_counter()
        engine.ask(q)
        return time.perf_counter() - t

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(timed, qs[: 4 * workers]))  # warm the threads
        start = time.perf_counter()
        latencies = list(pool.map(timed, qs))
        wall = time.perf_counter() - start
    return {
        "workers": workers,
        "questions": len(qs),
        "wall_s": round(wall, 3),
        "qps": round(len(qs) / wall, 2),
        "latency": summary_ms(latencies),
    }


def run(n_questions: int, workers: list[int], threads: list[int], seeds: Path, cache: Path):
    from retrieval.embedding import configure_threads

    engine = load_engine(seeds, cache)
    qs = questions(n_questions)[:n_questions]
    matrix = engine.index.vectors
    rss_before = rss_mb()
    rows = []
    for t in threads:
        configure_threads(t)
        for w in workers:
            row = measure(engine, qs, w)
            row["torch_threads"] = t
            rows.append(row)
            lat = row["latency"]
            print(
                f"torch threads {t}, {w} worker(s): {row['qps']:7.1f} questions/s, "
                f"p50 {lat['p50_ms']:.1f} ms, p99 {lat['p99_ms']:.1f} ms",
                flush=True,
            )
    configure_threads(0)
    best = max(rows, key=lambda r: r["qps"])
    return {
        "rows": rows,
        "best": {k: best[k] for k in ("torch_threads", "workers", "qps")},
        "matrix_shared": engine.index.vectors is matrix,
        "rss_growth_mb": round(rss_mb() - rss_before, 1),
        "matrix_mb": round(matrix.nbytes / 2**20, 2),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=160)
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--cache", type=Path, default=OUT / "cache")
    args = parser.parse_args(argv)
    result = run(
        args.questions,
        [int(x) for x in args.workers.split(",")],
        [int(x) for x in args.threads.split(",")],
        args.seeds,
        args.cache,
    )
    print(
        f"best: {result['best']['qps']} questions/s with torch threads "
        f"{result['best']['torch_threads']} and {result['best']['workers']} worker(s); "
        f"matrix shared: {result['matrix_shared']}, RSS growth {result['rss_growth_mb']} MB"
    )
    write_json(OUT / "throughput.json", result)
    return result


if __name__ == "__main__":
    main()
