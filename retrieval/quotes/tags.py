"""The speech-tag grammar: who speaks in a sentence of narration, through what.

In each sentence of a paragraph's masked narration, speech verbs (said, told, added, ...) and
"according to" phrases are located and their subject is parsed: before the verb (``X said``,
``Its chairman, Jonas Whitfield, told``), after it (``said X, the company's chairman``), in an
``according to`` phrase, or as a document (``the Kremlin's readout said``). The medium phrase
around the verb (``in an evening address``, ``told reporters``) is the tag's source. Subjects are
only parsed here; `retrieval.quotes.resolve` says who they are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from retrieval.articles import Article
from retrieval.models import Paragraph
from retrieval.quotes.lexicon import (
    ADVERB_ASIDE,
    ANONYMOUS,
    APPOSITIVE_START,
    CLAUSE_BOUNDARY,
    CLAUSE_VERBS,
    CONNECTORS,
    DOC_NOUNS,
    GIVEN_NAMES,
    INVERTIBLE,
    LEADING_FUNCTION,
    MEDIUM_NOUNS,
    MEDIUM_ONLY,
    MONTHS,
    NAME_PARTICLES,
    ORG_NOUNS,
    OWNED_DOC_NOUNS,
    PASSIVE_AUX,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVE,
    SKIP_BEFORE_VERB,
    SOURCE_STOP,
    SPEECH_VERBS,
    TIME_WORDS,
    TITLE_WORDS,
    WEEKDAYS,
)
from retrieval.quotes.marks import Piece, find_pieces, mask, uses_single_marks
from retrieval.quotes.phrases import (
    Subject,
    analyse_chunk,
    chunk_back,
    dash_title,
    is_age_noun,
    is_boundary,
    is_plural_person,
    is_title,
)
from retrieval.quotes.tokens import Token, join, sentence_of, split_sentences, tokenize


@dataclass(slots=True)
class Tag:
    """A speech verb or "according to" phrase in a sentence, with its subject and source."""

    verb: str
    pos: int  # absolute offset of the verb
    end: int  # absolute offset just past the tag's last token
    subject: Subject | None
    source: str | None
    sentence: int
    according: bool = False
    inverted: bool = False
    speaker: str | None = None
    kind: str | None = None


@dataclass(slots=True)
class ParsedParagraph:
    """A paragraph read for tags: its masked narration, tokens, sentences, pieces and tags."""

    para: Paragraph
    masked: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]  # local offsets
    pieces: list[Piece] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    passive: set[int] = field(default_factory=set)  # sentences with "was told", "was warned"
    _positions: dict[int, int] = field(default_factory=dict)  # token start -> index, built once

    def token_positions(self) -> dict[int, int]:
        """Each token's local start offset -> its index in `tokens` (built on first use)."""
        if not self._positions and self.tokens:
            self._positions.update((t.start, k) for k, t in enumerate(self.tokens))
        return self._positions

    def sentence_tokens(self, index: int) -> list[Token]:
        """The tokens of the paragraph's sentence `index`."""
        start, end = self.sentences[index]
        return [t for t in self.tokens if start <= t.start < end]


def read_paragraphs(article: Article) -> tuple[list[Piece], list[ParsedParagraph]]:
    """Pair an article's quotation marks, then mask, tokenize and cut every paragraph."""
    singles = uses_single_marks(article.text)
    pieces = find_pieces(article)
    paragraphs: list[ParsedParagraph] = []
    by_para: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_para.setdefault(piece.para.number, []).append(piece)
    for para in article.paragraphs:
        own = by_para.get(para.number, [])
        masked = mask(para, own, singles)
        tokens = tokenize(masked)
        sentences = split_sentences(masked, own, para.text)
        for piece in own:
            piece.sentence = sentence_of(sentences, piece.open_mark)
        paragraphs.append(ParsedParagraph(para, masked, tokens, sentences, own))
    return pieces, paragraphs


