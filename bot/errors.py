"""User-displayable errors of the bot layer.

Like `retrieval.errors`, every exception here has a friendly one-line `str(exc)`. Validation
errors of questions and speaker names reuse `retrieval.errors.InvalidQuestion` and
`InvalidSpeakerQuery`; only what the core cannot know about lives here.
"""

from __future__ import annotations

from retrieval.errors import ArticlebotError


class ConfigError(ArticlebotError):
    """A setting in the environment or `.env` is missing or malformed."""


class RateLimited(ArticlebotError):
    """The user asked too often; `retry_after` says in how many seconds they may ask again."""

    def __init__(self, retry_after: float, message: str) -> None:
        super().__init__(message)
        self.retry_after = retry_after
