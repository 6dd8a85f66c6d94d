"""Rebuild the cleaned texts of the real-news development set from fetched repositories.

Each entry of ``manifest.json`` names a public GitHub repository, a commit and a path to a
saved copy of a published news article (an expected-extraction test fixture). This script
reads that file from the locally fetched bare git repository, cleans it into one paragraph
per line, drops the listed boilerplate lines, writes ``<out>/<id>.txt`` and checks the
SHA-256 recorded in the manifest.

Usage::

    python3 eval/real/rebuild.py --mirror-root /work/.mirror --out /work/real/text

Standard library only, except the ``html-trafilatura`` format, which needs the project's
pinned ``trafilatura`` (run it with the project's virtualenv). The published texts
themselves are never stored in git.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

MANIFEST = Path(__file__).resolve().parent / "manifest.json"
_SPACE_RUN = re.compile(r"[ \t]+")


def _git_dir_candidates(folder: Path) -> list[Path]:
    """List places a bare git directory may sit in: the folder, its children, then deeper."""
    shallow = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]
    deep = sorted(p.parent for p in folder.rglob("HEAD") if p.parent not in shallow)
    return shallow + deep


def find_git_dir(mirror_root: Path, repo: str) -> Path | None:
    """Return the bare git directory for ``owner/name`` under ``mirror_root``, if any."""
    prefix = repo.replace("/", "+")
    for folder in sorted(mirror_root.glob(prefix + "*")):
        if not folder.is_dir():
            continue
        for cand in _git_dir_candidates(folder):
            if (cand / "objects").is_dir() and (cand / "HEAD").is_file():
                return cand
    return None


def git_show(git_dir: Path, commit: str, path: str) -> bytes:
    """Return the bytes of ``path`` at ``commit`` in the bare repository ``git_dir``."""
    result = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        capture_output=True,
        check=True,
    )
    return result.stdout


def raw_text(data: bytes, fmt: str) -> str:
    """Decode the source file and return the article text it holds."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)  # a page saved gzipped ("page.html.gz")
    text = data.decode("utf-8")
    if fmt == "text":
        return text
    if fmt == "goose-json":
        return str(json.loads(text)["expected"]["cleaned_text"])
    if fmt == "html-trafilatura":
        # A saved web page: its text as `python -m retrieval add PAGE` would extract it (the
        # project's pinned trafilatura; headline dropped), so run this with the project's venv.
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        from retrieval.ingest import extract

        return extract(data, "text/html")[0]
    raise ValueError(f"unsupported format: {fmt}")


def split_paragraphs(text: str, join_wrapped: bool) -> list[str]:
    """Split text into stripped, non-empty paragraphs with spaces and tabs collapsed.

    Without ``join_wrapped`` every non-blank line is a paragraph. With it, consecutive
    non-blank lines are joined with a space and blank lines separate paragraphs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    if not join_wrapped:
        return [line for line in lines if line]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def clean(data: bytes, entry: dict[str, Any]) -> str:
    """Return the final cleaned text (one paragraph per line, trailing newline)."""
    paragraphs = split_paragraphs(
        raw_text(data, entry["format"]), bool(entry.get("join_wrapped", False))
    )
    drop = set(entry.get("drop", []))
    kept = [p for i, p in enumerate(paragraphs, start=1) if i not in drop]
    return "\n".join(kept) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rebuild every article in the manifest; return a non-zero status on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror-root", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=Path("/work/real/text"))
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    args = parser.parse_args(argv)

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in manifest["articles"]]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        # Two entries with one id would write one text over the other.
        print(f"DUPLICATE ids in the manifest: {', '.join(repeated)}")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    missing: set[str] = set()
    for entry in manifest["articles"]:
        art_id, repo = entry["id"], entry["repo"]
        git_dir = find_git_dir(args.mirror_root, repo)
        if git_dir is None:
            print(f"MISSING {art_id}: repository {repo} not found under {args.mirror_root}")
            missing.add(repo)
            failures += 1
            continue
        try:
            data = git_show(git_dir, entry["commit"], entry["path"])
        except subprocess.CalledProcessError as exc:
            err = exc.stderr.decode("utf-8", "replace").strip()
            print(f"MISSING {art_id}: cannot read {entry['commit']}:{entry['path']} ({err})")
            missing.add(repo)
            failures += 1
            continue
        text = clean(data, entry)
        encoded = text.encode("utf-8")
        (args.out / f"{art_id}.txt").write_bytes(encoded)
        digest = hashlib.sha256(encoded).hexdigest()
        if digest == entry.get("sha256"):
            print(f"OK       {art_id}")
        else:
            print(f"MISMATCH {art_id}: got {digest}, expected {entry.get('sha256')}")
            failures += 1
    for repo in sorted(missing):
        print(f"Fetch the repository first, e.g. with the fetch tool: source 'github:{repo}'")
    if failures:
        print(f"{failures} problem(s)")
        return 1
    print(f"all {len(manifest['articles'])} articles OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