def _subject_before(tokens: list[Token], i: int, text: str, base: int) -> Subject | None:
    j = i - 1
    skipped = 0
    while (
        j >= 0 and skipped < 5 and (tokens[j].low in SKIP_BEFORE_VERB or tokens[j].text.isdigit())
    ):
        j -= 1
        skipped += 1
    if j < 0:
        return None
    tok = tokens[j]
    if tok.text in _DASHES and j > 0:
        # "Alan Beith - who chairs the committee - said": the subject is before the first dash.
        opening = next((k for k in range(j - 1, 0, -1) if tokens[k].text in _DASHES), None)
        if opening is not None:
            return _subject_before(tokens, opening, text, base)
    if tok.low == "which" and j >= 2 and tokens[j - 1].text == "," and tokens[j - 2].is_cap:
        # "welcomed by Beijing, which described the embargo as": the body before it speaks
        body = _subject_before(tokens, j - 1, text, base)
        if body is not None and body.kind == "name":
            return body
    if tok.low == "who" and j >= 2 and (tokens[j - 1].text == "," or tokens[j - 1].is_cap):
        # "The Times' music critic Paul Connolly, who said", "Secretary Tessa Jowell who said"
        at = j if tokens[j - 1].is_cap else j - 1
        if at >= 3 and tokens[at - 1].text.isdigit() and tokens[at - 2].text == ",":
            at -= 2  # "Staunton, 49, who told": the age set off between
        person = _subject_before(tokens, at, text, base)
        if person is not None and person.kind == "name":
            return person
    if tok.low in PRONOUNS:
        return Subject("pronoun", head=tok.low, pos=base + tok.start)
    if tok.text == ",":
        seg1 = chunk_back(tokens, j - 1)
        k = j - 1 - len(seg1)
        if seg1 and k >= 1 and tokens[k].low == "with" and not tokens[k - 1].is_quote:
            # "Vincent Koen, a senior economist with the OECD, told": "with" joins the
            # appositive's post to its body, it opens no clause
            head = chunk_back(tokens, k - 1)
            if head and not head[0].is_cap:
                seg1 = [*head, *tokens[k:j]]
                k = k - 1 - len(head)
        if (
            seg1
            and len(seg1) == 1
            and seg1[0].low in ADVERB_ASIDE
            and k >= 0
            and tokens[k].text == ","
        ):
            return _subject_before(tokens, k + 1, text, base)  # "Lane, however, said"
        if seg1 and k >= 1 and tokens[k].low in RELATIVE and tokens[k - 1].text == ",":
            # "X, who ..., said" and "X, the head of Y, who ..., told"
            return _subject_before(tokens, k, text, base) or _subject_before(
                tokens, k - 1, text, base
            )
        if seg1 and (k < 0 or tokens[k].text != ",") and any(t.low in _AFFILIATION for t in seg1):
            # "Kirsten Pfeifer from the Consumer Electronics Association, told": a comma closes
            # an affiliation that no comma opened; the person before it speaks.
            person = analyse_chunk(list(seg1), text, base)
            if (
                person is not None
                and person.kind == "name"
                and not person.the_hint
                and len(person.tokens) >= 2
                and person.role
            ):
                return person
        if seg1 and k >= 0 and tokens[k].is_quote and len(seg1) >= 2:
            # "“...,” shop owner Hayriye Evren, told Associated Press": a stray comma between
            # the name right after the quotation and its verb.
            person = _plain_name(seg1, text, base)
            if person is not None:
                return person
        if not seg1 or k < 0 or tokens[k].text != ",":
            return _before_relative_clause(tokens, j, text, base)
        seg0 = chunk_back(tokens, k - 1)
        if not seg0:
            return None
        # "The Archbishop of Cardiff, the Most Reverend Peter Smith, told": a form of address.
        addressed = 1 if len(seg1) > 2 and seg1[0].low == "the" and seg1[1].is_cap else 0
        lead = addressed
        while lead < len(seg1) - 1 and not seg1[lead].is_cap and is_title(seg1[lead].text):
            lead += 1  # "The panel's chair, epidemiologist Choi Dong-hyun, called"
        # ("the chairman, Ambassador Stefan Johannesson of Iceland, warned": and where from)
        linking = NAME_PARTICLES if addressed else NAME_PARTICLES | {"of"}
        if seg1[lead].is_cap and all(t.is_cap or t.low in linking for t in seg1[lead:]):
            first = analyse_chunk(list(seg1[addressed:]), text, base)
            if (
                first is not None
                and first.kind == "name"
                and not first.the_hint
                # ("Tony Lloyd, the Manchester Central MP, whose ...": a post, not a name)
                and not (addressed and first.tokens[-1].bare.lower().rstrip(".") in TITLE_WORDS)
            ):
                # "Its chairman, Jonas Whitfield, told": the role comes before the name.
                if len(seg0) <= 6 and not seg0[-1].text.isdigit():
                    first.role = first.role or _clean_role(join(seg0, text))
                return first
        # "Jonas Whitfield, the company's chairman, said"; "Sarah Okafor, 45, a teacher, says".
        appositives = [seg1]
        for _ in range(3):
            if _is_name_segment(seg0):
                before = analyse_chunk(list(seg0), text, base)
                if before is None or before.kind != "name" or _after_preposition(seg0, before):
                    return None  # "The action, filed in Los Angeles Superior Court, also ..."
                described = [a for a in reversed(appositives) if not a[0].text.isdigit()]
                if described:
                    before.role = before.role or _clean_role(join(described[0], text))
                    if described[0][-1].bare.lower() in ORG_NOUNS:
                        before.the_hint = True  # "Millstone Foods, the region's largest supplier,"
                return before
            if not (seg0[0].text.isdigit() or seg0[0].low in APPOSITIVE_START):
                return None
            k = k - 1 - len(seg0)
            if k < 1 or tokens[k].text != ",":
                return None
            appositives.append(seg0)
            seg0 = chunk_back(tokens, k - 1)
            if not seg0:
                return None
        return None
    if is_boundary(tok):
        return None
    chunk = chunk_back(tokens, j)
    subject = analyse_chunk(chunk, text, base)
    start = j - len(chunk) + 1
    if (
        subject is not None
        and subject.kind == "name"
        and subject.tokens
        and subject.tokens[-1] is tok
        and not tok.possessive
        and j + 1 < i
        and re.fullmatch(r"\d{1,3}", tokens[j + 1].text)
        and tok.low not in MONTHS
    ):
        # "Radio 1 said", "Channel 4 said": the number is the name's last word.
        subject = dataclasses.replace(subject, tokens=(*subject.tokens, tokens[j + 1]))
    titled = not chunk[0].is_cap and is_title(chunk[0].text)  # "spokesman for firm Sendmail"
    if (
        subject is not None
        and subject.kind == "name"
        and (chunk[0].low in {"a", "an", "the"} or titled)
        and len(chunk) > 2
        and _after_preposition(chunk, subject, anywhere=titled)
        and start >= 2
        and tokens[start - 1].text == ","
    ):
        # "Erik van Sebille, a physical oceanographer at the University of New South Wales in
        # Sydney told Reuters": the appositive's closing comma is missing; the name speaks.
        person = _plain_name(
            chunk_back(tokens, start - 2), text, base, _clean_role(join(chunk, text))
        )
        if person is not None:
            return person
    if (
        subject is not None
        and subject.kind == "noun"
        and is_title(subject.head)
        and start >= 2
        and tokens[start - 1].text == ","
        and (any(t.low in _AFFILIATION for t in chunk) or chunk[0].is_cap)
    ):
        # "Paul Goosens, head of Preventon told the BBC", "Brent Bozell, PTC president and
        # conservative activist said": the same missing comma after a post.
        person = _plain_name(
            chunk_back(tokens, start - 2), text, base, _clean_role(join(chunk, text))
        )
        if person is not None:
            return person
    if (
        (subject is None or subject.kind == "noun")
        # ("Wanadoo's chief executive told": an owner's name may open the appositive)
        and (chunk[0].low in {"a", "an", "the"} or (chunk[0].possessive and len(chunk) >= 2))
        and not chunk[-1].is_cap
        and start >= 3
        and tokens[start - 1].text == ","
    ):
        # "“...,” Adam Hume, the BBC Broadcast's futurologist told the BBC", "“...,” Eric
        # Abensur, Wanadoo's chief executive told": right after the quotation, a name and an
        # appositive whose closing comma is missing.
        seg = chunk_back(tokens, start - 2)
        before = start - 2 - len(seg)
        if seg and before >= 0 and tokens[before].is_quote:
            person = _plain_name(seg, text, base, _clean_role(join(chunk, text)))
            if person is not None:
                return person
    if (
        subject is not None
        and subject.kind == "name"
        and start >= 2
        and tokens[start - 1].low == "who"
        and tokens[start - 2].text == ","
    ):
        # "Ms Robinson, who presents The Weakest Link tells Cockerell": the relative clause's
        # closing comma is missing; the person before it speaks.
        person = _subject_before(tokens, start - 2, text, base)
        if person is not None and person.kind == "name" and not person.the_hint:
            return person
    organisation = subject is not None and (subject.kind != "name" or subject.the_hint)
    lead = start + 1 if chunk and chunk[0].low in {"from", "at", "with", "of"} else start
    if (
        organisation
        and lead >= 3
        and tokens[lead - 1].low in {"from", "at", "with", "of"}
        and tokens[lead - 2].text == ","
    ):
        # "Mark Serwotka, from the Public and Commercial Services union said": the comma that
        # would close the affiliation is missing; the person before it speaks.
        person = _plain_name(
            chunk_back(tokens, lead - 3), text, base, join(tokens[lead - 1 : j + 1], text)
        )
        if person is not None:
            return person
    if organisation and start >= 2 and tokens[start - 1].low in _AFFILIATION:
        # "Patrol Chief James Hall with the New York Police Department said": the person
        # before the affiliation speaks, not the organisation.
        person = _plain_name(
            chunk_back(tokens, start - 2), text, base, join(tokens[start - 1 : j + 1], text)
        )
        if person is not None:
            return person
    return subject


