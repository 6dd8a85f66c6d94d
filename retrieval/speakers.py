"""The directory of quoted speakers: one entry per canonical name, and query matching.

`SpeakerDirectory.build` gathers every speaker quoted in a set of articles (with the role, kind and
names each article uses for them). `match` maps a user's query to one canonical speaker: exact,
case- and accent-insensitive, by surname, full name, title + surname or a transliteration variant
(Zelenskyy / Zelensky / Zelenskiy), then fuzzily (``putn`` -> Vladimir Putin). A query that fits
several speakers equally (``Trump`` with two Trumps quoted) returns no speaker and the choices.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from retrieval.articles import Article
from retrieval.errors import InvalidSpeakerQuery
from retrieval.models import Quote, Speaker
from retrieval.quotes import (
    ROLE_CLASS,
    ROLE_CLASSES,
    TITLE_WORDS,
    SpeakerProfile,
    name_key,
    speaker_profiles,
)
from retrieval.quotes.lexicon import HONORIFICS
from retrieval.quotes.tokens import strip_possessive
from retrieval.text import fold

MAX_QUERY_CHARS = 200
# Titles and forms of address as name keys ("mr", "dj", "barones"): words before a surname that
# are not a first name.
_TITLE_KEYS = frozenset(
    name_key(t)
    for t in (*TITLE_WORDS, *HONORIFICS, "lord", "lady", "baroness", "baron", "sir", "dame", "rev")
)
_FUZZY_MIN = 80.0  # rapidfuzz ratio for a fuzzy match
_FUZZY_TIE = 4.0  # candidates this close to the best are ambiguous
_SUGGEST_MIN = 65.0
_NAMED_FUZZY_MIN = 88.0
_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*\.?")
_DETERMINERS = frozenset({"the", "a", "an"})
# Words of a question that are never a speaker's name, even if fuzzily close to one.
_COMMON = frozenset(
    """what when where which while who whom whose why how said says say about does did have
    with from that this there their they them then than were would could should think thinks
    tell told quote quotes quoted speak spoke spoken words word""".split()
)


@dataclass(frozen=True, slots=True)
class SpeakerMatch:
    """The outcome of a speaker query: a canonical name, or the choices when it is ambiguous."""

    speaker: str | None
    choices: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    return [w.rstrip(".") if w.count(".") == 1 else w for w in _WORD.findall(text)]


def _key(text: str, *, strip_titles: bool = True) -> str:
    """Match key of a name or query: folded, spelling variants merged, titles dropped."""
    words = [w for w in _words(text) if fold(w) not in _DETERMINERS]
    if strip_titles:
        kept = [w for w in words if fold(w).rstrip(".") not in TITLE_WORDS]
        words = kept or words
    return " ".join(k for k in (name_key(w) for w in words) if k)


_DESCRIPTION_STOP = frozenset(
    """the a an of for at in on with and or to from by his her their its our who what did does
    do say said says about how why when which whether that this was were is are has have had
    think describe tell told""".split()
)


_AFFILIATION_WORDS = 2  # words a question must share with a description that has no role word


def _description_words(text: str) -> frozenset[str]:
    """Lower-case content words of a description or question, possessives and plurals off."""
    out = set()
    for raw in re.findall(r"[\w’'\-]+", fold(text)):
        word = strip_possessive(raw)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if len(word) > 1 and word not in _DESCRIPTION_STOP:
            out.add(word)
    return frozenset(out)


def _question_keys(question: str) -> list[str]:
    """The name keys of a question's words, possessives off, empty keys dropped."""
    keys = (name_key(w.removesuffix("’s").removesuffix("'s")) for w in _words(question))
    return [k for k in keys if k]


def name_match_key(name: str) -> str:
    """The key two spellings of one name share ("Mr. Zelensky" and "Zelenskyy" alike)."""
    return _key(name)


