"""The per-article entity table: people and organisations, their names, mentions and genders.

Names are grouped per article into one canonical name per person (the fullest form the article
uses; surnames, titles, case, accents and common transliteration variants fold together).
Organisations are grouped the same way, with the well-known seats of government (White House,
Kremlin, ...) folded onto one name. Every mention of a known entity in the narration is recorded
with its position, and whether it looks like a sentence's subject; gender comes from honorifics
and role words, a small list of first names, and pronouns used next to a name. The narration
itself tells which capitalised words are ordinary words (written in lower case elsewhere), which
runs are places (written after "in"), and which runs are full names a surname stands for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from retrieval.quotes.lexicon import (
    ANONYMOUS,
    COUNTRY_WORDS,
    FEMALE_NAMES,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    GIVEN_NAMES,
    GOVERNMENT_ORGS,
    GROUP_WORDS,
    HONORIFICS,
    INVERTIBLE,
    LEADING_FUNCTION,
    MALE_NAMES,
    MALE_PRONOUNS,
    MALE_TITLES,
    MENTION_PREPOSITIONS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_KEYWORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_PREFIXES,
    PRONOUNS,
    SKIP_BEFORE_VERB,
    SPEECH_VERBS,
    THING_HEADS,
    TIME_WORDS,
    TITLE_WORDS,
)
from retrieval.quotes.phrases import is_based, is_title, split_role
from retrieval.quotes.tags import ParsedParagraph
from retrieval.quotes.tokens import Token, join, strip_possessive
from retrieval.text import fold

_AKA = re.compile(
    r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}),?(?: [-–—(])? "
    r"(?:aka|a\.k\.a\.|also known as) [“\"‘']?"
    r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})"
)
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")  # "C.K. Walker", "J. Smith": a person's initials


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A folded key for one name word: case, accents, punctuation and spelling variants removed.

    Common transliteration variants fold together: Zelenskyy/Zelensky/Zelenskiy, Sergei/Sergey,
    Aleksandr/Alexandr, Dmitriy/Dmitry, Müller/Mueller.
    """
    w = re.sub(r"[^a-z]", "", fold(word))
    w = re.sub(r"([aou])e", r"\1", w)  # Müller / Mueller, Schröder / Schroeder
    w = w.replace("ks", "x")
    w = re.sub(r"(?:yy|iy|ij|ii|yi|ei|ey)$", "y", w)
    return re.sub(r"(.)\1+", r"\1", w)


@dataclass(slots=True)
class Cluster:
    """One person or organisation of an article, with every name the article uses for it."""

    kind: str  # person | organization
    surfaces: list[str] = field(default_factory=list)
    first_key: str = ""
    last_key: str = ""
    roles: list[tuple[bool, str]] = field(default_factory=list)  # (from a quote tag, role)
    male: int = 0
    female: int = 0
    strong_gender: str | None = None
    pseudonyms: set[str] = field(default_factory=set)  # "aka" names: never the canonical one
    # Role nouns the narration calls them by without a name ("The striker", "the Spaniard")
    described: list[str] = field(default_factory=list)
    _canonical: str | None = None

    def add(self, surface: str) -> None:
        """Record another name the article uses for the entity."""
        if surface not in self.surfaces:
            self.surfaces.append(surface)
            self._canonical = None

    @property
    def canonical(self) -> str:
        """The fullest form the article uses (most words, not all caps, accented, longest)."""
        if self._canonical is None:

            def rank(s: str) -> tuple[int, int, int, int]:
                """Sort key of a surface: word count, not all caps, accented letters, length."""
                words = s.split()
                return (len(words), not s.isupper(), sum(not c.isascii() for c in s), len(s))

            real = [s for s in self.surfaces if s not in self.pseudonyms] or self.surfaces
            self._canonical = max(real, key=rank)
        return self._canonical

    @property
    def gender(self) -> str | None:
        """The entity's gender: a strong hint, else the majority of weak ones, else None."""
        if self.strong_gender:
            return self.strong_gender
        if self.male > self.female:
            return "m"
        if self.female > self.male:
            return "f"
        return None

    @property
    def role(self) -> str | None:
        """The entity's role, preferring one from a quote tag; None if it has none."""
        quoted = [r for q, r in self.roles if q]
        if quoted:
            return quoted[0]
        return self.roles[0][1] if self.roles else None


_EVENT_NOUNS = frozenset(
    "event festival conference summit convention expo fair tournament gala ceremony".split()
)
_NOT_GERUNDS = frozenset("during spring string building wedding evening morning".split())
_COUNT_WORDS = frozenset(
    "two three four five six seven eight nine ten both several dozens hundreds thousands".split()
)


