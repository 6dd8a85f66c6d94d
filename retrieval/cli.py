"""The local CLI harness: ``python -m retrieval ask|quote|speakers|articles|add|eval|eval-quotes``.

It exposes the whole core for testing and scripting. Only ``ask`` and ``eval`` load the model;
``quote``, ``speakers``, ``articles`` and ``eval-quotes`` answer from the analysed articles
alone. With ``--json`` every result is one JSON object on one line; with ``-`` in place of the
question or speaker, one query is read per stdin line and one JSON object is printed per line,
in order, with the model loaded once.
Errors print one line to stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from retrieval.config import Settings
from retrieval.errors import ArticlebotError

log = logging.getLogger(__name__)

EXIT_USAGE = 2
EXIT_ERROR = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m retrieval",
        description="Answer questions about the articles in a seeds folder by quoting them.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], text: str) -> Any:
        """Add a subcommand with the shared --seeds and --json options; return its parser."""
        p = sub.add_parser(name, help=text)
        p.add_argument("--seeds", type=Path, help="folder of *.txt articles (default: seeds/)")
        p.add_argument("--json", action="store_true", help="print JSON, one object per line")
        p.set_defaults(func=func)
        return p

    ask = command("ask", _ask, "best passages for a question ('-': one per stdin line)")
    ask.add_argument("question")
    ask.add_argument("--top", type=int, default=3, metavar="K", help="passages to return (1-10)")
    ask.add_argument("--article", metavar="ID", help="answer from this article only (its id)")
    quote = command("quote", _quote, "a speaker's quotations ('-': one per stdin line)")
    quote.add_argument("speaker")
    command("speakers", _speakers, "who is quoted, with roles and counts")
    command("articles", _articles, "the articles, key points and counts")
    ev = command("eval", _eval, "R@1, R@3, MRR and abstention on a gold JSON-lines file")
    ev.add_argument("gold", type=Path)
    ev.add_argument(
        "--each",
        action="store_true",
        help="ask each question of its own article loaded alone, beside two plain baselines",
    )
    add = command("add", _add, "add an article from a link, a saved page or a text file")
    add.add_argument("source", help="an http(s) URL, a .html page or a .txt file")
    evq = command(
        "eval-quotes", _eval_quotes, "precision and recall of quotations and speakers on gold"
    )
    evq.add_argument("gold", type=Path, help="a gold JSON file or a folder of them")
    return parser


def _settings(seeds: Path | None) -> Settings:
    base = Settings.from_env()
    if seeds is None:
        return base
    return dataclasses.replace(base, seeds_dir=seeds)


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _wrap(text: str, indent: str = "   ") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _print_answer(answer: Any) -> None:
    print(f"Q: {answer.question}")
    if answer.abstained:
        print("The article doesn't say. Nearest passages, for what they are worth:")
    for n, p in enumerate(answer.passages, start=1):
        where = f"{p.article}, paragraph {p.paragraph}"
        print(f"\n{n}. [{where}] score {p.score:.3f}")
        print(_wrap(p.text))
        who = ", ".join(x for x in (p.speaker, p.source) if x)
        if who:
            print(f"   — {who}")


def _print_quotes(result: Any) -> None:
    if result.speaker is None:
        if result.choices:
            print(f"“{result.query}” matches several speakers: {', '.join(result.choices)}.")
        else:
            print(f"Nobody called “{result.query}” is quoted.")
        print(f"Quoted speakers: {', '.join(result.available) or 'none'}.")
        return
    print(f"{result.speaker}: {len(result.quotes)} quotation(s)")
    for q in result.quotes:
        print(f"\n[{q.article}, paragraph {q.paragraph}]")
        print(_wrap(f"“{q.text}”"))
        if q.source:
            print(f"   — {q.source}")


def _batch(lines: Iterable[str], run: Callable[[str], dict[str, Any]], key: str) -> int:
    status = 0
    for line in lines:
        query = line.rstrip("\r\n")
        try:
            _emit(run(query))
        except ArticlebotError as exc:
            _emit({key: query, "error": str(exc)})
            status = EXIT_ERROR
    return status


def _engine(args: argparse.Namespace) -> Any:
    from retrieval.engine import Engine  # heavy (the model): only for ask and eval

    engine = Engine.load(_settings(args.seeds), progress=True)
    _warn_skipped(engine.library)
    return engine


def _library(args: argparse.Namespace) -> Any:
    from retrieval.library import Library  # no model: quotes, speakers and articles

    library = Library.load(_settings(args.seeds))
    _warn_skipped(library)
    return library


def _warn_skipped(library: Any) -> None:
    for error in library.load_errors:
        print(f"warning: skipped {error}", file=sys.stderr)


def _ask(args: argparse.Namespace) -> int:
    top = args.top
    if not 1 <= top <= 10:
        raise ArticlebotError("--top must be between 1 and 10.")
    engine = _engine(args)
    if args.question == "-":
        return _batch(
            sys.stdin,
            lambda q: engine.ask(q, top_k=top, article=args.article).to_json(),
            "question",
        )
    answer = engine.ask(args.question, top_k=top, article=args.article)
    _emit(answer.to_json()) if args.json else _print_answer(answer)
    return 0


def _quote(args: argparse.Namespace) -> int:
    library = _library(args)
    if args.speaker == "-":
        return _batch(sys.stdin, lambda q: library.quote(q).to_json(), "query")
    result = library.quote(args.speaker)
    _emit(result.to_json()) if args.json else _print_quotes(result)
    return 0


def _speakers(args: argparse.Namespace) -> int:
    speakers = _library(args).speakers()
    if args.json:
        _emit({"speakers": [s.to_json() for s in speakers]})
        return 0
    for s in speakers:
        role = f", {s.role}" if s.role else ""
        names = f" (also: {', '.join(s.aliases)})" if s.aliases else ""
        print(f"{s.name}{role}: {s.quote_count} quotation(s){names}")
    return 0


def _articles(args: argparse.Namespace) -> int:
    infos = _library(args).infos()
    if args.json:
        _emit({"articles": [a.to_json() for a in infos]})
        return 0
    for a in infos:
        print(f"{a.title or a.id}: {a.paragraphs} paragraphs, {a.quotes} quotations")
        for point in a.key_points:
            print(_wrap(f"• {point}"))
        for problem in a.warnings:
            print(_wrap(f"warning: {problem}"))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from retrieval.evaluation import evaluate, evaluate_each_article, read_gold

    gold = read_gold(args.gold)
    baselines = []
    if args.each:
        from retrieval.embedding import shared_encoder

        settings = _settings(args.seeds)
        library = _library(args)
        encoder = shared_encoder(settings.model, settings.threads)
        report, baselines = evaluate_each_article(library, encoder, settings.cache_dir, gold)
    else:
        report = evaluate(_engine(args), gold)
    if args.json:
        _emit(report.to_json() | {"baselines": {b.name: b.to_json() for b in baselines}})
        return 0
    for question, got, want in report.misses:
        print(f"miss: {question!r} got {got} want {want}")
    for question in report.wrongly_abstained:
        print(f"abstained on answerable: {question!r}")
    for question in report.wrongly_answered:
        print(f"answered off-topic: {question!r}")
    print("\n".join(report.lines()))
    for baseline in baselines:
        print(baseline.line())
    return 0


def _eval_quotes(args: argparse.Namespace) -> int:
    from retrieval.quote_eval import evaluate_quotes, read_quote_gold

    library = _library(args)
    golds = read_quote_gold(args.gold, library.articles)
    report = evaluate_quotes(golds, library.quotes, library.articles, library.directory)
    if args.json:
        _emit(report.to_json())
        return 0
    for score in report.articles:
        for line in score.errors:
            print(f"{score.article}: {line}")
    for line in report.name_query_misses:
        print(f"name queries differ: {line}")
    print("\n".join(report.lines()))
    return 0


def _add(args: argparse.Namespace) -> int:
    from retrieval.ingest import add_article

    def progress(done: int, total: int | None) -> None:
        """Show on stderr how many kB are fetched so far (of the total when known)."""
        size = (
            f"{done / 1000:,.0f} of {total / 1000:,.0f} kB" if total else f"{done / 1000:,.0f} kB"
        )
        print(f"\rfetching… {size}", end="", file=sys.stderr, flush=True)

    allow = os.environ.get("ARTICLEBOT_ALLOW_PRIVATE_URLS", "").strip().lower() in _TRUE
    added = add_article(
        args.source, _settings(args.seeds).seeds_dir, allow_private=allow, progress=progress
    )
    print(file=sys.stderr)
    if args.json:
        _emit(
            {
                "id": added.id,
                "path": str(added.path),
                "title": added.title,
                "paragraphs": added.paragraphs,
            }
        )
    else:
        print(f"Added “{added.title or added.id}” as {added.path} ({added.paragraphs} paragraphs).")
    return 0


_TRUE = {"1", "true", "yes", "on"}


def run(argv: list[str] | None = None) -> int:
    """Parse the arguments and run one subcommand; returns the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Filter at the handler: some libraries (bm25s) set their own loggers to DEBUG.
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.INFO if args.verbose else logging.WARNING)
    return args.func(args)


def main(argv: list[str] | None = None) -> int:
    """The CLI entry point: errors become one line on stderr and a non-zero status."""
    try:
        return run(argv)
    except ArticlebotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
