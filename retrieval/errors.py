"""User-displayable errors of the retrieval core.

Every exception here carries a message fit to show a user as is (in the CLI or in Discord).
Anything else that escapes the core is a bug and is logged, never shown.
"""

from __future__ import annotations


class ArticlebotError(Exception):
    """Base class: `str(exc)` is a friendly, one-line message."""


class InvalidQuestion(ArticlebotError):
    """The question is empty, too long, or has nothing to search for."""


class InvalidSpeakerQuery(ArticlebotError):
    """The speaker name is empty or unusable."""


class NoArticles(ArticlebotError):
    """The seeds folder is missing or holds no readable article."""


class ArticleLoadError(ArticlebotError):
    """One article file could not be read (empty, not UTF-8, binary, too large)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelLoadError(ArticlebotError):
    """The sentence-transformers model could not be loaded from local files."""


class UnknownArticle(ArticlebotError):
    """A question was scoped to an article that is not loaded."""
