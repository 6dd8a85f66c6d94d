"""Run every benchmark, print the tables and write results and the scaling plot.

    .venv/bin/python bench/run_all.py            # everything (about 10 min once the cache is warm)
    .venv/bin/python bench/run_all.py --quick    # sizes 1,10,100, fewer repeats
    .venv/bin/python bench/run_all.py --publish  # also copy results and plot to docs/bench/

Outputs go to bench/out/ (git-ignored): results.json, results.md, scaling.png, and each
benchmark's own JSON. The first full run encodes 1,000 synthetic articles once (tens of minutes
on 2 cores); later runs find them in bench/out/scaling/cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import cold_start
import latency
import scaling
import throughput
from common import OUT, ROOT, machine, write_json

DOCS = ROOT / "docs" / "bench"


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        return None


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {m['nproc']} CPU(s) ({m['cpu']}), {m['memory_gb']} GB RAM, no GPU; "
        f"Python {m['python']}, torch {m['torch']}, numpy {m['numpy']}; "
        f"OPENBLAS_CORETYPE={m['OPENBLAS_CORETYPE'] or '(unset)'}. "
        f"Load average before/after: {results['load_before']} / {results['load_after']}. "
        f"Measured {results['date']} in {results['elapsed_s']:.0f} s.",
        "",
        "Reproduce: `.venv/bin/python bench/run_all.py` (or `make bench`).",
        "",
    ]
    c = results.get("cold_start")
    if c:
        f, cc, w = c["floor"], c["cold_cache"], c["warm_cache"]
        lines += [
            "## Cold start (process start to first answer, median of "
            f"{c['repeat']} fresh processes)",
            "",
            "| | seconds | texts encoded |",
            "|---|---:|---:|",
            f"| floor: `import sentence_transformers` + model load + one encode | "
            f"{f['wall_s']:.2f} | 1 |",
            f"| of which `import sentence_transformers` | {f['import_s']:.2f} | |",
            f"| of which model load | {f['load_s']:.2f} | |",
            f"| `python -m retrieval ask … --json`, empty cache | {cc['wall_s']:.2f} | "
            f"{cc['texts_encoded']} |",
            f"| `python -m retrieval ask … --json`, warm cache | {w['wall_s']:.2f} | "
            f"{w['texts_encoded']} (the question) |",
            "",
            f"Warm start − floor: **{c['warm_over_floor_s']:+.2f} s** (target ≤ +1 s).",
            "",
        ]
    lat = results.get("latency")
    if lat:
        a, e = lat["ask"], lat["encode"]
        lines += [
            f"## Warm latency ({a['n']} questions, interleaved, same process)",
            "",
            "| | p50 ms | p90 ms | p99 ms |",
            "|---|---:|---:|---:|",
            f"| `Engine.ask` (whole path) | {a['p50_ms']:.2f} | {a['p90_ms']:.2f} | "
            f"{a['p99_ms']:.2f} |",
            f"| raw model `encode` of the question | {e['p50_ms']:.2f} | {e['p90_ms']:.2f} | "
            f"{e['p99_ms']:.2f} |",
            "",
            f"Median ask / median encode: **{lat['ratio_p50']:.3f}** (target ≤ 1.3).",
            "",
        ]
    t = results.get("throughput")
    if t:
        lines += [
            "## Throughput (one shared Engine, concurrent questions)",
            "",
            "| torch threads | workers | questions/s | p50 ms | p99 ms |",
            "|---:|---:|---:|---:|---:|",
        ]
        for r in t["rows"]:
            lines.append(
                f"| {r['torch_threads']} | {r['workers']} | {r['qps']:.1f} | "
                f"{r['latency']['p50_ms']:.1f} | {r['latency']['p99_ms']:.1f} |"
            )
        lines += [
            "",
            f"Index matrix shared (same object after the run): {t['matrix_shared']}; "
            f"RSS growth over all runs: {t['rss_growth_mb']} MB "
            f"(matrix {t['matrix_mb']} MB).",
            "",
        ]
    s = results.get("scaling")
    if s:
        lines += [
            "## Scaling (synthetic articles)",
            "",
            "| articles | passages | units | cold build s | warm load s | texts encoded (warm) "
            "| RSS MB | index MB | query p50 ms | p99 ms | p50 / p50(1) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in s["rows"]:
            w = row["warm"]
            q = w["latency"]["ask"]
            cold = row.get("cold_build_s")
            how = row.get("cold_build_how", "")
            note = {"extrapolated": " (extrapolated)", "measured": ""}.get(how, " (measured once)")
            cold_text = "–" if cold is None else f"{cold:.1f}{note}"
            lines.append(
                f"| {row['articles']} | {w['passages']} | {w['units']} | {cold_text} | "
                f"{w['build_s']:.2f} | {w['texts_encoded']} | {w['rss_mb']:.0f} | "
                f"{w['index_rss_mb']:.0f} | {q['p50_ms']:.2f} | {q['p99_ms']:.2f} | "
                f"{row['p50_vs_first']:.2f} |"
            )
        lines += [
            "",
            "Where a question's time goes (p50 ms, each piece timed alone):",
            "",
            "| articles | encode question | dense search | BM25 | speaker names in question |",
            "|---:|---:|---:|---:|---:|",
        ]
        for row in s["rows"]:
            lat = row["warm"]["latency"]
            pp = lat.get("parts")
            if not pp:
                continue
            lines.append(
                f"| {row['articles']} | {lat['encode']['p50_ms']:.2f} | "
                f"{pp['dense_search']['p50_ms']:.2f} | {pp['bm25']['p50_ms']:.2f} | "
                f"{pp['speaker_names']['p50_ms']:.2f} |"
            )
        rate = s["rows"][-1].get("encode_texts_per_s")
        lines += [
            "",
            f"Encoding rate on this machine: {rate} texts/s. Target: p50 at the largest size "
            f"≤ {s['target_p50_factor']}× the one-article p50.",
            "",
        ]
    return "\n".join(lines)


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    s = results.get("scaling")
    if s:
        rows = s["rows"]
        n = [r["articles"] for r in rows]
        p50 = [r["warm"]["latency"]["ask"]["p50_ms"] for r in rows]
        p99 = [r["warm"]["latency"]["ask"]["p99_ms"] for r in rows]
        enc = [r["warm"]["latency"]["encode"]["p50_ms"] for r in rows]
        ax = axes[0][0]
        ax.plot(n, p50, "o-", label="ask p50")
        ax.plot(n, p99, "s--", label="ask p99")
        ax.plot(n, enc, "^:", label="encode p50 (model floor)")
        ax.axhline(2 * p50[0], color="grey", lw=0.8, label="target: 2 × p50 at 1 article")
        ax.set(xscale="log", yscale="log", xlabel="articles", ylabel="ms per question")
        ax.set_title("Query latency vs corpus size")
        ax.legend(fontsize=8)
        ax = axes[0][1]
        cold = [r.get("cold_build_s") for r in rows]
        warm = [r["warm"]["build_s"] for r in rows]
        ax.plot(n, cold, "o-", label="cold build (empty cache)")
        for x, y, r in zip(n, cold, rows, strict=True):
            if r.get("cold_build_how") == "extrapolated":
                ax.annotate(
                    "extrapolated", (x, y), fontsize=7, xytext=(4, -10), textcoords="offset points"
                )
        ax.plot(n, warm, "s--", label="warm start (cached vectors)")
        ax.set(xscale="log", yscale="log", xlabel="articles", ylabel="seconds")
        ax.set_title("Index build time")
        ax.legend(fontsize=8)
        ax = axes[1][0]
        ax.plot(n, [r["warm"]["rss_mb"] for r in rows], "o-", label="process RSS")
        ax.plot(n, [r["warm"]["index_rss_mb"] for r in rows], "s--", label="RSS added by index")
        ax.plot(n, [r["warm"]["vectors_mb"] for r in rows], "^:", label="vector matrix")
        ax.set(xscale="log", xlabel="articles", ylabel="MB")
        ax.set_title("Memory")
        ax.legend(fontsize=8)
    t = results.get("throughput")
    if t:
        ax = axes[1][1]
        for threads in sorted({r["torch_threads"] for r in t["rows"]}):
            rs = [r for r in t["rows"] if r["torch_threads"] == threads]
            ax.plot(
                [r["workers"] for r in rs],
                [r["qps"] for r in rs],
                "o-",
                label=f"torch threads = {threads}",
            )
        ax.set(xscale="log", xlabel="concurrent workers", ylabel="questions / s")
        ax.set_xticks([1, 2, 4, 8], labels=["1", "2", "4", "8"])
        ax.set_title("Throughput, one shared Engine")
        ax.legend(fontsize=8)
    m = results["machine"]
    fig.suptitle(f"articlebot retrieval — {m['nproc']} CPU(s), {m['cpu']}, no GPU", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1,10,100; fewer repeats")
    parser.add_argument("--sizes", help="comma-separated article counts (default 1,10,100,1000)")
    parser.add_argument("--cold-max", type=int, default=100)
    parser.add_argument("--only", help="comma-separated: cold_start,latency,throughput,scaling")
    parser.add_argument("--publish", action="store_true", help="copy outputs to docs/bench/")
    parser.add_argument(
        "--render", action="store_true", help="only redraw the outputs from results.json"
    )
    args = parser.parse_args(argv)
    if args.render:
        results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        finish(results, args.publish)
        return results
    only = set(args.only.split(",")) if args.only else None
    sizes = args.sizes or ("1,10,100" if args.quick else "1,10,100,1000")
    started = time.perf_counter()
    previous = OUT / "results.json"
    results: dict = {}
    if only and previous.is_file():  # a partial run updates the last full one
        results = json.loads(previous.read_text(encoding="utf-8"))
    results |= {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_before": load_average(),
    }

    def wanted(name: str) -> bool:
        return only is None or name in only

    if wanted("cold_start"):
        print("== cold start", flush=True)
        results["cold_start"] = cold_start.run(repeat=2 if args.quick else 3)
        cold_start.print_table(results["cold_start"])
    if wanted("latency"):
        print("== warm latency: Engine.ask vs encode", flush=True)
        results["latency"] = latency.main(["--rounds", "1" if args.quick else "2"])
    if wanted("throughput"):
        print("== throughput", flush=True)
        results["throughput"] = throughput.main(["--questions", "80" if args.quick else "200"])
    if wanted("scaling"):
        print("== scaling", flush=True)
        results["scaling"] = scaling.main(["--sizes", sizes, "--cold-max", str(args.cold_max)])
    results["load_after"] = load_average()
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    write_json(OUT / "results.json", results)
    finish(results, args.publish)
    return results


def finish(results: dict, publish: bool) -> None:
    (OUT / "results.md").write_text(markdown(results) + "\n", encoding="utf-8")
    plot(results, OUT / "scaling.png")
    print(f"wrote {OUT / 'results.json'}, {OUT / 'results.md'}, {OUT / 'scaling.png'}")
    if publish:
        DOCS.mkdir(parents=True, exist_ok=True)
        for name in ("results.json", "results.md", "scaling.png"):
            shutil.copy(OUT / name, DOCS / name)
        print(f"published to {DOCS}")


if __name__ == "__main__":
    main()
