"""The retrieval engine: loads the articles once, answers questions and speaker queries.

`Engine.load(settings)` reads the seeds folder, extracts quotations and speakers, and builds the
passage index (model loaded once per process, embeddings cached on disk). Its methods are what the
CLI harness and the bot call; they are thread-safe for concurrent readers (the index is immutable
and the encoder serialises its own calls).

Ranking, for a question:
1. dense: cosine similarity of the question with each passage's whole text and its best sentence
   window, blended;
2. lexical: BM25 over the passages, scaled by the best match (saturating, so that a weak best
   match counts less than a strong one);
3. evidence the article offers: a question that names a quoted speaker prefers the passages where
   that speaker speaks or is named, and a key point (a summary) yields to the body paragraph
   that gives the detail;
4. abstention: when the best dense similarity, helped by how much of the question's vocabulary the
   article uses at all, stays under a calibrated threshold, the answer says the article does not
   answer, and the passages are only the nearest ones.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.answer_kind import AMOUNT, DURATION, MONEY, NUMBER, TIME, answer_kind, holds
from retrieval.articles import Article
from retrieval.config import Settings
from retrieval.embedding import Encoder, shared_encoder
from retrieval.errors import ArticleLoadError, InvalidSpeakerQuery, UnknownArticle
from retrieval.index import PassageIndex
from retrieval.library import Library
from retrieval.mentions import country_roles, located_countries, question_names
from retrieval.models import (
    Answer,
    ArticleInfo,
    Attribution,
    ParagraphKind,
    Passage,
    QuoteResult,
    Speaker,
)
from retrieval.question import MAX_QUESTION_CHARS, clean_question
from retrieval.quotes import ROLE_CLASS
from retrieval.quotes.phrases import is_title
from retrieval.quotes.tokens import strip_possessive
from retrieval.speakers import SpeakerDirectory, name_match_key
from retrieval.text import content_tokens, fold

__all__ = ["MAX_QUESTION_CHARS", "Engine", "RankingParams"]

log = logging.getLogger(__name__)

# The figures a question may ask for that a passage must state, as the abstention names them.
_FIGURES = {
    MONEY: "amount of money",
    NUMBER: "number",
    DURATION: "length of time",
    TIME: "date or time",
}

DEFAULT_TOP_K = 3
MAX_TOP_K = 10


@dataclass(frozen=True, slots=True)
class RankingParams:
    """Weights of the ranking; calibrated for all-MiniLM-L6-v2 (see README, "Ranking")."""

    whole_weight: float = 0.7  # dense = w * whole paragraph + (1 - w) * best sentence window
    lexical_weight: float = 0.3  # BM25 as score / (best score + 1): weak best matches count less
    key_point_penalty: float = 0.04  # key points summarise; the body paragraph holds the detail
    speaker_weight: float = 0.08  # the passage quotes or reports a speaker the question names
    speech_speaker_weight: float = 1.0  # "what did X say": X's passages first
    speech_topic_weight: float = 0.3  # "what did X say about Y": X's passages preferred
    mention_weight: float = 0.04  # the passage names that speaker
    kind_weight: float = 0.05  # "how much did it cost": passages that hold an amount of money
    coverage_weight: float = 0.1  # share of the question's words the article uses, for abstention
    abstain_below: float = 0.32  # far-off questions stay below it with 1 or 20 articles loaded
    silent_below: float = 0.4  # "what did X say about Y": X's closest passage to Y is this far
    # ... or X's passages are a little closer but their best sentence is far from Y itself (Y
    # encoded alone) and they share under half of Y's words:
    silent_whole_below: float = 0.55
    silent_topic_below: float = 0.4
    silent_overlap_below: float = 0.5
    figure_depth: float = 2  # how many best passages may hold the figure a question asks for
    figure_in_sentence: float = 1.0  # 1: the figure must be in a best passage's closest sentence
    confidence_best_weight: float = 0.3  # share of the best sentence window in the confidence


@dataclass(frozen=True, slots=True)
class Ranking:
    """Scores of every passage for one question (used by `ask` and by the evaluation)."""

    order: np.ndarray
    scores: np.ndarray
    confidence: float
    sims: np.ndarray
    speakers: tuple[str, ...] = ()  # quoted speakers the question names
    missing: tuple[str, ...] = ()  # names in the question the answering article never mentions
    silent: tuple[str, ...] = ()  # speakers asked about whose words never touch the topic
    unquoted: tuple[str, ...] = ()  # "what did X say" where X is named but never speaks
    no_figure: str | None = None  # the kind of figure asked for that no best passage holds


_SPEECH_QUESTION = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|claim\w*|argu\w*|warn\w*|react\w*|respon\w*"
    r"|comment\w*|describ\w*|call|called|calls|quot\w*|stat(?:e|ed|es|ing)|mention\w*"
    r"|explain\w*|admit\w*|insist\w*|promis\w*|vow\w*|urg\w*|criticiz\w*|criticis\w*"
    r"|accus\w*|defend\w*|opinion|opinions|think|thinks|thought|feel|feels|felt|stance)\b",
    re.IGNORECASE,
)


# "What did X say about Y": the topic Y, to compare with X's own sentences.
_ABOUT = re.compile(
    r"\b(?:say|says|said|think|feel|tell|told|describe|predict|claim|explain|warn)\b.*?"
    r"\babout\s+(.+?)[?.!]*$",
    re.IGNORECASE,
)


# "What did Robert De Niro say": a person's full name right after "did"/"does" (no "the").
_PERSON_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had|would|will|is|was)\s+"
    r"((?:[A-Z][a-z’'\-]+\s+){1,2}[A-Z][a-z’'\-]*(?:[A-Z][a-z’'\-]+)?)\b"  # "DiCaprio"
    r"(?=\s+[a-z])"  # the whole name: not "The Da Vinci" of "The Da Vinci Code claim"
)
# "What did Euronext say": one capitalised word (a company, a body) right before the speech verb.
_ONE_WORD_SUBJECT = re.compile(
    r"\b(?:did|does|has|have|had)\s+([A-Z][\w&.\-]*[A-Za-z])\s+"
    r"(?:say|tell|claim|predict|announce|report|warn|argue|think|reveal|respond)\b"
)
_RULED_OUT = 10.0  # ordering penalty for an article that doesn't mention the question's names


# "What did <subject> say about ...": the words between the auxiliary and the speech verb.
_ASKED_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had|would|will|is|was)\s+(?P<subject>.+?)\s+"
    r"(?:say|tell|think|feel|claim|argue|warn|describe|react|respond|explain|admit|write|"
    r"predict|reveal|complain|insist|call|mean|add|told|said)\b",
    re.IGNORECASE,
)


def _asked_speakers(
    question: str, named: set[str], directory: SpeakerDirectory
) -> tuple[set[str], set[str]]:
    """The speakers a question asks to hear from, and the speakers whose passages it favours.

    "What did X say about Y's plan" asks X, not Y. "What did Trump's lawyer say" asks the
    speaker the article describes as that lawyer, and Trump's own passages get no preference.
    """
    match = _ASKED_SUBJECT.search(question)
    if match is None:
        return set(named), set(named)
    subject = match.group("subject")
    in_subject = directory.named_in(subject) & named
    if _possessed_role(subject):
        described = directory.described_in(subject)
        if described:
            return described, (set(named) - in_subject) | described
    if len(named) < 2:
        return set(named), set(named)
    return in_subject or set(named), set(named)


def _owner_of_role(question: str, name: re.Match[str]) -> bool:
    """ "What did Florida's Republican Party chairman say": the capitalised words are the owner
    of the role that speaks, not the speaker."""
    following = re.findall(r"[\w-]+", question[name.end() :])[:3]
    return any(w.lower() in ROLE_CLASS for w in following)


# A role in lower case, then a name: "Great Britain captain Jeremy Bates" names Jeremy Bates.
_TITLED_NAME_AFTER = re.compile(
    r"\s+(?P<role>(?:[a-z][\w\-]*\s+){1,3})(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})"
)


def _asked_name(question: str) -> str | None:
    """The name a "what did X say" question asks to hear from, written as a name ("Robert De
    Niro", "Euronext"), its possessive off; None when there is none or it owns the role that
    speaks ("Florida's Republican Party chairman")."""
    subject = _PERSON_SUBJECT.search(question) or _ONE_WORD_SUBJECT.search(question)
    if subject is None or _owner_of_role(question, subject):
        return None
    name = subject.group(1)
    if strip_possessive(name) != name:
        return None  # "What did Gordon Brown's former adviser say": the adviser speaks
    titled = _TITLED_NAME_AFTER.match(question, subject.end())
    if titled is not None and all(
        w.lower() in ROLE_CLASS or is_title(w) for w in titled.group("role").split()
    ):
        return titled.group("name")  # "What did Great Britain captain Jeremy Bates say"
    return name


def _possessed_role(subject: str) -> bool:
    """Whether a question's subject is someone's role: "Trump's defense lawyer", "Microsoft's
    president" (the role holder speaks, not the owner)."""
    parts = re.split(r"[’']s\s+", subject, maxsplit=1)
    if len(parts) < 2:
        return False
    return any(w.lower() in ROLE_CLASS for w in re.findall(r"[\w-]+", parts[1])[:4])


# Offices a question may ask to hear from without naming anyone ("what did the mayor say"):
# an article that never mentions the office cannot answer it. Roles that a question tends to
# paraphrase (a "filmmaker" for a director of films, a "chief" for a chief executive) are left out.
_OFFICES = frozenset(
    """mayor minister ministry commissioner director department governor secretary ambassador
    chancellor premier president senator sheriff judge prosecutor""".split()
)


def asked_offices(question: str) -> list[str]:
    """The offices, written in lower case, of the speaker a question asks to hear from: "the
    mayor" in "What did the mayor of Mammoth say about ...", "ministry" in "How did Pakistan's
    foreign ministry respond"."""
    match = _ASKED_SUBJECT.search(question)
    if match is None:
        return []
    words = re.findall(r"[A-Za-z’'\-]+", match.group("subject"))
    return [
        w
        for i, w in enumerate(words)
        if w in _OFFICES
        # "state senator Scott Beason": the name that follows is checked as a name.
        and not (i + 1 < len(words) and words[i + 1][0].isupper())
    ]


_RESPONSE_QUESTION = re.compile(r"\b(?:react|respond)\w*", re.IGNORECASE)
_WHY_TOPIC = re.compile(r"\babout\s+(?:why|how|whether|what|when|where|who)\b", re.IGNORECASE)


def _asks_why(question: str) -> bool:
    """Whether the topic of "what did X say about Y" is a clause ("about why his workers
    left"): such a topic, compared alone, says too little to call X silent on it."""
    return _WHY_TOPIC.search(question) is not None


def _and_list(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _speech_verb(question: str) -> re.Match[str] | None:
    """The question's first word asking what someone said, thought or how they reacted; a
    capitalised word is a name ("Which bowl game will Ohio State play": not "state")."""
    return next(
        (m for m in _SPEECH_QUESTION.finditer(question) if m.group()[0].islower() or not m.start()),
        None,
    )


def asks_for_words(question: str) -> bool:
    """Whether a question asks what someone said, thinks or how they reacted."""
    return _speech_verb(question) is not None


def _named_before_speech(question: str, name: str) -> bool:
    """Whether the question names `name` before its speech verb, as the one speaking ("What did
    Keir Starmer say"), not after it as the one spoken of ("Who called on Keir Starmer to
    resign", "Which character is said to be based on Gary Heidnik")."""
    verb = _speech_verb(question)
    if verb is None:
        return True
    words = [w for w in re.findall(r"[\w'’-]+", name) if w[:1].isupper()]
    found = [
        m.start()
        for w in words
        for m in re.finditer(rf"\b{re.escape(w)}\b", question, flags=re.IGNORECASE)
    ]
    return not found or min(found) < verb.start()


def _best_first(scores: np.ndarray, top: int | None = None) -> np.ndarray:
    """Exactly ``np.argsort(-scores, kind="stable")[:top]`` (ties in passage order), but for a
    small `top` it partitions instead of sorting every passage."""
    negated = -scores
    if top is None or top <= 0 or 8 * top >= len(scores):
        return np.argsort(negated, kind="stable")[:top]
    kth = np.partition(negated, top - 1)[top - 1]  # the top-th best score, negated
    candidates = np.flatnonzero(negated <= kth)  # every tie at the boundary, in passage order
    if len(candidates) < top:  # NaN scores: let the full sort place them
        return np.argsort(negated, kind="stable")[:top]
    return candidates[np.argsort(negated[candidates], kind="stable")][:top]


class Engine:
    """A library of analysed articles plus the passage index and the model that rank them."""

    def __init__(
        self,
        library: Library,
        index: PassageIndex,
        encoder: Encoder,
        *,
        params: RankingParams | None = None,
    ) -> None:
        self.library = library
        self.index = index
        self.encoder = encoder
        self.params = params or RankingParams()
        # Everyone who speaks in each passage: the paragraph's attribution and every quotation,
        # and the source of each speaker's first quotation there (to show a passage as theirs).
        voices: dict[tuple[str, int], set[str]] = {}
        self._voice_source: dict[tuple[str, int, str], str | None] = {}
        for q in library.quotes:
            if q.speaker:
                voices.setdefault((q.article, q.paragraph), set()).add(q.speaker)
                self._voice_source.setdefault((q.article, q.paragraph, q.speaker), q.source)
        self._passage_speakers = [
            voices.get((p.article, p.number), set())
            | {s for s in [library.attribution(p.article, p.number).speaker] if s}
            | set(library.attribution(p.article, p.number).voices)
            for p in index.passages
        ]
        self._folded: list[str] | None = None  # passages folded, made on first need
        # Passages are indexed article by article: each passage's article and each article's span.
        self._article_ids = [a.id for a in library.articles]
        position = {a: k for k, a in enumerate(self._article_ids)}
        self._passage_article = np.fromiter(
            (position[p.article] for p in index.passages), dtype=np.int64, count=len(index)
        )
        self._article_span = [
            (
                int(np.searchsorted(self._passage_article, k, "left")),
                int(np.searchsorted(self._passage_article, k, "right")),
            )
            for k in range(len(self._article_ids))
        ]
        self._masks: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._speaker_words: dict[str, frozenset[str]] = {}
        self._voice_keys: set[str] | None = None
        self._voices_by_key: dict[str, set[str]] | None = None
        self._kinds: dict[str, np.ndarray] = {}  # answer kind -> passages that hold one
        self._key_points = np.fromiter(
            (p.kind is ParagraphKind.KEY_POINT for p in index.passages),
            dtype=np.float32,
            count=len(index.passages),
        )

    # ------------------------------------------------------------------ construction
    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        *,
        encoder: Encoder | None = None,
        progress: bool = False,
        params: RankingParams | None = None,
    ) -> Engine:
        """Read the seeds folder and build everything once. Raises NoArticles, ModelLoadError."""
        settings = settings or Settings.from_env()
        started = time.perf_counter()
        library = Library.load(settings)
        encoder = encoder or shared_encoder(settings.model, settings.threads)
        engine = cls.from_library(
            library, encoder, settings.cache_dir, progress=progress, params=params
        )
        log.info(
            "engine ready: %d article(s), %d passages, %d quotes, %d speakers in %.2fs",
            len(library.articles),
            len(engine.index),
            len(library.quotes),
            len(library.directory.speakers),
            time.perf_counter() - started,
        )
        return engine

    @classmethod
    def from_library(
        cls,
        library: Library,
        encoder: Encoder,
        cache_dir: Path | None,
        *,
        progress: bool = False,
        params: RankingParams | None = None,
    ) -> Engine:
        """Index an already analysed library's passages (embeddings from the cache if present)."""
        # Passages are indexed as written: prefixing "<speaker>: " to the embedded or BM25 text
        # was measured to cost R@3 on reworded questions (0.867 -> 0.800) and gain nothing.
        index = PassageIndex.build(library.articles, encoder, cache_dir, progress=progress)
        return cls(library, index, encoder, params=params)

    @property
    def directory(self) -> SpeakerDirectory:
        """The speaker directory of the loaded library."""
        return self.library.directory

    @property
    def load_errors(self) -> tuple[ArticleLoadError, ...]:
        """The articles that could not be loaded, and why."""
        return self.library.load_errors

    # ------------------------------------------------------------------ questions
    def rank(self, question: str, top: int | None = None, article: str | None = None) -> Ranking:
        """Score every passage for an already cleaned question.

        `order` lists every passage, best first; with `top`, only the `top` best (the same ones, in
        the same order, without sorting every passage).
        """
        p = self.params
        query = self.encoder.encode([question])[0]
        sims = self.index.similarities(query)
        whole = sims[self.index.offsets]
        best = np.maximum.reduceat(sims, self.index.offsets)
        scores = p.whole_weight * whole + (1 - p.whole_weight) * best

        tokens = content_tokens(question)
        lexical = self.index.lexical_scores(tokens)
        top_lexical = float(lexical.max()) if len(lexical) else 0.0
        if top_lexical > 0:
            scores = scores + p.lexical_weight * (lexical / (top_lexical + 1.0))
        scores = scores - p.key_point_penalty * self._key_points
        kind = answer_kind(question)
        if kind is not None and kind != TIME:
            # A span of time is ranked as any amount is (by the number it holds); whether the
            # best passages state a span decides abstention below.
            scores = scores + p.kind_weight * self._holding(AMOUNT if kind == DURATION else kind)

        # "What did X say (about Y)": X's own words, quoted or reported, come first (ranked by
        # Y); with a topic, strongly matching words of others can still come before them.
        # A speaker found by a description ("the creator of Fleabag") rather than by name is
        # less certain: their silence on the topic is not reason enough to abstain.
        by_name = self.directory.named_in(question, by_role=False)
        asked, named_speakers = _asked_speakers(
            question, by_name or self.directory.named_by_role(question), self.directory
        )
        if not by_name and asks_for_words(question):
            # "What did Yulia Tymoshenko say about Nato": a person the article only reports
            # (no quotation of theirs) is asked for all the same.
            voice = self._reported_voice(question)
            if voice is not None:
                by_name, asked, named_speakers = {voice}, {voice}, {voice}
        silent: list[str] = []  # named speakers whose words never touch the question's topic
        topic_best: np.ndarray | None = None  # each passage's best unit for the "about Y" part
        for name in named_speakers:
            speaks, named = self._speaker_masks(name)
            weight = p.speaker_weight
            if asks_for_words(question):
                topical = self._topic_tokens(tokens, name)
                weight = p.speech_topic_weight if topical else p.speech_speaker_weight
                if (
                    topical
                    and name in by_name
                    and not _asks_why(question)
                    and _named_before_speech(question, name)
                ):
                    shared = len(set(topical) & self._words_of(name)) / len(topical)
                    closest = float(whole[speaks].max(initial=-1.0))
                    if not shared and closest < p.silent_below:
                        silent.append(name)  # none of the topic's words, nor close in meaning
                    elif shared < p.silent_overlap_below and closest < p.silent_whole_below:
                        about = _ABOUT.search(question)
                        if about is not None and not content_tokens(about.group(1)):
                            about = None  # "what did he say about it": no topic to compare
                        if about is not None and topic_best is None:
                            topic_sims = self.index.similarities(
                                self.encoder.encode([about.group(1)])[0]
                            )
                            topic_best = np.maximum.reduceat(topic_sims, self.index.offsets)
                        if topic_best is not None and (
                            float(topic_best[speaks].max(initial=-1.0)) < p.silent_topic_below
                        ):
                            silent.append(name)  # no sentence of theirs is close to the topic
            scores = scores + weight * speaks + p.mention_weight * named

        # Names the question uses that an article never mentions rule that article out.
        names = question_names(question)
        offices = [(office, content_tokens(office)) for office in asked_offices(question)]
        countries = country_roles(question)
        places = located_countries(question)
        missing = {
            article: tuple(n for n in names if not self.library.names[article].mentions(n))
            + tuple(
                f"a {office}"
                for office, stems in offices
                if not set(stems) & self.index.vocabularies.get(article, frozenset())
            )
            + tuple(
                phrase
                for country, phrase in countries
                if not self.library.names[article].mentions_country(country)
            )
            + tuple(
                place
                for place in places
                if not self.library.names[article].mentions(place)
                and not self.library.names[article].mentions_country(place)
            )
            for article in self._article_ids
        }
        asked_name = _asked_name(question)
        # "How did Microsoft respond": declining to comment is a response, not a quotation.
        wants_words = asks_for_words(question) and not _RESPONSE_QUESTION.search(question)
        unquoted = self._never_quoted(asked_name) if asked_name and wants_words else []
        ordering = scores
        unfit = np.array([bool(missing[a]) for a in self._article_ids])
        if article is not None:  # the asker chose one article: only its passages
            unfit = np.array([a != article for a in self._article_ids])
            ordering = scores - _RULED_OUT * unfit[self._passage_article]
        elif names and unfit.any() and not unfit.all():
            ordering = scores - _RULED_OUT * unfit[self._passage_article]
        order = _best_first(ordering, top)
        no_figure = None
        if kind in _FIGURES and len(order):
            holding = self._holding(kind)
            first = self._passage_article[order[0]]
            depth = int(p.figure_depth)
            leading = [i for i in order[:depth] if self._passage_article[i] == first]
            if p.figure_in_sentence:
                found = any(holds(self._closest_sentence(i, sims), kind) for i in leading)
            else:
                found = any(holding[i] for i in leading)
            if not found:
                no_figure = kind  # "how much did it cost": none of the best passages says

        # Confidence is the answering article's own: its best whole-paragraph similarity and the
        # share of the question's words it uses, whatever other articles are loaded.
        article = int(self._passage_article[order[0]]) if len(order) else 0
        lo, hi = self._article_span[article]
        vocabulary = self.index.vocabularies.get(self._article_ids[article], frozenset())
        coverage = sum(t in vocabulary for t in tokens) / len(tokens) if tokens else 0.0
        cb = p.confidence_best_weight
        closeness = (1 - cb) * whole[lo:hi] + cb * best[lo:hi]
        confidence = float(closeness.max()) + p.coverage_weight * coverage if hi > lo else 0.0
        return Ranking(
            order=order,
            scores=scores,
            confidence=confidence,
            sims=sims,
            speakers=tuple(sorted(named_speakers)),
            missing=missing.get(self._article_ids[article], ()) if self._article_ids else (),
            silent=tuple(s for s in silent if s in asked) if asked <= set(silent) else (),
            unquoted=tuple(unquoted),
            no_figure=no_figure,
        )

    def _closest_sentence(self, i: int, sims: np.ndarray) -> str:
        """The text of passage `i`'s sentence closest to the question (the passage if one)."""
        passage = self.index.passages[i]
        span = self.index.best_sentence(i, sims)
        if span is None:
            return passage.text
        return passage.text[span[0] - passage.start : span[1] - passage.start]

    def _holding(self, kind: str) -> np.ndarray:
        """1.0 for each passage that holds an answer of that kind (built once per kind)."""
        if kind not in self._kinds:
            self._kinds[kind] = np.fromiter(
                (holds(p.text, kind) for p in self.index.passages),
                dtype=np.float32,
                count=len(self.index.passages),
            )
        return self._kinds[kind]

    def ask(self, question: str, top_k: int = DEFAULT_TOP_K, article: str | None = None) -> Answer:
        """Best passages for a question (of one article, when given), or an abstention with the
        nearest ones. Raises InvalidQuestion, UnknownArticle."""
        cleaned = clean_question(question)
        if article is not None and article not in self._article_ids:
            known = ", ".join(self._article_ids[:10])
            raise UnknownArticle(f"No article called “{article}” is loaded (try: {known}).")
        top_k = max(1, min(int(top_k), MAX_TOP_K))
        ranking = self.rank(cleaned, top=top_k, article=article)
        reason = None
        if ranking.missing:
            reason = f"The article doesn't mention {_and_list(ranking.missing)}."
        elif ranking.unquoted:
            reason = (
                f"The article names {_and_list(ranking.unquoted)} but reports nothing they said."
            )
        elif ranking.silent:
            quoted = {sp.name for sp in self.directory.speakers}
            verb = "quotes" if set(ranking.silent) & quoted else "reports"
            reason = (
                f"The article {verb} {_and_list(ranking.silent)}, but not on this; "
                "the closest passages follow."
            )
        elif ranking.no_figure is not None:
            what = _FIGURES[ranking.no_figure]
            reason = f"The article gives no {what} for this; the closest passages follow."
        elif ranking.confidence < self.params.abstain_below:
            reason = "Nothing in the article answers this closely enough."
        order = [int(i) for i in ranking.order[:top_k]]
        if article is not None:
            order = [i for i in order if self.index.passages[i].article == article]
        # Several articles answering: each article's passages together, best article first.
        first_seen = {}
        for i in order:
            first_seen.setdefault(self.index.passages[i].article, len(first_seen))
        order.sort(key=lambda i: first_seen[self.index.passages[i].article])
        passages = tuple(
            self._passage(i, float(ranking.scores[i]), ranking.sims, ranking.speakers)
            for i in order
        )
        return Answer(
            question=cleaned, abstained=reason is not None, passages=passages, reason=reason
        )

    def _passage(
        self, i: int, score: float, sims: np.ndarray, asked_about: Sequence[str] = ()
    ) -> Passage:
        para = self.index.passages[i]
        attribution = self.library.attribution(para.article, para.number)
        # A passage where the speaker the question names speaks is shown as theirs.
        for name in asked_about:
            if name != attribution.speaker and name in self._passage_speakers[i]:
                source = self._voice_source.get((para.article, para.number, name))
                attribution = Attribution(name, source)
                break
        return Passage(
            text=para.text,
            article=para.article,
            paragraph=para.number,
            start=para.start,
            end=para.end,
            score=score,
            kind=para.kind,
            heading=para.heading,
            speaker=attribution.speaker,
            source=attribution.source,
            highlight=self.index.best_sentence(i, sims),
        )

    # ------------------------------------------------------------------ speakers and quotes
    def _topic_tokens(self, tokens: list[str], name: str) -> list[str]:
        """The question's content words that are neither the speaker's names nor speech words."""
        own: set[str] = set(content_tokens(name))
        for speaker in self.directory.speakers:
            if speaker.name == name:
                for alias in speaker.aliases:
                    own.update(content_tokens(alias))
        return [t for t in tokens if t not in own and not asks_for_words(t)]

    def _never_quoted(self, name: str) -> list[str]:
        """[name] when a person the question asks to hear from is named in the articles but
        neither quoted nor reported anywhere (no speaker, no attribution, by any spelling)."""
        if len(name.split()) > 3 or not any(n.mentions(name) for n in self.library.names.values()):
            return []
        try:
            match = self.directory.match(name)
        except InvalidSpeakerQuery:
            return []
        if match.speaker or match.choices:
            return []
        if self._voice_keys is None:  # every speaker's surname key, made once
            self._voice_keys = {
                key.split()[-1]
                for voices in self._passage_speakers
                for key in map(name_match_key, voices)
                if key  # a voice whose name has no letters left ("—") has no surname
            }
        key = name_match_key(name).split()[-1:]
        return [] if set(key) & self._voice_keys else [name]

    def _reported_voice(self, question: str) -> str | None:
        """The one voice of the passages (a speaker of reported speech included) whose name
        is the person a "what did X say" question asks to hear from."""
        name = _asked_name(question)
        key = name_match_key(name) if name else ""
        if not key:
            return None
        if self._voices_by_key is None:  # every voice by its full name key, made once
            self._voices_by_key = {}
            for voices in self._passage_speakers:
                for voice in voices:
                    self._voices_by_key.setdefault(name_match_key(voice), set()).add(voice)
        found = self._voices_by_key.get(key, set())
        return next(iter(found)) if len(found) == 1 else None

    def _words_of(self, name: str) -> frozenset[str]:
        """Every content word of the passages where a speaker speaks (memoised per name)."""
        words = self._speaker_words.get(name)
        if words is None:
            speaks, _named = self._speaker_masks(name)
            found: set[str] = set()
            for i in np.flatnonzero(speaks):
                found.update(content_tokens(self.index.passages[int(i)].text))
            words = self._speaker_words[name] = frozenset(found)
        return words

    def _speaker_masks(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Passages where a speaker speaks, and passages that name them (memoised per name)."""
        masks = self._masks.get(name)
        if masks is None:
            aliases = {fold(name)}
            for speaker in self.directory.speakers:
                if speaker.name == name:
                    aliases.update(fold(a) for a in speaker.aliases)
            speaks = np.fromiter((name in s for s in self._passage_speakers), dtype=bool)
            if self._folded is None:
                self._folded = [fold(p.text) for p in self.index.passages]
            named = np.fromiter(
                (any(a in text for a in aliases) for text in self._folded), dtype=bool
            )
            masks = self._masks[name] = (speaks, named)
        return masks

    def quote(self, query: str) -> QuoteResult:
        """Every quotation of the speaker a query names, in article order."""
        return self.library.quote(query)

    def speakers(self) -> tuple[Speaker, ...]:
        """Every quoted speaker, most quoted first."""
        return self.library.speakers()

    def suggest_speakers(self, text: str, limit: int = 25) -> list[str]:
        """Speaker names for autocomplete, best first."""
        return self.library.suggest_speakers(text, limit=limit)

    # ------------------------------------------------------------------ articles
    @property
    def article_list(self) -> tuple[Article, ...]:
        """The loaded articles of the library."""
        return self.library.articles

    def articles(self) -> tuple[ArticleInfo, ...]:
        """Title, key points and counts of each article."""
        return self.library.infos()