def _plain_name(
    chunk: Sequence[Token], text: str, base: int, role: str | None = None
) -> Subject | None:
    """The person `chunk` names — a name, not an organisation's — with `role` as their role
    unless the chunk gives one; None otherwise."""
    person = analyse_chunk(list(chunk), text, base)
    if person is None or person.kind != "name" or person.the_hint:
        return None
    person.role = person.role or role
    return person


_AFFILIATION = frozenset("with of at from for".split())
_HEARSAY = frozenset("alleged reported understood believed thought said claimed".split())


def _passive_quoted(tokens: list[Token], i: int) -> int | None:
    """Where "quoted"/"reported" stands after a passive auxiliary a few words before the
    "saying" at `i` ("was quoted in the Herald newspaper saying"), else None."""
    for k in range(i - 2, max(1, i - 9), -1):
        if tokens[k].is_quote or tokens[k].text in {".", ";"}:
            return None
        if tokens[k].low in {"quoted", "reported", "cited"} and tokens[k - 1].low in PASSIVE_AUX:
            return k - 1
    return None


_OWNING = frozenset("his her their its our my your".split())
_FOND_OF = frozenset("likes like liked loves love loved tends tend tended used".split())
_SAY_WORDS = frozenset("say put call describe".split())
_PLACE_PREPOSITIONS = _AFFILIATION | frozenset("in on near".split())


def _after_preposition(chunk: list[Token], subject: Subject, *, anywhere: bool = False) -> bool:
    """Whether a name parsed from a chunk is the object of a preposition ("... in Sydney"), or
    with `anywhere` stands somewhere after one ("for e-mail software firm Sendmail")."""
    first = subject.tokens[0] if subject.tokens else None
    index = next((k for k, t in enumerate(chunk) if t is first), 0)
    if anywhere:
        return any(t.low in _PLACE_PREPOSITIONS for t in chunk[:index])
    return index > 0 and chunk[index - 1].low in _PLACE_PREPOSITIONS


_RELATIVE_REACH = 30  # tokens back from the verb to the ", who" of a long relative clause


def _before_relative_clause(
    tokens: list[Token], comma: int, text: str, base: int
) -> Subject | None:
    """ "Lieutenant Tri Wobowo, who co-piloted the aircraft that first saw the debris, told":
    the subject stands before the ", who" that opens the clause ending at `comma`."""
    for w in range(comma - 1, max(0, comma - _RELATIVE_REACH), -1):
        if tokens[w].low in RELATIVE and w > 1 and tokens[w - 1].text == ",":
            for verb_at in (w - 1, w):  # "X, who", then "Its chairman, X, who"
                subject = _subject_before(tokens, verb_at, text, base)
                if subject is not None and subject.kind == "name":
                    return subject
            return None
        if tokens[w].is_quote:
            return None
    return None


def _is_name_segment(seg: Sequence[Token]) -> bool:
    """A clause segment ending in a capitalised name (possibly after lower-case role words)."""
    return bool(seg) and seg[-1].is_cap and seg[0].low not in APPOSITIVE_START - {"the"}


def _clean_role(role: str) -> str:
    return re.sub(r"^(?:a|an|the|its|their)\s+", "", role.strip(), flags=re.IGNORECASE)


_CLAUSE_AUX = frozenset(
    "have has had is are was were will would could can should may might must did do does".split()
)


