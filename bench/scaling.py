"""Scaling: index build time, memory and query latency at 1, 10, 100 and 1,000 articles.

The articles are synthetic (see synth.py): the seed article's sentences recombined under invented
names, different per article. Every size is measured in fresh worker processes:

- cold: an empty embedding cache, so every passage is encoded (the build time you pay once);
- warm: the cache the cold run filled, as on every later start (nothing is encoded; the worker
  checks it by counting the texts given to the encoder), then the query latency.

    .venv/bin/python bench/scaling.py [--sizes 1,10,100,1000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from common import (
    OUT,
    SEED_ARTICLE,
    CountingEncoder,
    emit,
    questions,
    rss_mb,
    write_json,
)

SIZES = (1, 10, 100, 1000)
TARGET_P50_FACTOR = 2.0


def worker(seeds: Path, cache: Path, rounds: int, latency: bool, progress: bool) -> None:
    """Runs in a fresh process: load, build, optionally time questions; print one RESULT line."""
    from latency import measure

    from retrieval.config import Settings
    from retrieval.embedding import shared_encoder
    from retrieval.engine import Engine

    rss_start = rss_mb()
    settings = dataclasses.replace(Settings.from_env(), seeds_dir=seeds, cache_dir=cache)
    t = time.perf_counter()
    encoder = shared_encoder(settings.model, settings.threads)
    model_s = time.perf_counter() - t
    rss_model = rss_mb()
    counting = CountingEncoder(encoder)
    t = time.perf_counter()
    engine = Engine.load(settings, encoder=counting, progress=progress)
    build_s = time.perf_counter() - t
    rss_engine = rss_mb()
    index = engine.index
    result: dict[str, object] = {
        "articles": len(engine.article_list),
        "passages": len(index),
        "units": int(index.vectors.shape[0]),
        "vectors_mb": round(index.vectors.nbytes / 2**20, 2),
        "model_load_s": round(model_s, 3),
        "build_s": round(build_s, 3),
        "texts_encoded": counting.texts,
        "rss_start_mb": round(rss_start, 1),
        "rss_model_mb": round(rss_model, 1),
        "rss_mb": round(rss_engine, 1),
        "index_rss_mb": round(rss_engine - rss_model, 1),
    }
    if latency:
        result["latency"] = measure(engine, questions(200), rounds)
    emit(result)


def run_worker(seeds: Path, cache: Path, *, rounds: int, latency: bool) -> dict[str, object]:
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        "--seeds",
        str(seeds),
        "--cache",
        str(cache),
        "--rounds",
        str(rounds),
    ]
    if not latency:
        cmd.append("--no-latency")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"worker failed ({proc.returncode}):\n{proc.stderr[-3000:]}")


def run(sizes=SIZES, rounds: int = 1, workdir: Path | None = None) -> dict[str, object]:
    from synth import Generator

    if SEED_ARTICLE is None:
        raise SystemExit("no seeds/000_*.txt article to build synthetic articles from")
    generator = Generator(SEED_ARTICLE)
    own = workdir is None
    root = Path(tempfile.mkdtemp(prefix="articlebot-scale-")) if own else workdir
    rows = []
    try:
        for n in sizes:
            seeds = generator.write(root / f"seeds-{n}", n)
            cache = root / f"cache-{n}"
            shutil.rmtree(cache, ignore_errors=True)
            print(f"[scaling] {n} article(s): cold build (empty cache)...", flush=True)
            cold = run_worker(seeds, cache, rounds=rounds, latency=False)
            print(
                f"[scaling]   {cold['passages']} passages, {cold['units']} units, "
                f"built in {cold['build_s']:.1f}s; warm start + {rounds} round(s) of questions...",
                flush=True,
            )
            warm = run_worker(seeds, cache, rounds=rounds, latency=True)
            rows.append({"articles": n, "cold": cold, "warm": warm})
    finally:
        if own:
            shutil.rmtree(root, ignore_errors=True)
    base = rows[0]["warm"]["latency"]["ask"]["p50_ms"]
    for row in rows:
        lat = row["warm"]["latency"]
        row["p50_vs_first"] = round(lat["ask"]["p50_ms"] / base, 3)
        cold = row["cold"]
        row["encode_units_per_s"] = (
            round(cold["texts_encoded"] / cold["build_s"], 1) if cold["build_s"] else None
        )
    result = {"sizes": list(sizes), "rows": rows, "target_p50_factor": TARGET_P50_FACTOR}
    print_table(result)
    write_json(OUT / "scaling.json", result)
    return result


def print_table(result: dict[str, object]) -> None:
    head = (
        f"{'articles':>8}{'passages':>9}{'units':>8}{'cold build s':>13}{'warm load s':>12}"
        f"{'encoded':>9}{'RSS MB':>8}{'index MB':>9}{'p50 ms':>8}{'p99 ms':>8}{'x p50(1)':>9}"
    )
    print(head)
    for row in result["rows"]:
        cold, warm = row["cold"], row["warm"]
        lat = warm["latency"]["ask"]
        print(
            f"{row['articles']:>8}{warm['passages']:>9}{warm['units']:>8}{cold['build_s']:>13.2f}"
            f"{warm['build_s']:>12.2f}{warm['texts_encoded']:>9}{warm['rss_mb']:>8.0f}"
            f"{warm['index_rss_mb']:>9.0f}{lat['p50_ms']:>8.2f}{lat['p99_ms']:>8.2f}"
            f"{row['p50_vs_first']:>9.2f}"
        )


def main(argv: list[str] | None = None) -> dict[str, object] | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the synthetic seeds and caches here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seeds", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-latency", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.seeds, args.cache, args.rounds, not args.no_latency, progress=False)
        return None
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    return run(sizes, args.rounds, args.workdir)


if __name__ == "__main__":
    main()
