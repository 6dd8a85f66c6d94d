"""Turn hand-made text-form gold into the committed offsets-only form.

Annotators write ``{"article", "quotes": [{"paragraph", "quote", "speaker"}], "speakers"}`` with
the quoted words copied from the article. Published text stays out of git, so the committed gold
(``eval/real/gold/<split>/<id>.json``) keeps only character offsets into the rebuilt text,
paragraph numbers and names; annotators' free-text notes are dropped for the same reason.

    python3 eval/real/gold_offsets.py --text /work/real/text --gold-text /work/real/gold_text
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def convert(article_id: str, text: str, gold: dict) -> dict:
    """The offsets form of one article's gold (raises ValueError where a quote is not found)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    cursor: dict[int, int] = {}
    quotes = []
    for item in gold["quotes"]:
        number = int(item["paragraph"])
        line = lines[number - 1]
        at = line.find(item["quote"], cursor.get(number, 0))
        if at < 0:
            at = line.find(item["quote"])  # annotated out of order within the paragraph
        if at < 0:
            raise ValueError(f"{article_id}: quote not in paragraph {number}")
        cursor[number] = at + len(item["quote"])
        start = starts[number - 1] + at
        quotes.append(
            {
                "paragraph": number,
                "start": start,
                "end": start + len(item["quote"]),
                "speaker": item["speaker"],
            }
        )
    return {
        "article": article_id,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "quotes": quotes,
        "speakers": {
            name: {"kind": info.get("kind", "person"), "aliases": info.get("aliases", [])}
            for name, info in gold.get("speakers", {}).items()
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, required=True, help="folder of rebuilt <id>.txt")
    parser.add_argument("--gold-text", type=Path, required=True, help="folder of text-form gold")
    parser.add_argument("--out", type=Path, default=HERE / "gold")
    args = parser.parse_args()
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        source = args.gold_text / f"{entry['id']}.json"
        if not source.is_file():
            print(f"{entry['id']}: no gold yet", file=sys.stderr)
            continue
        text = (args.text / f"{entry['id']}.txt").read_text(encoding="utf-8")
        out = convert(entry["id"], text, json.loads(source.read_text(encoding="utf-8")))
        if out["sha256"] != entry["sha256"]:
            print(f"{entry['id']}: text differs from the manifest; rebuild it", file=sys.stderr)
            return 1
        target = args.out / entry["split"] / f"{entry['id']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{entry['id']}: {len(out['quotes'])} quotes -> {target.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
