"""The CLI harness: the exact interface of `python -m retrieval`, JSON shapes and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval.cli import main
from tests.conftest import ROOT, SEEDS, TEST_ARTICLES

pytestmark = pytest.mark.model


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, cache_dir: Path, model_encoder) -> None:
    monkeypatch.setenv("ARTICLEBOT_CACHE_DIR", str(cache_dir))
    monkeypatch.delenv("ARTICLEBOT_SEEDS", raising=False)
    monkeypatch.delenv("ARTICLEBOT_MODEL", raising=False)


def _json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_ask_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What was agreed?", "--json", "--top", "4"]) == 0
    [obj] = _json_lines(capsys.readouterr().out)
    assert set(obj) == {"question", "abstained", "reason", "passages"}
    assert obj["reason"] is None  # answered: no reason to abstain
    assert obj["question"] == "What was agreed?"
    assert isinstance(obj["abstained"], bool)
    assert len(obj["passages"]) == 4
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    for p in obj["passages"]:
        assert set(p) == {"text", "article", "paragraph", "score", "speaker", "source"}
        assert p["text"] in text
        assert isinstance(p["paragraph"], int) and isinstance(p["score"], float)


def test_ask_human_output_shows_passage_and_place(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What was agreed?"]) == 0
    out = capsys.readouterr().out
    assert "paragraph" in out and "1." in out and "3." in out


def test_quote_and_speakers_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speakers", "--json", "--seeds", str(TEST_ARTICLES)]) == 0
    speakers = _json_lines(capsys.readouterr().out)[0]["speakers"]
    assert speakers
    name = speakers[0]["name"]
    assert main(["quote", name.lower(), "--json", "--seeds", str(TEST_ARTICLES)]) == 0
    [obj] = _json_lines(capsys.readouterr().out)
    assert obj["query"] == name.lower()
    assert obj["speaker"] == name
    assert len(obj["quotes"]) == speakers[0]["quotes"]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in TEST_ARTICLES.glob("*.txt")}
    for q in obj["quotes"]:
        assert set(q) >= {"text", "article", "paragraph", "speaker", "source"}
        assert q["speaker"] == name
        # The sentence's span: an exact slice of the article that holds the quoted words.
        sentence = texts[q["article"]][q["sentence_start"] : q["sentence_end"]]
        assert sentence == q["sentence"] and q["text"] in sentence
    assert main(["quote", "Zzyzx Nobody", "--json", "--seeds", str(TEST_ARTICLES)]) == 0
    [obj] = _json_lines(capsys.readouterr().out)
    assert obj["speaker"] is None and obj["quotes"] == []


def test_articles_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["articles", "--json"]) == 0
    [obj] = _json_lines(capsys.readouterr().out)
    assert len(obj["articles"]) == 1


def test_errors_are_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["ask", "   ", "--json"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert main(["ask", "anything", "--seeds", str(tmp_path / "missing")]) != 0
    err = capsys.readouterr().err
    assert "missing" in err and err.count("\n") == 1


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "retrieval", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )


def test_stdin_batch_prints_one_object_per_line_in_order() -> None:
    questions = ["What was agreed?", "", "How do I bake bread?", "Who spoke?"]
    proc = _run("ask", "-", "--json", stdin="\n".join(questions) + "\n")
    objs = _json_lines(proc.stdout)
    assert [o["question"] for o in objs] == [
        "What was agreed?",
        "",
        "How do I bake bread?",
        "Who spoke?",
    ]
    assert "error" in objs[1] and "Traceback" not in proc.stderr
    assert objs[2]["abstained"] is True
    assert proc.returncode == 1  # one line was refused
    proc = _run("quote", "-", "--json", "--seeds", str(TEST_ARTICLES), stdin="zzz\n")
    assert proc.returncode == 0
    assert _json_lines(proc.stdout)[0]["query"] == "zzz"


def test_no_seeds_is_one_clear_line_without_traceback(tmp_path: Path) -> None:
    proc = _run("ask", "hello", "--seeds", str(tmp_path))
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0
    assert "Traceback" not in proc.stderr and "No readable article" in proc.stderr


def test_ask_scoped_to_one_article(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["ask", "what did the minister say", "--json", "--seeds", str(TEST_ARTICLES)]
    assert main([*args, "--article", "nurse_shortage"]) == 0
    [obj] = _json_lines(capsys.readouterr().out)
    assert {p["article"] for p in obj["passages"]} == {"nurse_shortage"}
    assert main([*args, "--article", "nowhere"]) == 1
    assert "No article called “nowhere”" in capsys.readouterr().err