def _subject_after(tokens: list[Token], i: int, text: str, base: int) -> tuple[Subject | None, int]:
    """Parse an inverted subject: ``"...," said Jonas Whitfield, the company's chairman``."""
    k = i + 1
    chunk: list[Token] = []
    owner: list[Token] = []  # "said Sky Networks' Sophie Turner Laing": the name's owner
    while k < len(tokens):
        t = tokens[k]
        if (
            t.text in {"'", "’"}
            and chunk
            and chunk[-1].is_cap
            and chunk[-1].text.endswith("s")
            and k + 2 < len(tokens)
            and tokens[k + 1].is_cap
            and tokens[k + 2].is_cap
        ):
            owner, chunk = [x for x in chunk if x.low not in {"the", "a", "an"}], []
            k += 1
            continue
        if t.is_quote or not t.is_word:
            break
        if (
            not chunk
            and t.low in NAME_PARTICLES
            and k + 1 < len(tokens)
            and tokens[k + 1].is_cap
            and tokens[k + 1].is_word
        ):
            chunk.append(t)  # "said van Sebille"
            k += 1
            continue
        if (
            t.is_cap
            or t.low in {"the", "a", "an"}
            or (not chunk and t.low in {"one", "another"})  # "wrote one reviewer"
            or t.low in TITLE_WORDS
            or (t.low in CONNECTORS and chunk and k + 1 < len(tokens) and tokens[k + 1].is_cap)
            or (  # "said Prudential Equity Group insurance analyst Jay Gelb": a role's modifier
                chunk
                and chunk[-1].is_cap
                and k + 2 < len(tokens)
                and tokens[k + 1].low in TITLE_WORDS
                and tokens[k + 2].is_cap
            )
            or (  # "said Aviator star Alan Alda": a role word the lists don't know, then a name
                chunk
                and chunk[-1].is_cap
                and t.is_word
                and k + 2 < len(tokens)
                and tokens[k + 1].low in GIVEN_NAMES
                and tokens[k + 1].is_cap
                and tokens[k + 2].is_cap
                and tokens[k + 2].is_word
            )
        ):
            chunk.append(t)
        elif t.bare.lower() in ORG_NOUNS | PERSON_NOUNS | ANONYMOUS or t.low in PRONOUNS:
            chunk.append(t)
            k += 1
            if t.low in PRONOUNS:
                break
            continue
        else:
            break
        k += 1
    # Trailing weekdays are not part of the name ("said Putin Thursday").
    while chunk and chunk[-1].low in TIME_WORDS:
        chunk.pop()
        k -= 1
    if chunk and chunk[0].low == "the" and k < len(tokens) and tokens[k].is_word:
        # "said the Spurs sporting director.": lower-case words up to the clause's end that end
        # in a role are the subject's head.
        m = k
        while m < len(tokens) and m - k < 3 and tokens[m].is_word and not tokens[m].is_cap:
            m += 1
        ends_clause = m == len(tokens) or tokens[m].text in {".", ",", ";", "!", "?"}
        last = tokens[m - 1].bare.lower()
        if (
            ends_clause
            and m > k
            and (
                last in TITLE_WORDS
                or last in PERSON_NOUNS
                or is_age_noun(last)
                or dash_title(last) != last  # "said the great-grandfather,"
            )
        ):
            chunk, k = chunk + tokens[k:m], m
    if not chunk:
        named = _owned_role_then_name(tokens, i + 1, text, base)
        if named is not None:
            return named
        chunk, k = _lowercase_led_subject(tokens, i + 1)
    if not chunk:
        return None, i + 1
    if (
        len(chunk) == 1
        and chunk[0].low in _INDEFINITE
        and k + 2 < len(tokens)
        and tokens[k].is_word
        and not tokens[k].is_cap
        and tokens[k + 1].low in _AFFILIATION
        and (tokens[k + 2].is_cap or tokens[k + 2].low == "the")
    ):
        # "said a member of GreatFire.org": a noun the lists don't know, then its affiliation.
        k += 3 if tokens[k + 2].low == "the" else 2
        while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word:
            k += 1
        chunk = tokens[i + 1 : k]
    if (
        len(chunk) == 1
        and is_plural_person(chunk[0].low)
        and k + 1 < len(tokens)
        and tokens[k].low in {"at", "from"}
        and tokens[k + 1].is_cap
        and tokens[k + 1].is_word
    ):
        # "wrote analysts from Citigroup Smith Barney": unnamed people of an organisation.
        m = k + 1
        while m < len(tokens) and tokens[m].is_cap and tokens[m].is_word:
            m += 1
        name = tuple(tokens[k + 1 : m])
        anon = Subject(
            "anon", tokens=name, head=chunk[0].low, the_hint=True, pos=base + chunk[0].start
        )
        return anon, m
    if (
        len(chunk) > 3
        and chunk[0].low in _INDEFINITE
        and not chunk[1].is_cap
        and chunk[2].low in _AFFILIATION
    ):
        # "said a friend of Ana Lind", "a spokesman for Acme": someone unnamed, who may speak
        # for the organisation named.
        name = [t for t in chunk[3:] if t.low != "the"]
        anon = Subject("anon", tokens=tuple(name), head=chunk[1].low, pos=base + chunk[0].start)
        return anon, k
    if k < len(tokens) and tokens[k].low in _CLAUSE_AUX:
        return None, i + 1  # "..., said the Marines have become": the start of what was said
    subject = analyse_chunk(chunk, text, base)
    if subject is None:
        return None, i + 1
    if owner and subject.kind == "name":
        subject.role = subject.role or join(owner, text)
    if subject.kind == "noun" and k + 2 < len(tokens) and tokens[k].text == ",":
        # "said EEF chief economist, Steve Radley.": the role, then the person's name.
        m = k + 1
        while m < len(tokens) and tokens[m].is_cap and tokens[m].is_word and m - k <= 3:
            m += 1
        ends = m == len(tokens) or tokens[m].text in {".", ",", ";", "!", "?"}
        if ends and m - (k + 1) >= 2:
            named = analyse_chunk(list(tokens[k + 1 : m]), text, base)
            if named is not None and named.kind == "name":
                named.role = named.role or _clean_role(join(chunk, text))
                return named, m
    # Apposition after the name: ", the company's chairman," / ", a spokeswoman for X".
    if k < len(tokens) and tokens[k].text == "," and subject.kind == "name":
        m = k + 1
        appos: list[Token] = []
        while m < len(tokens) and tokens[m].is_word and not tokens[m].is_quote:
            appos.append(tokens[m])
            m += 1
        if appos and appos[0].low in {"the", "a", "an", "its", "their", "his", "her"}:
            subject.role = subject.role or _clean_role(join(appos, text))
            k = m
    return subject, k


_LOOSE_ROLE_WORDS = 4  # lower-case words an inverted subject may start with ("eighth seed")


def _owned_role_then_name(
    tokens: list[Token], k: int, text: str, base: int
) -> tuple[Subject, int] | None:
    """An inverted subject of the form "said its chief executive, Sir Howard Newby.": a role
    owned by someone named before, a comma, then the person's name ending the clause."""
    if k >= len(tokens) or tokens[k].low not in {"its", "his", "her", "their"}:
        return None
    m = k + 1
    while m < len(tokens) and m - k <= 4 and tokens[m].is_word and not tokens[m].is_cap:
        m += 1
    last = tokens[m - 1].bare.lower()
    if m == k + 1 or m >= len(tokens) or tokens[m].text != ",":
        return None
    if not (last in TITLE_WORDS or last in PERSON_NOUNS or is_title(last)):
        return None
    end = m + 1
    while end < len(tokens) and tokens[end].is_cap and tokens[end].is_word and end - m <= 4:
        end += 1
    if end - (m + 1) < 2 or (
        end < len(tokens) and tokens[end].text not in {".", ",", ";", "!", "?"}
    ):
        return None
    named = analyse_chunk(list(tokens[m + 1 : end]), text, base)
    if named is None or named.kind != "name":
        return None
    named.role = named.role or join(tokens[k:m], text)
    return named, end


def _lowercase_led_subject(tokens: list[Token], k: int) -> tuple[list[Token], int]:
    """An inverted subject that opens with lower-case words the lists don't know, up to the end
    of its clause: "said eighth seed Agassi.", "said one London-based broker." (a name, or a
    person's noun). Empty when the words read as anything else ("said on Friday that ...")."""
    m = k
    while m < len(tokens) and tokens[m].is_word and not tokens[m].is_quote:
        m += 1
    chunk = tokens[k:m]
    ends_clause = m == len(tokens) or tokens[m].text in {".", ",", ";", "!", "?"}
    if not chunk or not ends_clause or len(chunk) > _LOOSE_ROLE_WORDS + 3:
        return [], k
    lead = [t for t in chunk if not t.is_cap]
    if any(t.low in PREPOSITIONS or t.low in CLAUSE_VERBS or t.low in _CLAUSE_AUX for t in lead):
        return [], k
    last = chunk[-1].bare.lower()
    if chunk[-1].is_cap:
        cap_from = next(j for j in range(len(chunk)) if all(t.is_cap for t in chunk[j:]))
        if cap_from > _LOOSE_ROLE_WORDS or any(t.is_cap for t in chunk[:cap_from]):
            return [], k
        if any(t.low in TIME_WORDS or t.low in WEEKDAYS or t.low in MONTHS for t in chunk):
            return [], k
        return chunk, m
    if chunk[0].low in _INDEFINITE and (last in PERSON_NOUNS or last in TITLE_WORDS):
        return chunk, m
    return [], k


