"""Cold start: process start to first answer, next to the floor of this stack.

Each measurement is a fresh process timed from spawn to exit:

- floor: ``import sentence_transformers``, load the model and encode one question (what any
  answer needs at least, with nothing of ours);
- CLI, warm cache: ``python -m retrieval ask QUESTION --json`` with an embedding cache that an
  earlier run filled (every later start);
- CLI, cold cache: the same with a fresh, empty ``ARTICLEBOT_CACHE_DIR`` (the very first start).

The warm runs also report how many texts the encoder was given (the question only: no passage is
encoded when the cache is warm). Target: warm start <= floor + 1 s.

    .venv/bin/python bench/cold_start.py [--repeat 3] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, ROOT, write_json

TARGET_OVER_FLOOR_S = 1.0
QUESTION = "How long did the phone call last?"

FLOOR = """
import time
t0 = time.perf_counter()
import sentence_transformers
t1 = time.perf_counter()
from retrieval.embedding import bundled_model_path, configure_threads
configure_threads(0)
model = sentence_transformers.SentenceTransformer(bundled_model_path(), device="cpu")
t2 = time.perf_counter()
model.encode(["warm-up question"], normalize_embeddings=True)
t3 = time.perf_counter()
import json
print("RESULT", json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_encode_s": t3 - t2}))
"""

# The CLI's own entry point, with a counter around the encoder (to prove nothing is re-encoded).
COUNTED_CLI = """
import sys, runpy
import retrieval.embedding as embedding
counts = {"calls": 0, "texts": 0}
original = embedding.SentenceTransformerEncoder.encode
def encode(self, texts, *, progress=False):
    counts["calls"] += 1
    counts["texts"] += len(texts)
    return original(self, texts, progress=progress)
embedding.SentenceTransformerEncoder.encode = encode
import atexit
atexit.register(lambda: print("COUNTS", counts["calls"], counts["texts"], file=sys.stderr))
sys.argv = ["retrieval", *sys.argv[1:]]
runpy.run_module("retrieval", run_name="__main__")
"""


def _env(cache: Path, seeds: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HF_HUB_OFFLINE="1",
        ARTICLEBOT_CACHE_DIR=str(cache),
        ARTICLEBOT_SEEDS=str(seeds),
        PYTHONDONTWRITEBYTECODE="0",
    )
    return env


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc


def floor(env: dict[str, str]) -> dict[str, float]:
    elapsed, proc = _timed([sys.executable, "-c", FLOOR], env)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    parts = json.loads(line[len("RESULT ") :])
    return {"wall_s": elapsed, **parts}


def cli(env: dict[str, str], question: str = QUESTION) -> dict[str, float]:
    cmd = [sys.executable, "-c", COUNTED_CLI, "ask", question, "--json"]
    elapsed, proc = _timed(cmd, env)
    answer = json.loads(proc.stdout.splitlines()[-1])
    counts = next(x for x in proc.stderr.splitlines() if x.startswith("COUNTS "))
    calls, texts = (int(v) for v in counts.split()[1:])
    return {
        "wall_s": elapsed,
        "encoder_calls": calls,
        "texts_encoded": texts,
        "answered": bool(answer.get("passages")),
    }


def median(rows: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in rows), 3)


def run(repeat: int = 3, seeds: Path | None = None) -> dict[str, object]:
    seeds = seeds or ROOT / "seeds"
    root = Path(tempfile.mkdtemp(prefix="articlebot-cold-"))
    try:
        floors, colds, warms = [], [], []
        warm_cache = root / "warm"
        cli(_env(warm_cache, seeds))  # fill the warm cache (and the OS page cache)
        for i in range(repeat):  # interleaved, so that machine noise hits all three alike
            floors.append(floor(_env(warm_cache, seeds)))
            colds.append(cli(_env(root / f"cold-{i}", seeds)))
            warms.append(cli(_env(warm_cache, seeds)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    result = {
        "repeat": repeat,
        "question": QUESTION,
        "floor": {
            "wall_s": median(floors, "wall_s"),
            "import_s": median(floors, "import_s"),
            "load_s": median(floors, "load_s"),
            "first_encode_s": median(floors, "first_encode_s"),
        },
        "cold_cache": {
            "wall_s": median(colds, "wall_s"),
            "texts_encoded": colds[0]["texts_encoded"],
        },
        "warm_cache": {
            "wall_s": median(warms, "wall_s"),
            "texts_encoded": max(w["texts_encoded"] for w in warms),
            "encoder_calls": max(w["encoder_calls"] for w in warms),
        },
        "runs": {"floor": floors, "cold_cache": colds, "warm_cache": warms},
        "target_over_floor_s": TARGET_OVER_FLOOR_S,
    }
    result["warm_over_floor_s"] = round(
        result["warm_cache"]["wall_s"] - result["floor"]["wall_s"], 3
    )
    return result


def print_table(result: dict[str, object]) -> None:
    f, c, w = result["floor"], result["cold_cache"], result["warm_cache"]
    print(f"{'process start to first answer':40}{'median s':>10}  texts encoded")
    print(f"{'floor: import + model load':40}{f['wall_s']:>10.2f}  -")
    print(f"{'  of which import sentence_transformers':40}{f['import_s']:>10.2f}")
    print(f"{'  of which model load':40}{f['load_s']:>10.2f}")
    print(f"{'CLI ask, cold cache (empty)':40}{c['wall_s']:>10.2f}  {c['texts_encoded']}")
    print(f"{'CLI ask, warm cache':40}{w['wall_s']:>10.2f}  {w['texts_encoded']} (the question)")
    over = result["warm_over_floor_s"]
    ok = "ok" if over <= TARGET_OVER_FLOOR_S else "OVER TARGET"
    print(f"warm start - floor = {over:+.2f} s (target <= +{TARGET_OVER_FLOOR_S:.0f} s: {ok})")


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seeds", type=Path)
    args = parser.parse_args(argv)
    result = run(args.repeat, args.seeds)
    print_table(result)
    write_json(OUT / "cold_start.json", result)
    return result


if __name__ == "__main__":
    main()