class EntityTable:
    """The people and organisations of one article, and where the narration mentions them."""

    def __init__(self) -> None:
        self.persons: list[Cluster] = []
        self.orgs: list[Cluster] = []
        self.mentions: list[tuple[int, Cluster, bool]] = []  # (abs pos, cluster, subject-like)
        self.common: set[str] = set()  # folded words the narration writes in lower case
        self.places: set[str] = set()  # folded capitalised runs written after "in"
        # surname key -> (position, run) of the runs that end in it
        self.full_names: dict[str, list[tuple[int, list[Token]]]] = {}
        self.given_names: dict[str, list[tuple[int, list[Token]]]] = {}  # first word -> runs
        self.name_counts: dict[str, int] = {}  # name key -> capitalised occurrences
        self.aliases: dict[str, Cluster] = {}  # name key of a pseudonym -> the person
        # one-word names the narration counts after a possessive ("her second Oscar"): things,
        # never a person's name
        self.determined: set[str] = set()

    def _scan(self, paragraphs: list[ParsedParagraph]) -> None:
        """What the narration itself says about its capitalised words: which words it also writes
        in lower case (common words), which runs stand after "in" (places), and which runs of two
        or three name-like words could be a person's full name."""
        for p in paragraphs:
            tokens = p.tokens
            for tok in tokens:
                if tok.is_word and not tok.is_cap:
                    self.common.add(fold(tok.bare))
                elif tok.is_word:
                    key = name_key(tok.bare)
                    self.name_counts[key] = self.name_counts.get(key, 0) + 1
            index = p.token_positions()
            for run, start in self._cap_runs(p):
                k = index[start]
                if len(run) == 1:
                    # "his second Oscar", "her best actress Oscar": up to four lower-case
                    # words back to a possessive
                    j = k - 1
                    while (
                        j >= 0
                        and k - j <= 4
                        and tokens[j].is_word
                        and not tokens[j].is_cap
                        and tokens[j].low not in _CLAUSE_WORDS
                    ):
                        if tokens[j].low in _DETERMINING:
                            self.determined.add(name_key(run[0].bare))
                            break
                        j -= 1
                if k > 0 and tokens[k - 1].low in {"in", "near", "outside", "across"}:
                    self.places.add(fold(" ".join(t.bare for t in run)))
                _role, name = split_role(run)
                after = k + len(run)
                if after < len(tokens) and tokens[after].low in _EVENT_NOUNS:
                    continue  # "its annual Camp Strava event": an event's name, nobody's
                if 2 <= len(name) <= 3 and all(_name_word(t) for t in name):
                    at = p.para.start + name[0].start
                    self.full_names.setdefault(name_key(name[-1].bare), []).append((at, name))
                    self.given_names.setdefault(name_key(name[0].bare), []).append((at, name))

    @staticmethod
    def _role_before(tokens: list[Token], run: list[Token]) -> list[Token]:
        """Role words written before a name in lower case, with what qualifies them: "Lions
        coach Jim Caldwell", "company spokeswoman Jane Roe"."""
        k = next(i for i, t in enumerate(tokens) if t.start == run[0].start)
        j = k
        while j > 0 and not tokens[j - 1].is_cap and is_title(tokens[j - 1].text):
            j -= 1
        if j == k:
            return []
        if j > 0 and tokens[j - 1].low in _OTHER_POST:
            j -= 1  # "shadow chancellor Oliver Letwin": another post than the chancellor's
        while j > 0 and tokens[j - 1].is_cap and tokens[j - 1].is_word:
            j -= 1
        return list(tokens[j:k])

    def is_place(self, words: Sequence[str]) -> bool:
        """A run the article writes after "in", or one that begins like a place name."""
        bare = [strip_possessive(w) for w in words]
        return fold(" ".join(bare)) in self.places or fold(bare[0]) in PLACE_PREFIXES

    def is_common(self, word: str) -> bool:
        """A capitalised word that is an ordinary word here ("Officials said", "Snow fell")."""
        low = fold(strip_possessive(word)).rstrip(".")
        return low in self.common or low in ANONYMOUS | ORG_NOUNS | PERSON_NOUNS | TIME_WORDS

    def could_be_person(self, words: Sequence[str]) -> bool:
        """Whether a capitalised name may be a person's (not a place, not one ordinary word)."""
        if not words or self.is_place(words):
            return False
        if all(fold(strip_possessive(w)).rstrip(".") in TIME_WORDS for w in words):
            return False
        if len(words) == 1 and is_country_word(words[0]):
            return False  # "Israeli", "U.S.": a country's word, not a person
        if len(words) > 1 and fold(strip_possessive(words[-1])) in THING_HEADS:
            return False  # "World Cup", "Stamford Bridge": an event's or a place's name
        if any(fold(strip_possessive(w)).rstrip(".") in GROUP_WORDS for w in words):
            return False  # "Many Republicans", "Democrats", "Medicare Trustees": a group
        first = fold(strip_possessive(words[0]))
        if len(words) > 1 and is_country_word(first) and first not in GIVEN_NAMES:
            return False  # "Indonesia AirAsia", "Germany Trade": a country's branch of something
        if len(words) > 1 and first in _COUNT_WORDS and first != "both":
            return False  # "Two Labour councillors": a number of people, not a name
        if first == "according":
            return False  # "According to reports": a sentence's opening word, nobody's name
        if len(words) > 2 and any(fold(w) in {"the", "a", "an"} for w in words[1:-1]):
            return False  # "Meet The Fockers", "Lord of the Rings": a title, not a name
        if any(is_brand_word(strip_possessive(w)) for w in words):
            return False  # "AirAsia", "GreatFire": a brand's spelling, not a person's name
        if len(words) == 1 and name_key(strip_possessive(words[0])) in self.determined:
            return False  # "her second Oscar": a thing the narration counts
        if len(words) > 1 and re.fullmatch(r"[A-Z]{2,5}", words[0]) and first not in self.common:
            return False  # "OW What", "NBC News": an acronym does not begin a person's name
        return len(words) > 1 or not self.is_common(words[0])

    def _full_name_for(self, word: Token, pos: int) -> list[Token] | None:
        """The full name of the article that ends in this surname ("Abney" -> "Latasha Abney"),
        or else begins with this word (a first name, "her brother, Nils," -> "Nils Aukrust"; a
        family name written first, "Yoon" -> "Yoon Ha-eun"). When several people fit, the one
        named last before `pos` (else the first named after it)."""
        key = name_key(word.bare)
        for table in (self.full_names, self.given_names):
            runs = [
                (at, r)
                for at, r in table.get(key, [])
                if self.could_be_person([t.bare for t in r])
                and not self.org_like(" ".join(t.bare for t in r), False)
            ]
            if runs:
                before = [(at, r) for at, r in runs if at < pos]
                return max(before, key=lambda x: x[0])[1] if before else min(runs)[1]
        return None

    def build(self, paragraphs: list[ParsedParagraph]) -> None:
        """Collect the people and organisations named in the tags and narration, then mentions."""
        self._scan(paragraphs)
        # Organisations whose names say so ("Microsoft Corp", "AirAsia") first: "Microsoft said"
        # is then that company, not a person called Microsoft.
        for p in paragraphs:
            index = p.token_positions()
            for whole, start in self._cap_runs(p):
                if self._post_at_body(p.tokens, index[start], whole):
                    # "director general of British Music Rights"
                    self.add_org(join(whole, p.masked))
                    continue
                titled = self._titled_person(whole)
                # "Genentech Inc. Chairman Art Levinson": only the company is an organisation.
                run = whole if titled is None else titled
                if not run:
                    continue
                if titled is None and _based_firm(run):
                    # "Chennai-based Tata": a firm is based somewhere; a person comes from there
                    self.add_org(join(run[1:], p.masked))
                    continue
                surface = join(run, p.masked)
                if self._clearly_org(run, surface):
                    self.add_org(surface)
        names: list[tuple[list[Token], str | None, str, int]] = []  # tokens, role, text, pos
        org_names: list[tuple[str, int]] = []
        for p in paragraphs:
            for tag in p.tags:
                s = tag.subject
                if s is None:
                    continue
                if s.kind == "name":
                    surface = join(s.tokens, p.masked)
                    if self.org_like(surface, s.the_hint):
                        org_names.append((surface, s.pos))
                    elif self.could_be_person([t.bare for t in s.tokens]):
                        names.append((list(s.tokens), s.role, p.masked, s.pos))
                        full = (
                            self._full_name_for(s.tokens[-1], s.pos) if len(s.tokens) == 1 else None
                        )
                        if full is not None:
                            names.append((full, None, p.masked, s.pos))
                    elif len(s.tokens) == 1:
                        # "Field told me" after "a colleague named Leslie Field": a surname that
                        # is also an ordinary word speaks for the full name it ends
                        full = self._full_name_for(s.tokens[0], s.pos)
                        if full is not None and self.could_be_person([t.bare for t in full]):
                            names.append((full, None, p.masked, s.pos))
                elif (
                    s.kind == "noun"
                    and s.head in ORG_NOUNS
                    and s.owner
                    and all(t.is_cap for t in s.owner)
                    and not is_country_word(join(s.owner, p.masked))
                    and s.head not in {"administration", "government"}
                ):
                    org_names.append((f"{join(s.owner, p.masked)} {s.head}", s.pos))
                elif s.kind == "doc" and s.owner:
                    surface = join(s.owner, p.masked)
                    if all(t.is_cap for t in s.owner) and not is_country_word(surface):
                        org_names.append((surface, s.pos))
            # Titled names and names with known first names anywhere in the narration.
            index = p.token_positions()
            for run, start in self._cap_runs(p):
                role, name = split_role(run)
                surface = join(run, p.masked)
                known = self.find_org(surface)
                if known is not None and fold(known.canonical) == fold(strip_possessive(surface)):
                    continue  # "British Music Rights", named as a body elsewhere: not "Rights"
                if _based_firm(run):
                    continue  # "Chennai-based Tata": the firm, recorded above
                if self.org_like(surface, False) and self._titled_person(run) is None:
                    if self._clearly_org(run, surface):
                        org_names.append((surface, p.para.start + start))
                    continue
                if not name or not self.could_be_person([t.bare for t in name]):
                    continue
                at = index[start]
                if at > 0 and p.tokens[at - 1].low in _OWNING_WORDS and not role:
                    continue  # "to keep alive their Grand Slam hopes": a thing they have
                if (
                    len(run) >= 2
                    and at > 0
                    and p.tokens[at - 1].low == "the"
                    and run[-1].bare.lower().rstrip(".") in TITLE_WORDS
                ):
                    continue  # "the Manchester Central MP", "the Welsh Secretary": a post
                if _modifies_role(p.tokens, run):
                    continue  # "Former Chelsea captain Desailly": Chelsea is not a person
                who = len(name) == len(run) == 1 and _who_follows(p.tokens, run)
                named_once = self.name_counts.get(name_key(name[0].bare), 0) < 2
                if len(name) == 1 and named_once and not who:
                    continue  # "to become Chief Whip": a titled word named once is a post
                role = self._role_before(p.tokens, run) + role
                if (
                    role
                    or (len(name) >= 2 and fold(name[0].text) in GIVEN_NAMES)
                    or (len(name) >= 2 and _INITIALS.fullmatch(name[0].text) is not None)
                    or self._subject_name(p, run, name)
                    or self._appositive_name(p, run, name)
                    or self._described_after(p, run, name)
                    or who
                ):
                    names.append((name, join(role, p.masked) or None, p.masked, 0))
        for surface, _pos in org_names:
            self.add_org(surface)
        # Full names first so that surnames attach to them.
        names.sort(key=lambda n: -len(n[0]))
        for tokens, role, text, _pos in names:
            self._add_person(tokens, role, text)
        self._full_names_from_quotes(paragraphs)
        self._merge_pseudonyms(paragraphs)
        self._collect_mentions(paragraphs)
        self._collect_gender(paragraphs)

    def _full_names_from_quotes(self, paragraphs: list[ParsedParagraph]) -> None:
        """A person the narration names by surname only ("Jobs said") takes the one full name
        the article gives them anywhere, quotations included ("Steve Jobs is a strong leader"),
        when its first word is a known first name."""
        texts = [p.para.text for p in paragraphs]
        for cluster in self.persons:
            if cluster.first_key or len(cluster.canonical.split()) != 1:
                continue
            surname = cluster.canonical
            pattern = re.compile(rf"\b([A-Z][a-z]+) {re.escape(surname)}\b")
            firsts = {
                m.group(1)
                for text in texts
                for m in pattern.finditer(text)
                if fold(m.group(1)) in GIVEN_NAMES
            }
            if len(firsts) == 1:
                first = firsts.pop()
                cluster.add(f"{first} {surname}")
                cluster.first_key = name_key(first)
                self._gender_from_words(cluster, [first])

    def _merge_pseudonyms(self, paragraphs: list[ParsedParagraph]) -> None:
        """ "C.K. Walker aka “Lindsey”", "Jane Roe, also known as Jay": one person; the
        pseudonym's own entry, if the tags made one, folds into the real name's."""
        for p in paragraphs:
            for m in _AKA.finditer(p.para.text):
                real = self.person_for(m.group(1).split(), 1 << 62)
                if real is None:
                    continue
                alias_words = m.group(2).split()
                other = self.person_for(alias_words, 1 << 62)
                if other is not None and other is not real:
                    for surface in other.surfaces:
                        real.add(surface)
                    self.persons.remove(other)
                real.add(m.group(2))
                real.pseudonyms.add(m.group(2))
                real._canonical = None
                self.aliases[name_key(alias_words[-1])] = real
                if len(alias_words) == 1:
                    continue
                self.aliases[name_key(alias_words[0])] = real

    def _titled_person(self, run: list[Token]) -> list[Token] | None:
        """For "Genentech Inc. Chairman Art Levinson" (an organisation, a title, a person's name),
        the organisation's words before the title; None for a run that is not such a name."""
        role, name = split_role(run)
        titles = [k for k, t in enumerate(role) if is_title(t.bare)]
        if not titles or len(name) < 2 or not all(_name_word(t) for t in name):
            return None
        if any(t.bare.lower() in ORG_KEYWORDS for t in name):
            return None
        if not self.could_be_person([t.bare for t in name]):
            return None
        return list(role[: titles[0]])

    def _post_at_body(self, tokens: Sequence[Token], idx: int, run: list[Token]) -> bool:
        """A run named as where someone holds a post: "director general of Age Concern
        England", "an analyst at Numis Securities" (not a place, a country or a person)."""
        if idx < 2 or tokens[idx - 1].low not in {"of", "at"}:
            return False
        post = tokens[idx - 2]
        if not post.is_word or post.is_cap or not is_title(post.bare):
            return False
        words = [t.bare for t in run]
        if run[-1].possessive or is_country_word(" ".join(words)) or self.is_place(words):
            return False
        return fold(words[0]) not in GIVEN_NAMES and not _INITIALS.fullmatch(words[0])

    @staticmethod
    def _clearly_org(run: list[Token], surface: str) -> bool:
        """A run whose own words make it an organisation: a known government body, a keyword
        after its first word ("Chevron Corp", "Ministry of Health") or a brand's spelling."""
        bare = fold(surface.removeprefix("The ").removeprefix("the "))
        if (
            len(run) == 3
            and run[1].low in NAME_PARTICLES
            and run[1].text[:1].isupper()
            and run[0].bare.lower() not in ORG_KEYWORDS
        ):
            return False  # "Rob Da Bank", "Jan De Bank": a first name, a particle, a surname
        return (
            bare in GOVERNMENT_ORGS
            or any(t.bare.lower() in ORG_KEYWORDS for t in run[1:])
            or any(is_brand_word(t.bare) for t in run)
            or any(t.text == "&" for t in run)  # "Bradford & Bingley"
            or (  # "Department for Education and Skills", "Association of Chief Police Officers"
                len(run) > 2 and run[0].bare.lower() in ORG_KEYWORDS and run[1].low in {"of", "for"}
            )
        )

    @staticmethod
    def _subject_name(p: ParsedParagraph, run: list[Token], name: list[Token]) -> bool:
        """A two- or three-word name opening a sentence and followed by a verb: "Derek Oyelaran
        voted no." (a person introduced without title or speech verb)."""
        if not 2 <= len(name) <= 3 or len(name) != len(run):
            return False
        if any(not t.text.isalpha() or t.possessive for t in name):
            return False
        tokens = p.tokens
        idx = next(k for k, t in enumerate(tokens) if t.start == run[0].start)
        end = idx + len(run)
        if end >= len(tokens) or not tokens[end].is_word or tokens[end].is_cap:
            return False
        if tokens[end].low in ORG_NOUNS or tokens[end].low in TITLE_WORDS:
            return False
        starts = {s for s, _e in p.sentences}
        prev = tokens[idx - 1] if idx > 0 else None
        return (
            run[0].start in starts
            or prev is None
            or prev.low in LEADING_FUNCTION - {"the", "a", "an", "its", "his", "her", "their"}
            or prev.text == ","
        )

    @staticmethod
    def _described_after(p: ParsedParagraph, run: list[Token], name: list[Token]) -> bool:
        """A two- or three-word name followed by a comma and a person's role: "Jackie
        Stallone, mother of actor Sylvester, has ...", "Ann Vale, a historian, said"."""
        if not 2 <= len(name) <= 3 or len(name) != len(run):
            return False
        if any(not t.text.isalpha() for t in name):
            return False
        tokens = p.tokens
        end = next(k for k, t in enumerate(tokens) if t.start == run[-1].start) + 1
        if end + 1 >= len(tokens) or tokens[end].text != ",":
            return False
        nxt = tokens[end + 1]
        if nxt.low in {"a", "an", "the"} and end + 2 < len(tokens):
            nxt = tokens[end + 2]
        return not nxt.is_cap and (nxt.low in PERSON_NOUNS or is_title(nxt.text))

    @staticmethod
    def _appositive_name(p: ParsedParagraph, run: list[Token], name: list[Token]) -> bool:
        """A two- or three-word name set off by commas after a role: "The mayor of Surabaya,
        Tri Rismaharini, comforted relatives", "her lawyer, Scott Rynecki, said"."""
        if not 2 <= len(name) <= 3 or len(name) != len(run):
            return False
        if any(not t.text.isalpha() for t in name[:-1]):
            return False
        tokens = p.tokens
        idx = next(k for k, t in enumerate(tokens) if t.start == run[0].start)
        if idx == 0 or tokens[idx - 1].text != ",":
            return False
        before = tokens[max(0, idx - 6) : idx - 1]
        return any(not t.is_cap and (is_title(t.text) or t.low in PERSON_NOUNS) for t in before)

    def _cap_runs(self, p: ParsedParagraph) -> Iterable[tuple[list[Token], int]]:
        tokens = p.tokens
        i = 0
        while i < len(tokens):
            if tokens[i].is_cap and tokens[i].is_word:
                j = i
                while j + 1 < len(tokens) and (
                    (tokens[j + 1].is_cap and tokens[j + 1].is_word)
                    or (
                        tokens[j + 1].low in NAME_PARTICLES
                        and j + 2 < len(tokens)
                        and tokens[j + 2].is_cap
                    )
                    or (  # "Bradford & Bingley", "Marks & Spencer": one body's name
                        tokens[j + 1].text == "&"
                        and j + 2 < len(tokens)
                        and tokens[j + 2].is_cap
                        and tokens[j + 2].is_word
                    )
                ):
                    if tokens[j].possessive and not (
                        # "the Musicians' Union", "the Music Managers' Forum": one body's name
                        tokens[j].plural_possessive and tokens[j + 1].bare.lower() in ORG_KEYWORDS
                    ):
                        break
                    j += 1
                j = self._and_in_body_name(tokens, i, j)
                j = self._of_in_body_name(tokens, j)
                j = self._founder_of_body(tokens, i, j)
                run = tokens[i : j + 1]
                # ("Two Labour councillors", "Both Tony Blair and ...": a count opens the run)
                while run and (run[0].low in LEADING_FUNCTION or run[0].low in _COUNT_WORDS):
                    run = run[1:]
                if run:
                    yield run, run[0].start
                i = j + 1
            else:
                i += 1

    @staticmethod
    def _founder_of_body(tokens: Sequence[Token], i: int, j: int) -> int:
        """Where a one-word run ends when "of" and a body's name follow: "the Fraser of Allander
        Institute" is one name (not "Nicolas Sarkozy of France", nor "Smith of the Times")."""
        if j != i or tokens[j].possessive or j + 2 >= len(tokens) or tokens[j + 1].low != "of":
            return j
        end = _names_after(tokens, j + 1)
        if end > j + 1 and tokens[end].bare.lower() in ORG_KEYWORDS:
            return end
        return j

    @staticmethod
    def _of_in_body_name(tokens: Sequence[Token], j: int) -> int:
        """Where a run ending in a body's word really ends when "of" or "for" and more names
        follow: "the Association of Chief Police Officers", "the Department for Education and
        Skills", "Bank of England" are one name."""
        if tokens[j].possessive or tokens[j].bare.lower() not in ORG_KEYWORDS:
            return j
        if j + 2 >= len(tokens) or tokens[j + 1].low not in {"of", "for"}:
            return j
        end = _names_after(tokens, j + 1)
        if end == j + 1:
            return j
        if (
            end + 2 < len(tokens)
            and not tokens[end].possessive
            and tokens[end + 1].low == "and"
            and tokens[end + 2].is_cap
            and tokens[end + 2].is_word
            and fold(tokens[end + 2].bare) not in GIVEN_NAMES
            and not (end + 3 < len(tokens) and tokens[end + 3].is_cap)
        ):
            end += 2  # "... for Education and Skills", "... of Trade and Industry"
        return end

    @staticmethod
    def _and_in_body_name(tokens: Sequence[Token], i: int, j: int) -> int:
        """Where a run `tokens[i..j]` really ends when "the" stands before it and "and" plus a
        body's name follow: "the Finance and Economy Ministry", "the Food and Drug
        Administration" are one name."""
        if i == 0 or tokens[i - 1].low != "the" or tokens[j].possessive:
            return j
        if j + 2 >= len(tokens) or tokens[j + 1].low != "and" or not tokens[j + 2].is_cap:
            return j
        end = j + 2
        while end + 1 < len(tokens) and tokens[end + 1].is_cap and tokens[end + 1].is_word:
            end += 1
        return end if tokens[end].bare.lower() in ORG_KEYWORDS else j

    def org_like(self, surface: str, the_hint: bool) -> bool:
        """Whether `surface` names an organisation; `the_hint` decides when unsure."""
        bare = re.sub(r"^(?:the|a|an)\s+", "", surface, flags=re.IGNORECASE)
        bare = strip_possessive(bare)
        folded = fold(bare)
        if folded in GOVERNMENT_ORGS:
            return True
        words = [fold(strip_possessive(w)) for w in bare.split()]
        if any(w in ORG_KEYWORDS for w in words) or "&" in words:
            return True  # ("Bradford & Bingley")
        if any(is_brand_word(strip_possessive(w)) for w in bare.split()):
            return True  # "AirAsia", "YouTube", "GreatFire.org"
        if re.fullmatch(r"[A-Z&]{2,5}", bare) and folded not in GIVEN_NAMES:
            return True  # "BP said", "NBC reported": an acronym is an organisation's name
        raw = bare.split()
        if (
            len(raw) > 1
            and re.fullmatch(r"\d{1,3}", raw[-1])
            and strip_possessive(raw[-2]) == raw[-2]
        ):
            return True  # "Radio 1", "Channel 4": a station's, a channel's name
        if any(
            o.canonical
            and (
                fold(o.canonical).startswith(folded)
                or (" " in folded and fold(o.canonical).endswith(" " + folded))
            )
            for o in self.orgs
        ):
            # "Trump" begins "Trump Organization", but a person of that name speaks for themself.
            return self.person_for(bare.split(), 1 << 62) is None
        if any(o.canonical and folded.startswith(fold(o.canonical) + " ") for o in self.orgs):
            # "Tata Teleservices", after "Chennai-based Tata": the firm's full name
            return self.person_for(bare.split(), 1 << 62) is None
        return the_hint

    def add_org(self, surface: str) -> Cluster:
        """The organisation `surface` names: a matching known one, else a new one."""
        bare = _org_name(surface)
        bare = strip_possessive(bare)
        folded = fold(bare)
        key = GOVERNMENT_ORGS.get(folded)
        for org in self.orgs:
            ofold = fold(org.canonical)
            okey = GOVERNMENT_ORGS.get(ofold)
            if (key and okey == key) or ofold == folded:
                org.add(bare)
                return org
            if ofold.startswith(folded + " ") or folded.startswith(ofold + " "):
                org.add(bare)
                return org
        spelled = self._org_by_initials(bare)
        if spelled is not None:
            spelled.add(bare)
            return spelled
        org = Cluster("organization", [bare])
        self.orgs.append(org)
        return org

    def find_org(self, surface: str) -> Cluster | None:
        """The known organisation `surface` refers to, or None."""
        bare = _org_name(surface)
        folded = fold(strip_possessive(bare))
        key = GOVERNMENT_ORGS.get(folded)
        for org in self.orgs:
            ofold = fold(org.canonical)
            if ofold == folded or (key and GOVERNMENT_ORGS.get(ofold) == key):
                return org
            if any(fold(s) == folded for s in org.surfaces):
                return org
            if ofold.startswith(folded + " ") and self.person_for(bare.split(), 1 << 62) is None:
                return org
            if " " in folded and ofold.endswith(" " + folded):
                return org  # "Music Rights" after "British": "British Music Rights"
        return self._org_by_initials(strip_possessive(bare))

    def _org_by_initials(self, bare: str) -> Cluster | None:
        """The known organisation an acronym spells: "B&B" for "Bradford & Bingley", "CML"
        for "Council of Mortgage Lenders"."""
        letters = bare.replace("&", "")
        if not re.fullmatch(r"[A-Z]{2,6}", letters):
            return None
        for org in self.orgs:
            words = org.canonical.split()
            initials = "".join(w[0] for w in words if w[:1].isupper() and w != "&")
            if len(words) > 1 and initials == letters:
                return org
        return None

    def _role_lead(self, tokens: Sequence[Token]) -> int:
        """How many leading words of a name are role words this article writes in lower case
        ("Broker Okonkwo" where the text also says "the broker"), first names excepted."""
        k = 0
        while k < len(tokens) - 1 and self._role_word(tokens[k].bare):
            k += 1
        return k

    def _role_word(self, word: str) -> bool:
        """A capitalised word this article also writes in lower case, alone or as a plural
        ("Passenger" beside "passengers"), or a known person noun; first names excepted."""
        low = fold(word).rstrip(".")
        if low in GIVEN_NAMES:
            return False
        return (
            low in self.common
            or f"{low}s" in self.common
            or low in PERSON_NOUNS
            or (len(low) > 1 and low in TITLE_WORDS)  # "DJ Norman Cook", "Broker Okonkwo"
        )

    def _add_person(self, tokens: list[Token], role: str | None, text: str) -> Cluster | None:
        lead = self._role_lead(tokens)
        if lead:
            role = " ".join([*(role.split() if role else []), *(t.text for t in tokens[:lead])])
            tokens = tokens[lead:]
            if not self.could_be_person([t.bare for t in tokens]):
                return None  # "Air Asia": not a person once "Air" is read as a role word
        words = [strip_possessive(t.text) for t in tokens]
        surface = " ".join(words)
        words = _without_suffix(words)  # "James Roosevelt Jr." is a Roosevelt
        last_key = name_key(words[-1])
        first_key = name_key(words[0]) if len(words) > 1 else ""
        match = None
        for cluster in self.persons:
            if cluster.last_key != last_key:
                continue
            if not first_key or not cluster.first_key or cluster.first_key == first_key:
                match = cluster
                break
            if len(first_key) == 1 and cluster.first_key.startswith(first_key):
                match = cluster
                break
            keys = [name_key(w) for w in words]
            if fold(words[0]) not in GIVEN_NAMES and any(
                [name_key(w) for w in _without_suffix(known.split())][-len(keys) :] == keys
                and len(known.split()) > len(keys)
                and fold(known.split()[0]) in GIVEN_NAMES
                for known in cluster.surfaces
            ):
                match = (
                    cluster  # "Saumarez Smith" after "Charles Saumarez Smith": a two-word surname
                )
                break
        if match is None and not first_key:
            # "Sir Keith" for Keith Joseph: a first name alone, for a person named in full.
            match = next((c for c in self.persons if c.first_key == last_key), None)
        if match is None and not first_key and len(last_key) >= 6:
            # "Barrioneuvo" for Jose Barrionuevo: two letters swapped, one person it can be.
            typo = [
                c
                for c in self.persons
                if c.first_key
                and any(_swapped(fold(x.split()[-1]), fold(words[-1])) for x in c.surfaces)
            ]
            match = typo[0] if len(typo) == 1 else None
        if match is None:
            match = Cluster("person", [], first_key, last_key)
            self.persons.append(match)
        match.add(surface)
        if first_key and not match.first_key:
            match.first_key = first_key
        if role:
            self._gender_from_words(match, role.split())
            words_ = role.split()
            while words_ and fold(words_[-1]).rstrip(".") in HONORIFICS:
                words_.pop()
            if words_:
                match.roles.append((False, " ".join(words_)))
        if len(words) > 1:  # a first name tells a gender; a surname alone ("Lawrence") does not
            self._gender_from_words(match, words[:1])
        return match

    def _gender_from_words(self, cluster: Cluster, words: Iterable[str]) -> None:
        for w in words:
            low = fold(w).rstrip(".")
            if low in MALE_TITLES or low in MALE_NAMES:
                cluster.strong_gender = cluster.strong_gender or "m"
            elif low in FEMALE_TITLES or low in FEMALE_NAMES:
                cluster.strong_gender = cluster.strong_gender or "f"

    def person_for(
        self, words: Sequence[str], pos: int, gender: str | None = None
    ) -> Cluster | None:
        """The person `words` name; among namesakes, see below."""
        words = [strip_possessive(w) for w in words if w]
        while len(words) > 1 and (
            self._role_word(words[0]) or fold(words[0]).rstrip(".") in HONORIFICS
        ):
            words = words[1:]  # "Broker Okonkwo", "Mr Blair": a role word, not a first name
        words = _without_suffix(words)
        if not words:
            return None
        last_key = name_key(words[-1])
        first_key = name_key(words[0]) if len(words) > 1 else ""
        candidates = [
            c
            for c in self.persons
            if c.last_key == last_key
            and (not first_key or not c.first_key or c.first_key == first_key)
        ]
        if not candidates and len(words) == 1:
            # A first name alone ("Mary said") for a person introduced in full.
            candidates = [c for c in self.persons if c.first_key == last_key]
        if not candidates and last_key in self.aliases:
            candidates = [self.aliases[last_key]]  # a pseudonym the article gave them
        if not candidates and len(words) >= 2:
            # "Saumarez Smith" for Charles Saumarez Smith: a surname of two words
            # (not "Haidar Fauzi", the father of Khairunisa Haidar Fauzi: only after a known first
            # name, and when the words do not begin with one themselves)
            tail = [name_key(w) for w in words]
            given = GIVEN_NAMES
            candidates = [
                c
                for c in self.persons
                if fold(words[0]) not in given
                and any(
                    len(x.split()) > len(tail)
                    and fold(x.split()[0]) in given
                    and [name_key(w) for w in x.split()][-len(tail) :] == tail
                    for x in c.surfaces
                )
            ]
        if not candidates and len(words) == 1:
            # "Barrioneuvo", a misspelling already taken up as one person's surname
            folded = fold(words[0])
            candidates = [c for c in self.persons if any(fold(x) == folded for x in c.surfaces)]
        if gender and len(candidates) > 1:
            fitting = [c for c in candidates if c.gender in {None, gender}]
            candidates = fitting or candidates
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        # Several people share the surname ("Seddique Mir Mateen" and his son "Omar Mateen"): a
        # surname alone is the first of them the article made the subject of a sentence (news
        # writing names the other in full each time; "signed by President Franklin Roosevelt"
        # does not make him the subject), else the one named last.
        before = [(c, subj) for mpos, c, subj in self.mentions if mpos <= pos and c in candidates]
        subjects = [c for c, subj in before if subj]
        if subjects:
            return subjects[0]
        return before[-1][0] if before else candidates[0]

    def person_named(self, canonical: str) -> Cluster | None:
        """The person whose canonical name this is, if any."""
        return next((c for c in self.persons if c.canonical == canonical), None)

    def add_subject_mention(self, pos: int, canonical: str, phrase: str | None = None) -> None:
        """Record a person named by a role as the subject at `pos` ("The Tory leader countered
        ...": Michael Howard), so that a later "he" can point back to them; the role `phrase`
        joins what the article calls them."""
        cluster = self.person_named(canonical)
        if cluster is not None:
            bisect.insort(self.mentions, (pos, cluster, True), key=lambda m: m[0])
            words = re.sub(r"^(?:the|a|an)\s+", "", phrase or "", flags=re.IGNORECASE).strip()
            if words and not re.search(r"\d", words) and words not in cluster.described:
                cluster.described.append(words)

    def _collect_mentions(self, paragraphs: list[ParsedParagraph]) -> None:
        for p in paragraphs:
            tokens = p.tokens
            sentence_starts = {a for a, _b in p.sentences}
            for run, start in self._cap_runs(p):
                role, name = split_role(run)
                pos = p.para.start + start
                surface = join(run, p.masked)
                titled = self._titled_person(run) is not None
                org_like = not titled and self.org_like(surface, False)
                cluster = self.find_org(surface) if org_like else None
                if cluster is None and name and not _modifies_role(tokens, run):
                    hint = gender_hint(" ".join(t.text for t in role))
                    cluster = self.person_for([t.text for t in name], pos, hint)
                if cluster is None:
                    continue
                idx = next(k for k, t in enumerate(tokens) if t.start == start)
                end_idx = idx + len(run)
                prev = tokens[idx - 1].low if idx > 0 else ""
                before = idx - 1
                while before > 0 and (
                    (not tokens[before].is_cap and is_title(tokens[before].text))
                    or (  # "to Real Madrid sporting director X": the role's qualifier, its team
                        before < idx - 1
                        and tokens[before].is_word
                        and tokens[before].low not in LEADING_FUNCTION
                        and (tokens[before].is_cap or is_title(tokens[before + 1].text))
                    )
                ):
                    before -= 1  # "under coach Lars Berg": the preposition before the role
                if before < idx - 1 and tokens[before].low in MENTION_PREPOSITIONS:
                    prev = tokens[before].low
                nxt = tokens[end_idx].low if end_idx < len(tokens) else ""
                # "such as Lisa Kudrow, Conan O'Brien and Will Ferrell": names in a list.
                in_list = (
                    nxt in {"and", "or", ","}
                    and end_idx + 1 < len(tokens)
                    and tokens[end_idx + 1].is_cap
                    and tokens[end_idx + 1].low not in PRONOUNS
                    # "Cory Doctorow, European co-ordinator for ..., expressed": an appositive
                    and not (nxt == "," and start in sentence_starts and len(name) >= 2)
                )
                prev_tok = tokens[idx - 1] if idx > 0 else None
                verb_at = idx - 1
                while verb_at > 0 and (
                    any(ch.isdigit() for ch in tokens[verb_at].text)
                    or (not tokens[verb_at].is_cap and is_title(tokens[verb_at].text))
                    or tokens[verb_at].low in {"fellow", "former", "shadow", "acting", "interim"}
                ):
                    # "having crashed 6-2 6-4 Kuznetsova", "introduced fellow guitarist Buddy
                    # Guy": a score or a role between the verb and its object
                    verb_at -= 1
                if (
                    verb_at < idx - 1
                    and prev not in MENTION_PREPOSITIONS
                    and tokens[verb_at].is_word
                    and not tokens[verb_at].is_cap
                    and tokens[verb_at].low.endswith("ed")
                ):
                    prev_tok, prev = tokens[verb_at], tokens[verb_at].low
                after_verb = (  # "Clooney accused O'Reilly of ...": an object, not a subject
                    prev_tok is not None
                    and prev_tok.is_word
                    and not prev_tok.is_cap
                    and (
                        prev.endswith("ed")
                        or prev in {"told", "met", "thanked"}
                        # "denied abusing Dylan": the object of a verb in -ing
                        or (
                            prev.endswith("ing")
                            and len(prev) > 5
                            and fold(prev) not in TIME_WORDS | _NOT_GERUNDS
                        )
                    )
                    and prev not in INVERTIBLE  # "“...,” said Jane Roe": she is the subject
                )
                # "a continental model and Arnesen sees no reason": "and" joins two clauses
                # (not "where he and Dorsey are from", "Smith and Jones said").
                joins_clause = (
                    prev == "and"
                    and idx >= 1
                    and tokens[idx - 1].start in sentence_starts  # "And Jamie Foxx, who ..."
                ) or (
                    prev == "and"
                    and idx > 1
                    and tokens[idx - 2].is_word
                    and not tokens[idx - 2].is_cap
                    and tokens[idx - 2].low not in PRONOUNS
                    and end_idx < len(tokens)
                    and tokens[end_idx].is_word
                    and not tokens[end_idx].is_cap
                    and nxt not in MENTION_PREPOSITIONS | {"and", "or"}
                )
                # "She will now meet Venus Williams.": a name ending its sentence after a verb
                # is its object ("..., said Venus Williams." excepted).
                object_at_end = (
                    (end_idx >= len(tokens) or tokens[end_idx].text in {".", "!", "?"})
                    and prev_tok is not None
                    and prev_tok.is_word
                    and not prev_tok.is_cap
                    and prev not in INVERTIBLE | SPEECH_VERBS | LEADING_FUNCTION
                    and prev not in {"and", "or"}
                )
                # "X told the BBC that Vera Drake was the highlight": the reported clause's
                # subject is not who the next "she" is.
                reported = prev == "that" and any(
                    t.low in SPEECH_VERBS for t in tokens[max(0, idx - 8) : idx - 1]
                )
                # "her clash with the younger Williams sister": a preposition's object, past a
                # determiner and one describing word
                described_object = (
                    idx >= 3
                    and tokens[idx - 1].is_word
                    and not tokens[idx - 1].is_cap
                    and tokens[idx - 2].low in {"the", "a", "an", "his", "her", "their", "its"}
                    and tokens[idx - 3].low in MENTION_PREPOSITIONS
                )
                subject_like = (
                    not after_verb
                    and not described_object
                    and not object_at_end
                    and not reported
                    and prev not in MENTION_PREPOSITIONS
                    and (prev not in {"and", "or"} or joins_clause)
                    # "the Chelsea side": a modifier; but "to the Treasury Paul Boateng" is a
                    # role's words before the name
                    and (prev not in {"the", "a", "an"} or (bool(role) and len(name) >= 2))
                    and not run[-1].possessive
                    and nxt not in {"’", "'"}  # "Jobs' vision": a possessive
                    and nxt not in {"administration", "government", "campaign"}
                    and not in_list
                )
                k = end_idx
                while k < len(tokens) and k - end_idx < 4 and tokens[k].low in SKIP_BEFORE_VERB:
                    k += 1
                if k < len(tokens) and tokens[k].low in SPEECH_VERBS and not run[-1].possessive:
                    subject_like = True  # "with Putin saying"
                self.mentions.append((pos, cluster, subject_like))
        self.mentions.sort(key=lambda m: m[0])

    def _collect_gender(self, paragraphs: list[ParsedParagraph]) -> None:
        """Pronouns next to a single named person in a sentence tell that person's gender."""
        persons_at: dict[int, Cluster] = {
            pos: c for pos, c, _s in self.mentions if c.kind == "person"
        }
        for p in paragraphs:
            base = p.para.start
            alone: Cluster | None = None  # the one person the previous sentence names
            for s_start, s_end in p.sentences:
                seen: list[Cluster] = []
                opening = True
                for tok in p.tokens:
                    if not s_start <= tok.start < s_end:
                        continue
                    # "Kheradpir made the argument .... He used his own family": a sentence that
                    # opens with he/she after one naming a single person.
                    if opening and alone is not None and tok.low in {"he", "she"}:
                        alone.male += tok.low == "he"
                        alone.female += tok.low == "she"
                    if tok.is_word:
                        opening = False
                    cluster = persons_at.get(base + tok.start)
                    if cluster is not None and cluster not in seen:
                        seen.append(cluster)
                    if len(seen) == 1:
                        if tok.low in MALE_PRONOUNS:
                            seen[0].male += 1
                        elif tok.low in FEMALE_PRONOUNS:
                            seen[0].female += 1
                alone = seen[0] if len(seen) == 1 else None