def _phrase_until_stop(tokens: list[Token], k: int, text: str) -> tuple[str | None, int]:
    m = k
    while m < len(tokens):
        t = tokens[m]
        if t.is_quote or (not t.is_word and t.text not in "-’'&"):
            break
        if t.low == "that" and m > k:
            nxt = tokens[m + 1].low if m + 1 < len(tokens) else ""
            if nxt not in {"was", "were", "is", "are", "has", "had", "aired", "appeared", "ran"}:
                break
        elif t.low in SOURCE_STOP and m > k:
            break
        elif t.low == "and" and m + 1 < len(tokens) and tokens[m + 1].low in SPEECH_VERBS:
            break  # "in a statement and said it had asked ..."
        m += 1
    if m == k:
        return None, k
    return join(tokens[k:m], text), m


def _source_after(tokens: list[Token], k: int, verb: str, text: str) -> str | None:
    """The medium phrase after a speech verb: "in an evening address Thursday", "told reporters"."""
    if verb in {"told", "tells", "telling"}:
        phrase, m = _phrase_until_stop(tokens, k - 1, text)
        if phrase is None:
            return None
        # Stop where the object ends and reported speech begins: "told shareholders the plan was".
        cut = m
        for n in range(k + 1, m):
            low = tokens[n].low
            if low in CLAUSE_VERBS or (
                low in {"the", "a", "an", "its", "their", "his", "her", "our"}
                and tokens[n - 1].low not in PREPOSITIONS
            ):
                cut = n
                break
        return join(tokens[k - 1 : cut], text) if cut > k else None
    m = k
    skipped = 0
    while m < len(tokens) and skipped < 4:
        t = tokens[m]
        if t.low in TIME_WORDS or t.text.isdigit():
            if t.low == "on" and m + 1 < len(tokens) and tokens[m + 1].low not in TIME_WORDS:
                break
            m += 1
            skipped += 1
            continue
        break
    if m >= len(tokens):
        return None
    phrase = _medium_phrase(tokens, m, text)
    if phrase is not None or verb not in _OBJECT_VERBS:
        return phrase
    # "called the strike “unlawful” in a statement": past the object and the quotation.
    for n in range(m + 1, min(len(tokens), m + 10)):
        if tokens[n].low in CLAUSE_BOUNDARY or tokens[n].text in ".;" or tokens[n].low == "and":
            break
        if tokens[n - 1].is_quote:
            return _medium_phrase(tokens, n, text)
    return None


_OBJECT_VERBS = frozenset("called calls calling described describes describing".split())


def _medium_phrase(tokens: list[Token], m: int, text: str) -> str | None:
    """ "in an evening address Thursday", "on Telegram" starting at token `m`, if it is one."""
    t = tokens[m]
    window = tokens[m : m + 6]
    if t.low in {"in", "on", "during", "at", "via", "through", "a", "an"}:
        has_medium = any(w.bare.lower() in MEDIUM_NOUNS for w in window[1:])
        if t.low in {"on", "via"} and len(window) > 1 and window[1].is_cap:
            has_medium = window[1].low not in WEEKDAYS | MONTHS
        if has_medium:
            phrase, _ = _phrase_until_stop(tokens, m, text)
            return phrase
    return None


def _leading_source(tokens: list[Token], verb: int, text: str) -> str | None:
    """A medium phrase opening the sentence: "In a letter to customers, X wrote: ..."."""
    if not tokens or tokens[0].low not in {"in", "during", "on", "at"}:
        return None
    for m, tok in enumerate(tokens[:verb]):
        if tok.text == ",":
            phrase = tokens[:m]
            if any(t.bare.lower() in MEDIUM_NOUNS for t in phrase[1:]):
                return join(phrase, text)
            return None
        if not tok.is_word or tok.is_quote:
            return None
    return None


def _according_np(tokens: list[Token], k: int) -> list[Token]:
    m = k
    while m < len(tokens) and tokens[m].is_word and not tokens[m].is_quote:
        m += 1
    return tokens[k:m]


# --------------------------------------------------------------------------- tags


def find_tags(paragraphs: list[ParsedParagraph]) -> None:
    """Find the speech tags of every sentence of every paragraph (into ``p.tags``)."""
    for p in paragraphs:
        text = p.masked
        base = p.para.start
        previous: list[Token] = []
        for s_index in range(len(p.sentences)):
            tokens = p.sentence_tokens(s_index)
            _tags_in_sentence(p, _without_asides(tokens), text, base, s_index)
            signature = _name_alone(previous, tokens, text, base, s_index)
            if signature is not None:
                p.tags.append(signature)
            previous = tokens


def _without_asides(tokens: list[Token]) -> list[Token]:
    """The tokens without short bracketed asides ("the Centre of Indian Trade Unions (CITU),
    said"), which would otherwise cut the subject off from its verb."""
    kept: list[Token] = []
    k = 0
    while k < len(tokens):
        if tokens[k].text == "(":
            close = next(
                (j for j in range(k + 1, min(k + 10, len(tokens))) if tokens[j].text == ")"), None
            )
            if close is not None and not any(t.is_quote for t in tokens[k:close]):
                k = close + 1
                continue
        kept.append(tokens[k])
        k += 1
    return kept


_DETERMINERS = frozenset("his her its their our my your the a an this these those".split())
_CLAUSE_OPENERS = PREPOSITIONS | frozenset("after before when while as despite if".split())