@dataclass(slots=True)
class _Entry:
    speaker: Speaker
    keys: set[str]  # full-name keys (every alias)
    surnames: set[str]  # single-word keys: surname, one-word names
    tokens: set[str]  # every name word's key (first names too)
    given: bool = True  # whether the articles give the speaker's first name


class SpeakerDirectory:
    """Every quoted speaker, with fuzzy lookup by name."""

    def __init__(self, speakers: Sequence[Speaker]) -> None:
        self.speakers: tuple[Speaker, ...] = tuple(speakers)
        self._entries: list[_Entry] = []
        for speaker in self.speakers:
            names = [speaker.name, *speaker.aliases]
            keys = {k for k in (_key(n) for n in names) if k}
            keys |= {k for k in (_key(n, strip_titles=False) for n in names) if k}
            tokens = {t for k in keys for t in k.split() if len(t) >= 2}
            surnames = {k.split()[-1] for k in keys if k}
            if speaker.kind != "person":
                surnames = {k for k in keys if " " not in k}
            given = any(
                len(words := _key(n, strip_titles=False).split()) >= 2
                and words[0] not in _TITLE_KEYS
                for n in names
            )
            self._entries.append(_Entry(speaker, keys, surnames, tokens, given))
        # For named_in: exact name keys (3+ characters) and long surnames, to speakers.
        self._by_key: dict[str, set[str]] = {}
        self._by_surname: dict[str, set[str]] = {}
        for entry in self._entries:
            for key in entry.keys | entry.surnames:
                if len(key) >= 3:
                    self._by_key.setdefault(key, set()).add(entry.speaker.name)
            for surname in entry.surnames:
                if len(surname) >= 5:
                    self._by_surname.setdefault(surname, set()).add(entry.speaker.name)
        self._surnames = list(self._by_surname)
        # Two-letter surnames ("John Fa", "Bong Joon Ho"), matched only as capitalised words.
        self._short: dict[str, set[str]] = {}
        for entry in self._entries:
            if entry.speaker.kind == "person":
                for surname in entry.surnames:
                    if len(surname) == 2:
                        self._short.setdefault(surname, set()).add(entry.speaker.name)
        # (title word, other role words, speaker) for speakers whose role the articles give.
        self._roles: list[tuple[str, frozenset[str], str]] = []
        for speaker in self.speakers:
            role = [name_key(w) for w in _words(speaker.role or "")]
            titles = [w for w in _words(speaker.role or "") if fold(w).rstrip(".") in TITLE_WORDS]
            if titles:
                head = name_key(titles[-1])
                others = frozenset(w for w in role if w and w != head and len(w) > 2)
                self._roles.append((head, others, speaker.name))
        self._longest_key = max((k.count(" ") + 1 for k in self._by_key), default=0)
        # Each speaker's description as role classes and other words, for "the Verizon CIO".
        self._described: list[tuple[frozenset[str], frozenset[str], str]] = []
        for speaker in self.speakers:
            words = _description_words(f"{speaker.role or ''} {speaker.description}")
            classes = frozenset(c for w in words for c in ROLE_CLASSES.get(w, ()))
            if words:
                self._described.append((classes, words - ROLE_CLASS, speaker.name))

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, articles_quotes: Sequence[tuple[Article, Sequence[Quote]]]) -> SpeakerDirectory:
        """Collect the speakers quoted in each article; one entry per canonical name."""
        return cls.from_profiles(
            [(quotes, speaker_profiles(article)) for article, quotes in articles_quotes]
        )

    @classmethod
    def from_profiles(
        cls, per_article: Sequence[tuple[Sequence[Quote], Mapping[str, SpeakerProfile]]]
    ) -> SpeakerDirectory:
        """The same, from each article's quotations and speaker profiles already at hand."""
        counts: dict[str, int] = {}
        roles: dict[str, str | None] = {}
        descriptions: dict[str, list[str]] = {}
        kinds: dict[str, str] = {}
        aliases: dict[str, list[str]] = {}
        for quotes, profiles in per_article:
            for quote in quotes:
                name = quote.speaker
                if not name:
                    continue
                counts[name] = counts.get(name, 0) + 1
                profile = profiles.get(name)
                if name not in aliases:
                    aliases[name] = []
                    roles[name] = None
                    kinds[name] = profile.kind if profile else "person"
                if profile is not None:
                    if roles[name] is None:
                        roles[name] = profile.role
                    described = descriptions.setdefault(name, [])
                    if profile.description and profile.description not in described:
                        described.append(profile.description)
                    for alias in profile.aliases:
                        if alias not in aliases[name]:
                            aliases[name].append(alias)
        speakers = [
            Speaker(
                name=name,
                role=roles[name],
                kind=kinds[name],
                quote_count=count,
                aliases=tuple(aliases[name]) or (name,),
                description=" ".join(descriptions.get(name, [])),
            )
            for name, count in counts.items()
        ]
        speakers.sort(key=lambda s: (-s.quote_count, fold(s.name)))
        return cls(speakers)

    # ------------------------------------------------------------------ matching
    def match(self, query: str) -> SpeakerMatch:
        """The one speaker a query names, or the choices when several fit equally well.

        Raises InvalidSpeakerQuery for an empty, over-long or name-less query.
        """
        if not isinstance(query, str) or not query.strip():
            raise InvalidSpeakerQuery("Name a speaker, for example a surname such as “Putin”.")
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidSpeakerQuery(
                f"That speaker name is too long (at most {MAX_QUERY_CHARS} characters)."
            )
        key = _key(query)
        if not key:
            raise InvalidSpeakerQuery(
                "That does not look like a name: use letters, for example a surname."
            )
        # 1. A full name, an alias, or a surname exactly (after folding).
        exact = [e for e in self._entries if key in e.keys or key in e.surnames]
        if not exact and " " not in key:
            exact = [e for e in self._entries if key in e.tokens and len(key) >= 3]
        if not exact and " " in key:
            # "president putin", "mr trump": the last word as a surname, the rest must fit.
            words = key.split()
            exact = [
                e
                for e in self._entries
                if words[-1] in e.surnames
                and all(w in e.tokens or w in _TITLE_KEYS or not e.given for w in words[:-1])
            ]
            # ("mr cook", "secretary cook": the title words of a surname that is one too; "susan
            # greenfield" for "Baroness Greenfield", whose first name the articles never give)
        if exact:
            return self._decide([(100.0, e) for e in exact])
        # 2. Fuzzy: misspellings and partial names.
        scored: list[tuple[float, _Entry]] = []
        for entry in self._entries:
            score = self._fuzzy(key, entry)
            if score >= _FUZZY_MIN:
                scored.append((score, entry))
        if not scored:
            return SpeakerMatch(None, ())
        return self._decide(scored)

    def _decide(self, scored: list[tuple[float, _Entry]]) -> SpeakerMatch:
        best = max(score for score, _ in scored)
        top = [e for score, e in scored if score >= best - _FUZZY_TIE]
        scores: dict[str, float] = {}
        for score, entry in scored:
            if entry in top:
                name = entry.speaker.name
                scores[name] = max(score, scores.get(name, 0.0))
        if len(scores) == 1:
            return SpeakerMatch(next(iter(scores)), ())
        ordered = sorted(scores, key=lambda n: (-scores[n], fold(n)))
        return SpeakerMatch(None, tuple(ordered))

    @staticmethod
    def _fuzzy(key: str, entry: _Entry) -> float:
        best = 0.0
        for candidate in entry.keys | entry.surnames:
            best = max(best, fuzz.ratio(key, candidate))
            if len(key) >= 3 and candidate.startswith(key):
                best = max(best, 90.0)
        if " " not in key:
            for token in entry.tokens:
                if len(token) >= 3:
                    best = max(best, fuzz.ratio(key, token) - 2)
        return best

    def suggest(self, text: str, limit: int = 25) -> list[str]:
        """Speaker names for autocomplete, best first; every speaker (up to limit) when empty."""
        limit = max(0, int(limit))
        text = (text or "").strip()
        if not text:
            return [s.name for s in self.speakers[:limit]]
        query = fold(text)
        key = _key(text)
        scored: list[tuple[float, int, str]] = []
        for index, entry in enumerate(self._entries):
            best = 0.0
            for alias in (entry.speaker.name, *entry.speaker.aliases):
                folded = fold(alias)
                if folded.startswith(query):
                    best = max(best, 100.0)
                elif any(w.startswith(query) for w in folded.split()):
                    best = max(best, 95.0)
            if key and len(key) >= 3:
                best = max(best, self._fuzzy(key, entry) - 10)
            if best >= _SUGGEST_MIN:
                scored.append((best, index, entry.speaker.name))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [name for _, _, name in scored[:limit]]

    def named_in(self, question: str, *, by_role: bool = True) -> set[str]:
        """Canonical speakers a free-text question names (by full name, surname or alias).

        Exact names are looked up by the question's word n-grams; a long word that is not an exact
        name is compared fuzzily with every distinct surname in one rapidfuzz call, so the cost
        grows with the question, not with the number of speakers. With no name, and `by_role`,
        the one speaker the question names by role or description ("the Verizon CIO").
        """
        if not isinstance(question, str) or not question.strip():
            return set()
        words = _question_keys(question)
        found: set[str] = set()
        for n in range(1, min(self._longest_key, len(words)) + 1):
            for i in range(len(words) - n + 1):
                found |= self._by_key.get(" ".join(words[i : i + n]), set())
        for index, raw in enumerate(_words(question)):
            # "What did Fa say": capitalised, and not the first word ("He said ...").
            if index and len(raw) == 2 and raw[0].isupper() and raw[1].islower():
                found |= self._short.get(name_key(raw), set())
        for word in words:
            if len(word) < 5 or word in _COMMON:
                continue
            for surname, _score, _index in process.extract(
                word, self._surnames, scorer=fuzz.ratio, score_cutoff=_NAMED_FUZZY_MIN, limit=None
            ):
                found |= self._by_surname[surname]
        if found or not by_role:
            return found
        return self.named_by_role(question)

    def named_by_role(self, question: str) -> set[str]:
        """The one speaker a question names by role or description alone (no name)."""
        if not isinstance(question, str) or not question.strip():
            return set()
        return self.described_in(question) or self._named_by_role(set(_question_keys(question)))

    def described_in(self, question: str) -> set[str]:
        """The one speaker a question names by a description the article gives them ("the
        JPMorgan chief", "Verizon's chief information officer", "the creator of Fleabag"): its
        role words, synonyms folded ("chief" = "CEO", "attorney" = "lawyer"), must fit theirs;
        the other words it shares with their description ("JPMorgan") decide between several."""
        words = _description_words(question)
        asked = {c for w in words for c in ROLE_CLASSES.get(w, ())}
        if not asked:
            return set()
        best: set[str] = set()
        best_score = 0
        for classes, others, name in self._described:
            if not asked & classes and (classes or len(words & others) < _AFFILIATION_WORDS):
                # A description with no role word ("from the Institute for Fiscal Studies")
                # fits "the economist from the Institute for Fiscal Studies" by its own words.
                continue
            score = 2 * len(asked & classes) + len(words & others)
            if score > best_score:
                best, best_score = {name}, score
            elif score == best_score:
                best.add(name)
        return best if len(best) == 1 else set()

    def _named_by_role(self, words: set[str]) -> set[str]:
        """The one speaker a question names by role ("the judge", "the Lions coach"): whose
        role's title word is in the question and whose other role words it uses most."""
        best: set[str] = set()
        best_score = 0
        for head, others, name in self._roles:
            if head not in words:
                continue
            score = 1 + len(others & words)
            if score > best_score:
                best, best_score = {name}, score
            elif score == best_score:
                best.add(name)
        return best if len(best) == 1 else set()