# "his second Oscar", "the best actor Bafta": a thing counted or ranked, not a person.
_DETERMINING = frozenset("his her its their our my your best".split())
_CLAUSE_WORDS = frozenset(
    "that which who and or but to of for in on at by with as a an the when while if".split()
)


def _who_follows(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """A name set off by a relative clause about a person: "DiCaprio, who lost out ..."."""
    k = next(i for i, t in enumerate(tokens) if t.start == run[-1].start) + 1
    return k + 1 < len(tokens) and tokens[k].text == "," and tokens[k + 1].low in {"who", "whose"}


def _modifies_role(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """A capitalised run written before a lowercase role and a name ("Former Chelsea captain
    Desailly", "Microsoft chief Satya Nadella"): the run is the role's team or firm."""
    k = next(i for i, t in enumerate(tokens) if t.start == run[-1].start) + 1
    roles = 0
    while k < len(tokens) and tokens[k].is_word and not tokens[k].is_cap:
        if not is_title(tokens[k].text):
            break
        k += 1
        roles += 1
    return roles > 0 and k < len(tokens) and tokens[k].is_cap and tokens[k].is_word


def _based_firm(run: Sequence[Token]) -> bool:
    """A name after where it is based ("Chennai-based Tata"): a firm, not a person."""
    return len(run) > 1 and is_based(run[0].low)


def _swapped(a: str, b: str) -> bool:
    """Whether two words differ by two neighbouring letters swapped ("nuevo", "neuvo")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _without_suffix(words: list[str]) -> list[str]:
    """A name's words without a trailing "Jr." or "III" (kept when it is all there is)."""
    while len(words) > 1 and words[-1].lower().rstrip(",") in NAME_SUFFIXES:
        words = words[:-1]
    return words


_OWNING_WORDS = frozenset("his her their its our my your".split())

# Words that make a title another post: the shadow chancellor is not "the chancellor".
_OTHER_POST = frozenset("shadow former ex deputy vice assistant junior acting interim".split())


def holds_title(role: str, title: str) -> bool:
    """Whether a role on record has the word `title` ("Tory co-chairman" has "chairman"), not
    as another post ("shadow chancellor" is no chancellor)."""
    words = fold(role).split()
    return any(
        title in word and (k == 0 or words[k - 1] not in _OTHER_POST)
        for k, word in enumerate(words)
    )


def is_country_word(surface: str) -> bool:
    """A country's name, abbreviation or adjective ("U.S.", "Russian", "Israeli") owning a
    document: not an organisation's name of its own, and never a person."""
    bare = fold(strip_possessive(surface.strip())).replace(".", "")
    return bare in COUNTRY_WORDS and bare not in GOVERNMENT_ORGS


# A capital inside a word after three or more lower-case letters' start ("AirAsia", "YouTube",
# "GreatFire"): a brand's spelling. Names with a capital inside begin with a short particle
# ("McDonald", "DeShawn", "LeBron", "DiCaprio") or one of these ("MacArthur", "VanDyke").
_BRAND_WORD = re.compile(r"([A-Z][a-z]{2,})[A-Z][a-z]*(?:\.[a-z]+)?")
_NAME_PREFIXES = frozenset("mac van von del della fitz sha tre ten ter dos das des san".split())


def is_brand_word(word: str) -> bool:
    """A word spelt like a brand or an organisation ("AirAsia", "PayPal"), not like a name."""
    match = _BRAND_WORD.fullmatch(word)
    return match is not None and match.group(1).lower() not in _NAME_PREFIXES


_NAME_WORD = re.compile(r"[A-Z][^\W\d_]*(?:[’'\-][^\W\d_]+)*\.?")


def _name_word(tok: Token) -> bool:
    """A token that can be part of a person's name: "Latasha", "O'Brien", "M.", "Shwartz"."""
    bare = tok.bare
    return bool(_NAME_WORD.fullmatch(bare)) and fold(bare).rstrip(".") not in TITLE_WORDS


def _names_after(tokens: Sequence[Token], k: int) -> int:
    """The index of the last capitalised word running on from token `k` (`k` when none follows);
    a possessive ends the run ("of Strathclyde University's")."""
    end = k
    while end + 1 < len(tokens) and tokens[end + 1].is_cap and tokens[end + 1].is_word:
        end += 1
        if tokens[end].possessive:
            break
    return end


def _org_name(surface: str) -> str:
    """An organisation's name as written, without article or "Geneva-based" prefix."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", surface.strip(), flags=re.IGNORECASE)
    bare = re.sub(r"^(?:[^\s]+-based\s+)+", "", bare)
    words = bare.split()
    if (
        len(words) >= 3
        and strip_possessive(words[0]) != words[0]
        and fold(words[-1]) in _PLACE_BODIES
    ):
        return " ".join(words[1:])  # "Manchester's Trafford Centre": the centre, not the city's
    return bare


_PLACE_BODIES = frozenset(
    "centre center airport station stadium arena museum gallery hospital university college"
    " library hotel theatre theater zoo".split()
)


def gender_hint(role: str | None) -> str | None:
    """The gender a gendered title in `role` implies ("m" or "f"), else None."""
    for word in (role or "").split():
        low = fold(word).rstrip(".")
        if low in MALE_TITLES:
            return "m"
        if low in FEMALE_TITLES:
            return "f"
    return None