def _tags_in_sentence(
    p: ParsedParagraph, tokens: list[Token], text: str, base: int, s_index: int
) -> None:
    verbless = _verbless_tag(tokens, text, base, s_index)
    if verbless is not None:
        p.tags.append(verbless)
    for i, tok in enumerate(tokens):
        low = tok.low
        words_of = [t.low for t in tokens[i : i + 4]] == ["in", "the", "words", "of"]
        if words_of or (low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to"):
            # "according to X"; "a “death penalty”, in the words of lawyer X"
            np_tokens = _according_np(tokens, i + (4 if words_of else 2))
            source = join([tok, *np_tokens], text) if np_tokens else None
            subject = _according_subject(np_tokens, text, base)
            end = np_tokens[-1].end if np_tokens else tokens[i + 1].end
            p.tags.append(
                Tag("according", base + tok.start, base + end, subject, source, s_index, True)
            )
            continue
        if tok.text == ":" and i + 1 < len(tokens) and tokens[i + 1].is_quote:
            # "Prelogar: “...”", "Alito cut her off: “...”": the sentence's subject speaks.
            if not any(t.sentence == s_index and not t.according for t in p.tags):
                subject = _main_subject(tokens[:i], text, base)
                if subject is not None:
                    p.tags.append(
                        Tag(":", base + tok.start, base + tok.end, subject, None, s_index)
                    )
            continue
        if low == "put" and i + 1 < len(tokens) and tokens[i + 1].low == "it":
            low = "put it"  # "as the New York Times put it"
        elif low in _QUOTATIVES and _quotative(tokens, i):
            subject = _quotative_subject(tokens, i, base)
            p.tags.append(Tag(low, base + tok.start, base + tok.end, subject, None, s_index))
            continue
        elif low not in SPEECH_VERBS:
            continue
        if i > 0 and tok.is_cap and tokens[i - 1].is_cap:
            continue  # "the United States' increasing ...": a name's word, not a verb
        prev_low = tokens[i - 1].low if i > 0 else ""
        if (
            i + 2 < len(tokens)
            and tokens[i + 1].low == "by"
            and (
                tokens[i + 2].low in {"the", "a", "an", "his", "her", "their"}
                or tokens[i + 2].is_cap
            )
        ):
            continue  # "recalled by the Reich", "praised by Smith": said of them, not by them
        if prev_low in PASSIVE_AUX and not low.endswith("ing"):  # "is alleging": active
            p.passive.add(s_index)  # "she was warned that ...": not her words
            continue
        if prev_low in _DETERMINERS or (
            i > 0
            and tokens[i - 1].is_word
            and (tokens[i - 1].text.endswith(("’", "'")) or tokens[i - 1].possessive)
        ):
            continue  # "his claims", "the call", "Moody’s Analytics’ forecast": a noun
        cap = i - 1
        while cap >= 0 and tokens[cap].is_cap and tokens[cap].is_word:
            cap -= 1
        if cap < i - 1 and cap >= 0 and tokens[cap].low in _OWNING:
            continue  # "to keep alive their Grand Slam hopes": a noun with its modifier
        if i + 1 < len(tokens) and (low, tokens[i + 1].low) in _COMPOUND_NOUNS:
            continue  # "asking prices have fallen": a noun, nobody asks
        if i == 1 and tokens[0].is_cap and len(prev_low) > 5 and prev_low.endswith("ing"):
            continue  # "Addressing claims that ..., Mr Michael told": a participle's object
        quoted_at = _passive_quoted(tokens, i) if low == "saying" else None
        if (
            low == "saying"
            and prev_low == "as"
            and i >= 3
            and tokens[i - 2].low in {"reported", "quoted", "heard", "cited"}
            and tokens[i - 3].low in PASSIVE_AUX
        ):
            # "Mr Kapor is reported as saying", "she was quoted as saying": the passive's subject.
            subject = _subject_before(tokens, i - 3, text, base)
        elif quoted_at is not None:
            # "Mr Houston was quoted in the Herald newspaper saying": the passive's subject.
            subject = _subject_before(tokens, quoted_at, text, base)
        elif (
            prev_low == "have"
            and i >= 5
            and tokens[i - 2].low == "to"
            and tokens[i - 3].low in _HEARSAY
            and tokens[i - 4].low in PASSIVE_AUX
        ):
            # "Mr Houston is alleged to have said that ...": the passive's subject.
            subject = _subject_before(tokens, i - 4, text, base)
        elif (
            low == "saying"
            and prev_low == "as"
            and (quoted := _quoted_as(tokens, i - 1)) is not None
        ):
            # "the Interfax news agency quoted Mr Khodorkovsky as saying": who was quoted.
            subject = analyse_chunk(tokens[quoted + 1 : i - 1], text, base)
        elif prev_low == "to" and i >= 3 and tokens[i - 2].low in _FOND_OF and low in _SAY_WORDS:
            subject = _subject_before(tokens, i - 2, text, base)  # "as Ted Cruz likes to say"
        elif prev_low == "to":
            if i >= 2 and tokens[i - 2].low in {"as", "than", "except", "only"}:
                # "went so far as to call"; "declined to address it other than to say"
                subject = _main_subject(tokens[: i - 1], text, base)
            elif i >= 2 and tokens[i - 2].is_cap and tokens[i - 2].is_word:
                subject = _subject_before(tokens, i - 1, text, base)  # "prompted Engoron to quip"
            else:
                continue
        else:
            subject = _subject_before(tokens, i, text, base)
        if (
            subject is not None
            and low.endswith("ing")
            and _object_of_preposition(tokens, subject.pos - base)
        ):
            # "issuing a statement through Arsenal describing it as ...": the participle's
            # subject is the clause's, not the preposition's object before it.
            subject = _main_subject(tokens[:i], text, base)
        if (
            subject is None
            and low.endswith("ing")
            and i > 0
            and (tokens[i - 1].text == "," or tokens[i - 1].text in _DASHES)
        ):
            # "X tried ..., telling his lawyer"; "Christie quit—telling a town hall"; "Hachette
            # cancelled it, although Stephen King
            # was among those questioning it, writing": the nearest clause's subject
            start = next(
                (
                    j + 1
                    for j in range(i - 2, 0, -1)
                    if tokens[j].low in _CONCESSIVE
                    and j + 1 < i
                    and (tokens[j + 1].is_cap or tokens[j + 1].low in PRONOUNS)
                ),
                0,
            )
            subject = (
                (start and _main_subject(tokens[start:i], text, base))
                or _main_subject(tokens[:i], text, base)
                or _name_before_verb(tokens, i - 1, text, base)
            )
        if subject is None and low.endswith("ing"):
            # "Spears was named best female, sending a message on video saying ...": the
            # participle clause's subject is the sentence's.
            opener = next(
                (
                    j
                    for j in range(i - 1, 0, -1)
                    if tokens[j - 1].text == "," and tokens[j].low.endswith("ing")
                ),
                None,
            )
            if opener is not None:
                subject = _main_subject(tokens[: opener - 1], text, base)
            elif low == "saying" and i > 2 and tokens[i - 1].is_word:
                # "Plus.net also backed the proposals saying “...”": the clause's subject.
                subject = _main_subject(tokens[:i], text, base)
        conj = i - 1
        while conj > 0 and tokens[conj].low in SKIP_BEFORE_VERB and tokens[conj].low != "and":
            conj -= 1  # "... but has admitted": the conjunction before the auxiliary
        if tokens[conj].low not in {"and", "but"}:
            # "... but in an interview last year argued": a short phrase after the conjunction
            for k in range(conj, max(0, conj - 4), -1):
                if not tokens[k].is_word or tokens[k].is_cap:
                    break
                if tokens[k].low in _PLACE_PREPOSITIONS and tokens[k - 1].low in {"and", "but"}:
                    conj = k - 1
                    break
        if (
            subject is None
            and tokens[conj].low in {"and", "but"}
            and conj >= 1
            and not tokens[conj - 1].is_cap
            and i + 1 < len(tokens)
            and (
                tokens[i + 1].is_quote
                or tokens[i + 1].low in {":", ",", "that", "of"}
                or (
                    (low.endswith("ed") or low in {"said", "says"})
                    and any(t.is_quote for t in tokens[i + 1 :])
                )
                or low in {"said", "says"}  # "AOL backed the cuts but said regulation ..."
            )
        ):
            subject = _main_subject(tokens[:conj], text, base)  # "X spoke on Friday and said"
        inverted = False
        after = i + 1
        if (
            subject is not None
            and subject.kind == "name"
            and len(subject.tokens) == 1
            and prev_low == ","
            and low in INVERTIBLE
        ):
            # "... once he realised the journalist was Jewish, said Mr Blair.": the name after
            # the verb, ending its clause, speaks; the word before the comma ends another clause
            named, named_end = _subject_after(tokens, i, text, base)
            if (
                named is not None
                and named.kind == "name"
                and (
                    named_end >= len(tokens)
                    or tokens[named_end].text in {".", ",", "!", "?", ";"}
                    or tokens[named_end].is_quote
                )
            ):
                subject, after, inverted = named, named_end, True
        if subject is None and low in INVERTIBLE:
            prev = tokens[i - 1] if i > 0 else None
            if (
                prev is not None
                and prev.text in {"'", "’", "`"}
                and i > 1
                and tokens[i - 2].is_quote
            ):
                prev = tokens[i - 2]  # "“... person,"' said Rep. Tony Cardenas": a stray mark
            if prev is None or prev.is_quote or prev.text in ",:—–":
                subject, after = _subject_after(tokens, i, text, base)
                inverted = subject is not None
                if not inverted:
                    after = i + 1
        if subject is None and prev_low == "," and low in INVERTIBLE | {"said", "says"}:
            # "Thomas Hoenig, the Fed's longest-serving policymaker and one of 10 people who
            # decides ..., said that": a long aside between the sentence's subject and its verb.
            main = _main_subject(tokens[:i], text, base)
            if main is not None and main.kind in {"name", "pronoun"}:
                subject = main
        source = _source_after(tokens, after, low, text) or _leading_source(tokens, i, text)
        if subject is not None and subject.kind == "doc" and source is None:
            source = subject.phrase
        end = tokens[after - 1].end if after - 1 < len(tokens) else tok.end
        p.tags.append(
            Tag(low, base + tok.start, base + end, subject, source, s_index, inverted=inverted)
        )


_INDEFINITE = frozenset("a an one".split())
_DASHES = frozenset("- – —".split())
_QUOTATIVES = frozenset("go goes went like".split())
# A speech verb's form that opens a compound noun with the next word.
_COMPOUND_NOUNS = frozenset({("asking", "price"), ("asking", "prices")})

_AUXILIARIES = frozenset("has have had will would can could may might must shall should".split())
_BE_FORMS = frozenset("is are was were am be been being 's 're 'm ’s ’re ’m".split())


def _quoted_as(tokens: list[Token], as_index: int) -> int | None:
    """The index of "quoted" or "cited" in "X quoted Mr Y as saying", when a capitalised name
    (with its role words) stands between it and the "as"."""
    for k in range(as_index - 1, max(-1, as_index - 6), -1):
        if tokens[k].low in {"quoted", "cited", "quotes", "cites", "quoting", "citing"}:
            between = tokens[k + 1 : as_index]
            if between and between[-1].is_cap and all(t.is_word for t in between):
                return k
            return None
    return None


def _quotative(tokens: list[Token], i: int) -> bool:
    """Spoken-style reporting right before a quotation: "I go, “…”", "they're like, “…”"."""
    after = tokens[i + 1 : i + 3]
    if not after or not (
        after[0].is_quote or (after[0].text in {",", ":"} and len(after) > 1 and after[1].is_quote)
    ):
        return False
    if tokens[i].low != "like":
        return i > 0 and (tokens[i - 1].low in PRONOUNS or tokens[i - 1].is_cap)
    if i == 0:
        return False
    prev = tokens[i - 1].low
    return prev in _BE_FORMS or any(prev.endswith(b) for b in _BE_FORMS if b[0] in "'’")


def _quotative_subject(tokens: list[Token], i: int, base: int) -> Subject | None:
    """The pronoun or name before a quotative ("they're like", "Ava goes")."""
    j = i - 1
    if tokens[i].low == "like" and tokens[j].low in _BE_FORMS and j > 0:
        j -= 1
    word = tokens[j]
    head = re.split(r"['’]", word.low)[0]
    if head in PRONOUNS:
        return Subject("pronoun", head=head, pos=base + word.start)
    if word.is_cap and word.is_word:
        return Subject("name", tokens=(word,), pos=base + word.start)
    return None


def _name_alone(
    previous: list[Token], tokens: list[Token], text: str, base: int, s_index: int
) -> Tag | None:
    """A name standing alone as a sentence right after a quotation: "“We start somewhere.”
    Kheradpir. “...”" (a dropped "said"); the name speaks the quotation before it."""
    if not previous or not previous[-1].is_quote or len(tokens) < 2 or tokens[-1].text != ".":
        return None
    name = tokens[:-1]
    if not 1 <= len(name) <= 3 or not all(t.is_cap and t.is_word for t in name):
        return None
    subject = analyse_chunk(list(name), text, base)
    if subject is None or subject.kind != "name":
        return None
    start, end = base + name[0].start, base + tokens[-1].end
    return Tag("", start, end, subject, None, s_index - 1, inverted=True)


def _verbless_tag(tokens: list[Token], text: str, base: int, s_index: int) -> Tag | None:
    """A sentence that is a quotation and a name with its role and no verb: "“...,” Jay Roe, a
    vice president at Acme." (a dropped "said"); the name is then the speaker."""
    if len(tokens) < 4 or not tokens[0].is_quote:
        return None
    if any(t.low in SPEECH_VERBS for t in tokens):
        return None
    dashed = tokens[1].text in _DASHES
    first = 2 if tokens[1].text == "," else 1
    while dashed and first < len(tokens) and tokens[first].text in _DASHES:
        first += 1  # "“Life doesn't get easier ...” -- Steve Maraboli, Life, ...": an epigraph
    k = first
    while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word:
        k += 1
    if not 2 <= k - first <= 3:
        return None
    if dashed or (k + 1 == len(tokens) and tokens[k].text == "."):
        # the epigraph's author; or "“..., a difficult period,” Mr Bootle.": "said" left out
        if dashed and k < len(tokens) and tokens[k].text not in {",", "."}:
            return None
        named = analyse_chunk(list(tokens[first:k]), text, base)
        if named is None or named.kind != "name" or (not dashed and named.the_hint):
            return None
        start, end = base + tokens[first].start, base + tokens[k - 1].end
        return Tag("", start, end, named, None, s_index, inverted=True)
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return None
    if tokens[k + 1].low not in {"a", "an", "the"} and not is_title(tokens[k + 1].bare):
        return None
    subject = analyse_chunk(list(tokens[first:k]), text, base)
    if subject is None or subject.kind != "name":
        return None
    role = [t for t in tokens[k + 1 :] if t.is_word and not t.is_quote]
    subject.role = subject.role or _clean_role(join(role, text))
    start, end = base + tokens[first].start, base + tokens[-1].end
    return Tag("", start, end, subject, None, s_index, inverted=True)


def _object_of_preposition(tokens: list[Token], start: int) -> bool:
    """Whether the phrase starting at local offset `start` is a preposition's object
    ("through Arsenal", "from the club"); not after "with" ("with Putin saying")."""
    k = next((j for j, t in enumerate(tokens) if t.start == start), None)
    if k is None or k == 0:
        return False
    before = tokens[k - 1].low
    return before in PREPOSITIONS and before not in {"with", "without"}


def _name_before_verb(tokens: list[Token], end: int, text: str, base: int) -> Subject | None:
    """ "..., Christie quit—telling": the name right before the short verb phrase that ends at
    `end` (exclusive)."""
    k = end - 1
    while k >= 0 and end - k <= 3 and tokens[k].is_word and not tokens[k].is_cap:
        k -= 1
    if k == end - 1 or k < 0 or not tokens[k].is_cap:
        return None
    j = k
    while j > 0 and tokens[j - 1].is_cap and tokens[j - 1].is_word:
        j -= 1
    named = analyse_chunk(list(tokens[j : k + 1]), text, base)
    return named if named is not None and named.kind == "name" else None


_CONCESSIVE = frozenset("although though while whereas but".split())


def _main_subject(tokens: list[Token], text: str, base: int) -> Subject | None:
    """The subject that opens a clause: "Judge Arthur Engoron, who ..., tried", "She ...".

    A leading adverbial phrase up to its comma ("In comments on Tuesday, the minister ...") and
    leading function words are skipped; the subject is a pronoun or a capitalised name with its
    role words.
    """
    k = 0
    if tokens and (
        tokens[0].low in _CLAUSE_OPENERS
        or (tokens[0].low.endswith("ing") and (not tokens[0].is_cap or len(tokens[0].low) > 5))
    ):
        # "In comments on Tuesday, the minister", "Shivering in a dress, the actress joked"
        comma = next((j for j, t in enumerate(tokens) if t.text == ","), None)
        if comma is None:
            return None
        k = comma + 1
    elif len(tokens) > 1 and tokens[0].low in ADVERB_ASIDE and tokens[1].text == ",":
        k = 2  # "However, the BCC found ... and warned"
    while k < len(tokens) and tokens[k].low in LEADING_FUNCTION - {"the"}:
        k += 1
    if k >= len(tokens) or tokens[k].is_quote:
        return None
    if tokens[k].low in PRONOUNS:
        return Subject("pronoun", head=tokens[k].low, pos=base + tokens[k].start)
    if tokens[k].low == "the":
        # "the Australian-born actress stopped ... and joked": a described person
        for h in range(k + 1, min(len(tokens) - 1, k + 5)):
            if not tokens[h].is_word:
                break
            if (
                tokens[h].low in TITLE_WORDS | PERSON_NOUNS
                and not tokens[h + 1].is_cap
                and tokens[h + 1].low not in TITLE_WORDS | PERSON_NOUNS  # "the Tory leader"
            ):
                described = analyse_chunk(list(tokens[k : h + 1]), text, base)
                if described is not None and described.kind == "noun":
                    return described
                break
    j = k
    while (
        j < len(tokens)
        and tokens[j].is_word
        and not tokens[j].is_quote
        and (
            tokens[j].is_cap
            or tokens[j].low in TITLE_WORDS
            or tokens[j].low in {"the", "of"}
            or (j > k and tokens[j].low in ORG_NOUNS)  # "Anti-abortion group the Pro-Life ..."
        )
    ):
        j += 1
    if j == k or not tokens[j - 1].is_cap:
        return None
    return analyse_chunk(list(tokens[k:j]), text, base)


def _according_subject(np_tokens: list[Token], text: str, base: int) -> Subject | None:
    if not np_tokens:
        return None
    # "according to an NBC News translation of the Kremlin's readout": the document counts.
    for tok in np_tokens:
        if tok.bare.lower() in DOC_NOUNS:
            return analyse_chunk(list(np_tokens), text, base)
        if tok.bare.lower() in OWNED_DOC_NOUNS:
            # "a 2014 report from the World Bank" speaks for the bank; "a report", for nobody.
            owned = analyse_chunk(list(np_tokens), text, base)
            if owned is not None and owned.kind == "doc":
                return owned
    chunk: list[Token] = []
    for tok in np_tokens:
        if tok.low in {"who", "which", "that", "in", "on", "at", "during", "after", "cited"}:
            break
        if chunk and tok.low in _BE_FORMS | _AUXILIARIES:
            break  # "according to Gartner analyst Carolina Milanesi is “seldom strong”"
        if chunk and tok.low.endswith("ing") and len(tok.low) > 5 and not tok.is_cap:
            break  # "the union representing workers"
        chunk.append(tok)
    if any(t.bare.lower() in MEDIUM_ONLY for t in chunk):
        return None
    # "according to Jane Roe, a spokeswoman": the name is first.
    return analyse_chunk(chunk, text, base)
