"""articlebot's retrieval core: articles in, verbatim passages, quotations and speakers out.

The public API, importable from here: `Engine` (questions, quotes, speakers, articles; loads the
model), `Library` (the same without the model: quotes, speakers, articles), `check_claim`,
`add_article`, the result types and the user-displayable errors. `Engine`, `check_claim` and
`add_article` are imported on first use, so ``import retrieval`` stays light (the model-free CLI
commands never import sentence-transformers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from retrieval.errors import (
    ArticlebotError,
    ArticleLoadError,
    InvalidQuestion,
    InvalidSpeakerQuery,
    ModelLoadError,
    NoArticles,
    UnknownArticle,
)
from retrieval.models import (
    Answer,
    ArticleInfo,
    Attribution,
    Paragraph,
    ParagraphKind,
    Passage,
    Quote,
    QuoteResult,
    Speaker,
)

if TYPE_CHECKING:
    from retrieval.claims import Verdict, check_claim
    from retrieval.engine import Engine
    from retrieval.ingest import AddError, add_article
    from retrieval.library import Library

_LAZY = {
    "Engine": "retrieval.engine",
    "Library": "retrieval.library",
    "check_claim": "retrieval.claims",
    "Verdict": "retrieval.claims",
    "add_article": "retrieval.ingest",
    "AddError": "retrieval.ingest",
}

__all__ = [
    "AddError",
    "Answer",
    "ArticleInfo",
    "ArticleLoadError",
    "ArticlebotError",
    "Attribution",
    "Engine",
    "InvalidQuestion",
    "InvalidSpeakerQuery",
    "Library",
    "ModelLoadError",
    "NoArticles",
    "Paragraph",
    "ParagraphKind",
    "Passage",
    "Quote",
    "QuoteResult",
    "Speaker",
    "UnknownArticle",
    "Verdict",
    "add_article",
    "check_claim",
]


def __getattr__(name: str) -> Any:
    """The heavier parts of the API, imported when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
