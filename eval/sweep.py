"""Grid-search the ranking weights on tuning question sets (never on held-out ones).

Every question is asked of its own article loaded alone (as ``eval --each`` does); the engines
and the question embeddings are built once, then each grid point only re-ranks. Prints one line
per grid point: R@1, R@3 and abstentions for every labelled set, best mean R@1 first.

Usage::

    python eval/sweep.py --set real=/tmp/q_tune.jsonl:/work/real/text \
        --set seed=../shared/eval/dev_questions.jsonl:seeds \
        --grid lexical_weight=0.1,0.2,0.3 --grid whole_weight=0.6,0.7,0.8
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.config import Settings
from retrieval.embedding import shared_encoder
from retrieval.engine import Engine, RankingParams
from retrieval.evaluation import EvalReport, engines_per_article, evaluate, read_gold
from retrieval.library import Library


class MemoEncoder:
    """Wraps an encoder and remembers every text it encoded (questions repeat per grid point)."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts, *, progress: bool = False) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            for text, row in zip(todo, self.inner.encode(todo, progress=progress), strict=True):
                self.memo[text] = row
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, self.dim))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", required=True, help="LABEL=GOLD:SEEDS")
    parser.add_argument("--grid", action="append", default=[], help="FIELD=v1,v2,...")
    args = parser.parse_args()

    settings = Settings.from_env()
    encoder = MemoEncoder(shared_encoder(settings.model, settings.threads))
    sets: dict[str, list[tuple[Engine, list]]] = {}
    for spec in args.set:
        label, rest = spec.split("=", 1)
        gold_path, seeds = rest.rsplit(":", 1)
        gold = read_gold(Path(gold_path))
        library = Library.load(dataclasses.replace(settings, seeds_dir=Path(seeds)))
        sets[label] = list(
            engines_per_article(library, encoder, settings.cache_dir, gold, unscoped_on_all=True)
        )

    fields = [g.split("=", 1)[0] for g in args.grid]
    values = [[float(v) for v in g.split("=", 1)[1].split(",")] for g in args.grid]
    rows = []
    for point in itertools.product(*values) if values else [()]:
        params = dataclasses.replace(RankingParams(), **dict(zip(fields, point, strict=True)))
        cells, r1s = [], []
        for label, runs in sets.items():
            total = EvalReport()
            for engine, items in runs:
                engine.params = params
                total.merge(evaluate(engine, items))
            r1s.append(total.recall_at_1)
            cells.append(
                f"{label} {total.recall_at_1:.3f}/{total.recall_at_3:.3f} "
                f"abst {total.unanswerable - len(total.wrongly_answered)}/{total.unanswerable} "
                f"wrong {len(total.wrongly_abstained)}/{total.answerable}"
            )
        desc = " ".join(f"{f}={v:g}" for f, v in zip(fields, point, strict=True))
        rows.append((float(np.mean(r1s)), f"{desc:40s} | " + " | ".join(cells)))
    for _, line in sorted(rows, key=lambda r: -r[0]):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
