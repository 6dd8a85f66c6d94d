"""Quotation analysis without the model: the seed's whole analysis, and the library's load at
1,000 articles with an empty and a warm analysis cache.

    .venv/bin/python bench/analysis.py [--articles 1000] [--repeat 20]

The seed figure is the median of `--repeat` fresh analyses (the in-process memo is bypassed).
The library loads read the synthetic articles of `synth.py` (the seed's sentences under invented
names), first with an empty analysis cache (every article analysed and stored), then again in a
fresh process with the warm cache; a `python -m retrieval speakers` call from a fresh process is
timed too, since that is what the model-free CLI commands cost.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import emit  # noqa: E402
from bench.synth import Generator  # noqa: E402
from retrieval.articles import load_article  # noqa: E402
from retrieval.quotes.attribute import _analyse  # noqa: E402

_LOAD = (
    "import sys, time; from retrieval.config import Settings; "
    "from retrieval.library import Library; "
    "t = time.perf_counter(); lib = Library.load(Settings(seeds_dir=sys.argv[1], "
    "cache_dir=sys.argv[2])); print(time.perf_counter() - t, len(lib.quotes))"
)


def _load_seconds(seeds: Path, cache: Path) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD, str(seeds), str(cache)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    seed = next((ROOT / "seeds").glob("*.txt"))
    article = load_article(seed)
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        _analyse(article)
        times.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Generator(seed).write(Path(tmp) / "seeds", args.articles)
        cache = Path(tmp) / "cache"
        cold, quotes = _load_seconds(folder, cache)
        warm, _ = _load_seconds(folder, cache)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "retrieval", "speakers", "--json", "--seeds", str(folder)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={"PATH": "/usr/bin:/bin", "ARTICLEBOT_CACHE_DIR": str(cache)},
        )
        cli = time.perf_counter() - started
    emit(
        {
            "seed_analysis_ms_median": round(1000 * statistics.median(times), 2),
            "articles": args.articles,
            "quotes": quotes,
            "library_load_empty_cache_s": round(cold, 3),
            "library_load_warm_cache_s": round(warm, 3),
            "cli_speakers_fresh_process_warm_cache_s": round(cli, 3),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
