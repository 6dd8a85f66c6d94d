"""Warm latency of the whole `Engine.ask` path next to the raw model's `encode` of the question.

Both are timed in the same process, interleaved question by question (alternating which goes
first), so they see the same machine state. Prints p50/p99 of each and the ratio of the medians
(the target is at most 1.3).

    .venv/bin/python bench/latency.py [--seeds DIR] [--rounds 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from common import OUT, ROOT, questions, summary_ms, write_json

TARGET_RATIO = 1.3


def load_engine(seeds: Path, cache: Path, threads: int = 0):
    from retrieval.config import Settings
    from retrieval.engine import Engine

    settings = dataclasses.replace(
        Settings.from_env(), seeds_dir=seeds, cache_dir=cache, threads=threads
    )
    return Engine.load(settings)


def measure(engine, qs: list[str], rounds: int = 2) -> dict[str, object]:
    """Interleaved timings of engine.ask and encoder.encode on the same questions."""
    encoder = engine.encoder
    for q in qs[:20]:  # warm-up: first calls allocate
        engine.ask(q)
        encoder.encode([q])
    ask: list[float] = []
    enc: list[float] = []
    clock = time.perf_counter
    for r in range(rounds):
        for i, q in enumerate(qs):
            if (i + r) % 2:
                t = clock()
                encoder.encode([q])
                enc.append(clock() - t)
                t = clock()
                engine.ask(q)
                ask.append(clock() - t)
            else:
                t = clock()
                engine.ask(q)
                ask.append(clock() - t)
                t = clock()
                encoder.encode([q])
                enc.append(clock() - t)
    a, e = summary_ms(ask), summary_ms(enc)
    return {
        "parts": parts(engine, qs),
        "questions": len(qs),
        "rounds": rounds,
        "ask": a,
        "encode": e,
        "ratio_p50": round(a["p50_ms"] / e["p50_ms"], 3),
        "overhead_p50_ms": round(a["p50_ms"] - e["p50_ms"], 3),
        "target_ratio": TARGET_RATIO,
    }


def parts(engine, qs: list[str]) -> dict[str, object]:
    """p50/p99 of the pieces of `rank` besides encoding, timed alone on the same questions."""
    from retrieval.text import content_tokens

    clock = time.perf_counter
    query = engine.encoder.encode([qs[0]])[0]
    search, lexical, names = [], [], []
    for q in qs:
        t = clock()
        engine.index.similarities(query)
        search.append(clock() - t)
        tokens = content_tokens(q)
        t = clock()
        engine.index.lexical_scores(tokens)
        lexical.append(clock() - t)
        t = clock()
        engine.directory.named_in(q)
        names.append(clock() - t)
    return {
        "dense_search": summary_ms(search),
        "bm25": summary_ms(lexical),
        "speaker_names": summary_ms(names),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--cache", type=Path, default=OUT / "cache")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    engine = load_engine(args.seeds, args.cache)
    result = measure(engine, questions(200), args.rounds)
    a, e = result["ask"], result["encode"]
    print(f"{'':18}{'p50 ms':>9}{'p99 ms':>9}")
    print(f"{'Engine.ask':18}{a['p50_ms']:9.2f}{a['p99_ms']:9.2f}")
    print(f"{'encoder.encode':18}{e['p50_ms']:9.2f}{e['p99_ms']:9.2f}")
    for name, part in result["parts"].items():
        print(f"{'  ' + name:18}{part['p50_ms']:9.2f}{part['p99_ms']:9.2f}")
    ok = "ok" if result["ratio_p50"] <= TARGET_RATIO else "OVER TARGET"
    ratio = result["ratio_p50"]
    print(f"median ask / median encode = {ratio:.3f} (target <= {TARGET_RATIO}: {ok})")
    write_json(OUT / "latency.json", result)
    return result


if __name__ == "__main__":
    main()
