"""Scaling: index build time, memory and query latency at 1, 10, 100 and 1,000 articles.

The articles are synthetic (see synth.py): the seed article's sentences recombined under invented
names, different per article; size N's articles are the first N of size M's. Every size is
measured in fresh worker processes:

- cold (sizes up to --cold-max): an empty embedding cache, so every passage is encoded (the build
  you pay once); above that it is extrapolated from the measured encoding rate, unless the shared
  cache was empty and the fill below measured it;
- fill: the persistent shared cache (bench/out/scaling/cache) gets the new articles' vectors (on
  later runs of the benchmark: nothing to do);
- warm: a start with that cache, as on every later start (the worker counts the texts given to the
  encoder: zero), then the query latency of the whole ask path.

    .venv/bin/python bench/scaling.py [--sizes 1,10,100,1000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
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


def run(
    sizes=SIZES, rounds: int = 1, workdir: Path | None = None, cold_max: int = 100
) -> dict[str, object]:
    """Measure every size; the warm runs share one persistent cache under `workdir`."""
    from synth import Generator

    if SEED_ARTICLE is None:
        raise SystemExit("no seeds/000_*.txt article to build synthetic articles from")
    generator = Generator(SEED_ARTICLE)
    root = workdir or OUT / "scaling"
    shared_cache = root / "cache"
    rows = []
    for n in sizes:
        seeds = generator.write(root / f"seeds-{n}", n)
        row: dict[str, object] = {"articles": n}
        if n <= cold_max:
            with tempfile.TemporaryDirectory(prefix="articlebot-cold-") as empty:
                print(f"[scaling] {n} article(s): cold build (empty cache)...", flush=True)
                row["cold"] = run_worker(seeds, Path(empty), rounds=rounds, latency=False)
        print(f"[scaling] {n} article(s): filling the shared cache...", flush=True)
        row["fill"] = run_worker(seeds, shared_cache, rounds=rounds, latency=False)
        fill = row["fill"]
        if n > cold_max and fill["texts_encoded"] == fill["units"]:
            write_json(root / "first_fill.json", {"articles": n, **fill})
        print(f"[scaling] {n} article(s): warm start + questions...", flush=True)
        row["warm"] = run_worker(seeds, shared_cache, rounds=rounds, latency=True)
        rows.append(row)
    _derive(rows)
    result = {
        "sizes": list(sizes),
        "rows": rows,
        "target_p50_factor": TARGET_P50_FACTOR,
        "cold_measured_up_to": cold_max,
    }
    print_table(result)
    write_json(OUT / "scaling.json", result)
    return result


def _derive(rows: list[dict]) -> None:
    """Ratios to the 1-article p50, encoding rate and the cold build time at every size.

    The cold build is measured where it ran; above that it is extrapolated from the encoding rate
    measured on the largest cold (or cache-filling) run plus the warm load time at that size.
    """
    base = rows[0]["warm"]["latency"]["ask"]["p50_ms"]
    rates = [
        (r[k]["texts_encoded"], r[k]["build_s"])
        for r in rows
        for k in ("cold", "fill")
        if k in r and r[k]["texts_encoded"] >= 500
    ]
    texts, seconds = max(rates) if rates else (0, 0.0)
    rate = texts / seconds if seconds else None
    for row in rows:
        warm = row["warm"]
        row["p50_vs_first"] = round(warm["latency"]["ask"]["p50_ms"] / base, 3)
        row["encode_texts_per_s"] = round(rate, 1) if rate else None
        if "cold" in row:
            row["cold_build_s"] = row["cold"]["build_s"]
            row["cold_build_how"] = "measured"
        elif row["fill"]["texts_encoded"] == warm["units"]:
            row["cold_build_s"] = row["fill"]["build_s"]
            row["cold_build_how"] = "measured (cache fill)"
        elif _first_fill(row["articles"], warm["units"]):
            row["cold_build_s"] = _first_fill(row["articles"], warm["units"])["build_s"]
            row["cold_build_how"] = "measured once (first fill of the shared cache)"
        elif rate:
            row["cold_build_s"] = round(warm["build_s"] + warm["units"] / rate, 1)
            row["cold_build_how"] = "extrapolated"


def _first_fill(articles: int, units: int) -> dict | None:
    """The empty-cache build of the largest size, recorded when the shared cache was filled."""
    path = OUT / "scaling" / "first_fill.json"
    try:
        fill = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return fill if fill.get("articles") == articles and fill.get("units") == units else None


def print_table(result: dict[str, object]) -> None:
    head = (
        f"{'articles':>8}{'passages':>9}{'units':>8}{'cold build s':>13}{'warm load s':>12}"
        f"{'encoded':>9}{'RSS MB':>8}{'index MB':>9}{'p50 ms':>8}{'p99 ms':>8}{'x p50(1)':>9}"
    )
    print(head)
    for row in result["rows"]:
        warm = row["warm"]
        lat = warm["latency"]["ask"]
        cold = row.get("cold_build_s")
        cold_text = f"{cold:.1f}" if cold is not None else "-"
        if row.get("cold_build_how") == "extrapolated":
            cold_text = "~" + cold_text
        print(
            f"{row['articles']:>8}{warm['passages']:>9}{warm['units']:>8}{cold_text:>13}"
            f"{warm['build_s']:>12.2f}{warm['texts_encoded']:>9}{warm['rss_mb']:>8.0f}"
            f"{warm['index_rss_mb']:>9.0f}{lat['p50_ms']:>8.2f}{lat['p99_ms']:>8.2f}"
            f"{row['p50_vs_first']:>9.2f}"
        )
    print(f"{'':>8}  p50 ms of the parts: {'dense':>8}{'bm25':>8}{'speakers':>9}{'encode':>8}")
    for row in result["rows"]:
        lat = row["warm"]["latency"]
        pp = lat["parts"]
        print(
            f"{row['articles']:>8}{'':>23}{pp['dense_search']['p50_ms']:>8.2f}"
            f"{pp['bm25']['p50_ms']:>8.2f}{pp['speaker_names']['p50_ms']:>9.2f}"
            f"{lat['encode']['p50_ms']:>8.2f}"
        )
    print("(~: extrapolated from the measured encoding rate; x p50(1): p50 / p50 at 1 article)")


def main(argv: list[str] | None = None) -> dict[str, object] | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--workdir", type=Path, help="synthetic seeds and shared cache (bench/out/scaling)"
    )
    parser.add_argument(
        "--cold-max", type=int, default=100, help="measure empty-cache builds up to this size"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seeds", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-latency", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.seeds, args.cache, args.rounds, not args.no_latency, progress=False)
        return None
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    return run(sizes, args.rounds, args.workdir, args.cold_max)


if __name__ == "__main__":
    main()
