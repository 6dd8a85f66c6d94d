"""Quotations get their speakers; the article's analysis is assembled and memoised.

A quotation takes the speaker of the tag in its sentence (a tag right next to it first). A quotation
without a tag takes the speaker of the other quotations in its paragraph, of the quotation it
continues, or of the previous paragraph; all pieces of a quotation running over several paragraphs
share one speaker. Paragraphs that only report someone take that tag's speaker. `analyse_article`
runs the stages (marks, tokens, tags, entities, resolution, attribution) once per article text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.articles import Article
from retrieval.models import Attribution, ParagraphKind, Quote
from retrieval.quotes.entities import Cluster, EntityTable
from retrieval.quotes.lexicon import NAMING_CUES, PERSON_NOUNS, ROLE_CLASS, WORK_NOUNS
from retrieval.quotes.marks import Piece
from retrieval.quotes.phrases import is_title as is_role_word
from retrieval.quotes.resolve import Resolver
from retrieval.quotes.tags import ParsedParagraph, Tag, find_tags, read_paragraphs

# What may stand before a paragraph's opening quotation mark: a stray colon or dash of the page.
_LEAD_PUNCTUATION = " :;-–—"


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """What one article says about a speaker: canonical name, role, kind and the names it uses."""

    name: str
    role: str | None
    kind: str
    aliases: tuple[str, ...]
    description: str = ""  # every role and appositive the article gives them, joined


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything extraction found in one article."""

    quotes: tuple[Quote, ...]
    attributions: dict[int, Attribution]
    profiles: dict[str, SpeakerProfile]


class Attributor:
    """Gives every quotation piece of an article its speaker and source, and reports the results."""

    def __init__(
        self,
        article: Article,
        pieces: list[Piece],
        paragraphs: list[ParsedParagraph],
        table: EntityTable,
        resolver: Resolver,
    ) -> None:
        self.article = article
        self.pieces = pieces
        self.paragraphs = paragraphs
        self.table = table
        self.resolver = resolver

    def attribute(self) -> None:
        """Give every piece a speaker: its tag, its quotation's lead, its paragraph."""
        for p in self.paragraphs:
            for piece in p.pieces:
                if _names_not_words(piece):
                    piece.resolved = True  # a title, a term, a sign: nobody's words
                    continue
                tag = self._tag_for(p, piece)
                if tag is not None:
                    piece.speaker = tag.speaker
                    piece.source = tag.source or self._sentence_source(p, piece.sentence)
                    piece.resolved = True
        # One speaker for all pieces of a quotation running over several paragraphs.
        groups: dict[int, list[Piece]] = {}
        for piece in self.pieces:
            groups.setdefault(piece.group, []).append(piece)
        running = {  # quotations running over several paragraphs
            group for group, members in groups.items() if len({m.para.number for m in members}) > 1
        }
        for group in running:
            members = groups[group]
            lead = next((m for m in members if m.resolved and m.speaker), None)
            if lead is not None:
                self._share(lead, members)
        # The rest in article order, so that an untagged quotation running over several
        # paragraphs is filled after the paragraphs before it, then shared by all its pieces.
        for p in self.paragraphs:
            for piece in p.pieces:
                if not piece.resolved:
                    self._fill_from_paragraph(piece)
                    if piece.resolved and piece.group in running:
                        self._share(piece, groups[piece.group])

    @staticmethod
    def _share(lead: Piece, members: list[Piece]) -> None:
        """All pieces of one quotation running over several paragraphs take its lead's speaker."""
        for m in members:
            if not m.resolved or m.continues:
                m.speaker, m.source, m.resolved = lead.speaker, m.source or lead.source, True

    def _tag_for(self, p: ParsedParagraph, piece: Piece) -> Tag | None:
        tags = [t for t in p.tags if t.sentence == piece.sentence and t.speaker]
        if not tags:
            return None
        verbs = [t for t in tags if not t.according]
        person_verbs = [t for t in verbs if t.kind == "person"]
        according = [t for t in tags if t.according]
        abs_open = p.para.start + piece.open_mark
        abs_close = p.para.start + (piece.close_mark if piece.close_mark is not None else piece.end)
        # A tag right next to the quotation wins: '"...," said X' or 'X said: "..."'.
        for t in verbs:
            if 0 <= t.pos - abs_close <= 4 + len(t.verb) * 0 + 40 and t.inverted:
                return t
        # 'X laughed, “...”', 'X revealed: “...”': the verb just before the quotation opens.
        for t in verbs:
            between = self.article.text[t.end : abs_open]
            if (
                not t.inverted
                and 0 <= abs_open - t.end <= 3
                and not any(c.isalpha() for c in between)
            ):
                return t  # (not "the Tories offered a “...”", a reported clause's verb and object)
        if according and not person_verbs:
            return according[0]
        chosen = verbs[0] if verbs else according[0]
        before = [t for t in verbs if not t.inverted and t.end <= abs_open]
        if len(before) > 1:
            # "X described it as “...” while Y said it was “...”": a new clause, a new speaker.
            last = before[-1]
            named = last.subject is not None and last.subject.kind == "name"
            if named and _CLAUSE_LINK.search(self.article.text[before[-2].end : last.subject.pos]):
                return last
            first = before[0]
            opening = self.article.text[p.para.start + p.sentences[piece.sentence][0] : first.pos]
            if last.subject is not None and _SUBORDINATE_OPENING.match(opening):
                # "After the Society threatened to sue, Health officials replied that ... “...”":
                # the first verb is the subordinate clause's, the quotation the main clause's.
                return last
            if named and _RELATIVE_WHO.match(self.article.text[last.subject.pos : last.pos]):
                # "Weitz said he had visited Pullman, who had told him that ... “...”": the
                # relative clause's verb, nearer the words, is its antecedent's.
                return last
        if len(verbs) > 1:
            near = min(verbs, key=lambda t: min(abs(t.pos - abs_open), abs(t.pos - abs_close)))
            first = verbs[0]
            if first.pos > abs_close and near.pos > abs_close:
                chosen = min(verbs, key=lambda t: t.pos - abs_close if t.pos > abs_close else 10**9)
        return chosen

    @staticmethod
    def _words(piece: Piece) -> str:
        return piece.para.text[piece.start : piece.end]

    def _tag_speakers(self) -> set[str]:
        """Everyone a speech tag of the article names as speaking."""
        return {t.speaker for p in self.paragraphs for t in p.tags if t.speaker}

    def _sentence_source(self, p: ParsedParagraph, sentence: int) -> str | None:
        for t in p.tags:
            if t.sentence == sentence and t.source and (t.according or not t.speaker):
                return t.source
        return None

    def _fill_from_paragraph(self, piece: Piece) -> None:
        p = next(x for x in self.paragraphs if x.para.number == piece.para.number)
        if piece.sentence in p.passive:
            piece.resolved = True  # "she was warned that “...”": someone unnamed spoke to her
            return
        named = any(t.speaker for t in p.tags)
        if any(
            (t.kind == "joint" and t.sentence == piece.sentence)
            or (t.kind == "anonymous" and (t.sentence == piece.sentence or not named))
            for t in p.tags
        ):
            # Someone the article doesn't name speaks here, or several people at once.
            piece.resolved = True
            return
        if any(
            t.sentence == piece.sentence
            and t.subject is not None
            and t.subject.kind == "noun"
            and t.subject.head in PERSON_NOUNS
            and not t.speaker
            for t in p.tags
        ):
            piece.resolved = True  # "my mom would say “...”": someone the article doesn't name
            return
        answering = self.resolver.interviewee(p)
        if answering and not any(t.sentence == piece.sentence and t.subject for t in p.tags):
            # An interview answer: untagged quotations are the answerer's own words.
            piece.speaker, piece.resolved = answering, True
            return
        if not piece.continues and (_is_fragment(piece) or _is_title(piece)):
            # A word or two in quotation marks with no speech tag in its sentence is a title,
            # a name or a scare quote far more often than someone's words: nobody is named.
            piece.resolved = True
            return
        # Another quotation's tag in the same paragraph: the nearest sentence, preceding first.
        candidates = [
            q for q in p.pieces if q is not piece and q.resolved and q.speaker is not None
        ]
        carried = self._carried_over(p, piece)
        if carried:
            piece.speaker, piece.resolved = carried, True
            return
        if candidates:
            before = [q for q in candidates if q.sentence < piece.sentence]
            after = [q for q in candidates if q.sentence > piece.sentence]
            same = [q for q in candidates if q.sentence == piece.sentence]
            intro = self._introducing_tag(p, piece, before[-1].sentence if before else -1)
            if not same and intro is not None:
                # "... Herren said. Sundra says the goal is levelling access. “Why ...?”": the
                # narration between introduces the next speaker (nobody, for "His agent told").
                piece.speaker, piece.source, piece.resolved = intro.speaker, intro.source, True
                return
            subject = None if same else self._narrated_subject(p, piece)
            if subject is not None:
                # "“...,” Forster said. Ruddock, though, is keen to protect his players. “...”"
                piece.speaker, piece.resolved = subject, True
                return
            chosen = (same or before[-1:] or after[:1])[0]
            piece.speaker, piece.source, piece.resolved = chosen.speaker, chosen.source, True
            return
        tags = [t for t in p.tags if t.speaker]
        if not tags and not piece.continues and _FIRST_PERSON.search(self._words(piece)):
            subject = self._narrated_subject(p, piece)
            if subject is not None and subject in self._tag_speakers():
                # "Mauresmo spent five weeks at number one. “Since then, I feel ...”": no tag in
                # the paragraph, and the sentence before is about a person: their words.
                piece.speaker, piece.resolved = subject, True
                return
        if tags:
            near = min(tags, key=lambda t: abs(t.sentence - piece.sentence))
            piece.speaker, piece.source, piece.resolved = near.speaker, near.source, True
            return
        if piece.continues:
            prev_piece = self._previous_piece(piece)
            if prev_piece is not None and prev_piece.group == piece.group and prev_piece.resolved:
                piece.speaker, piece.source = prev_piece.speaker, prev_piece.source
                piece.resolved = True
                return
        prev = self._previous_paragraph(p)
        if prev is not None and p.para.kind is not ParagraphKind.HEADING:
            speaker = (
                self._answer_speaker(prev)
                or self._paragraph_speaker(prev)
                or self._introduced_speaker(prev, p, piece)
            )
            if speaker:
                piece.speaker, piece.resolved = speaker, True
                return
        piece.resolved = True

    @staticmethod
    def _introducing_tag(p: ParsedParagraph, piece: Piece, after: int) -> Tag | None:
        """The last tag standing in the sentence just before an untagged quotation, in a sentence
        that quotes nothing, after sentence `after` (the previous quotation's): it introduces
        who speaks next. Also a tag whose speaker the article doesn't name ("His agent told
        the Times that ..."), then nobody speaks."""
        quoted = {q.sentence for q in p.pieces}
        tags = [
            t
            for t in p.tags
            if t.sentence == piece.sentence - 1
            and after < t.sentence
            and t.sentence not in quoted
            and t.subject is not None
            and (t.speaker or t.kind == "anonymous" or t.subject.kind == "noun")
            and t.kind != "joint"
        ]
        return tags[-1] if tags else None

    def _narrated_subject(self, p: ParsedParagraph, piece: Piece) -> str | None:
        """The person opening the narration sentence right before an untagged quotation, when
        that sentence quotes nothing and has no speech verb: the quotation is theirs."""
        k = piece.sentence - 1
        if k < 0 or any(q.sentence == k for q in p.pieces) or any(t.sentence == k for t in p.tags):
            return None
        words = p.sentence_tokens(k)
        if not words:
            return None
        # The sentence's first words, up to its subject: role words ("Best actor Foxx").
        lead = 0
        while (
            lead < len(words) - 1
            and lead < 4
            and (is_role_word(words[lead].bare) or words[lead].is_cap)
        ):
            lead += 1
        firsts = {p.para.start + t.start for t in words[: lead + 1]}
        for mpos, cluster, subj in self.table.mentions:
            if mpos in firsts and subj and cluster.kind == "person":
                return cluster.canonical
        return None

    def _carried_over(self, p: ParsedParagraph, piece: Piece) -> str | None:
        """The previous paragraph's last speaker, for a quotation that opens a paragraph when
        narration stands between it and the paragraph's first tag ("“That took me far.” Roe was
        at a loss. “I didn't start badly,” he said."): that tag introduces the next speaker."""
        if piece.open_mark != 0 or piece.continues:
            return None
        tagged = sorted(t.sentence for t in p.tags if t.speaker)
        if not tagged or tagged[0] <= piece.sentence:
            return None
        quoted = {q.sentence for q in p.pieces}
        # A tag in narration followed by a quotation introduces that one ("“...” Moxey defended
        # the decision. “...,” he said."), not the quotations before it ("“...?” Quill asked.").
        introduces = tagged[0] not in quoted and tagged[0] + 1 in quoted
        # A tag in a sentence quoting words of its own ("It helps, said Mr Burke, that terms like
        # “digital” ...") is about those words, not the quotation before it.
        first = next(t for t in p.tags if t.speaker and t.sentence == tagged[0])
        own = (
            tagged[0] == piece.sentence + 1
            and tagged[0] in quoted
            and all(
                p.para.start + q.open_mark > first.pos for q in p.pieces if q.sentence == tagged[0]
            )
        )
        # "Duff explained what went wrong when he fluffed a chance": a verb reporting what
        # follows, in narration, is no closing tag for the quotations before it.
        after = p.para.text[first.end - p.para.start :].split(None, 1)
        reports = (
            tagged[0] not in quoted
            and bool(after)
            and after[0].lower() in {"what", "how", "why", "whether"}
        )
        if (
            not own
            and not reports
            and all(s in quoted for s in range(piece.sentence + 1, tagged[0] + introduces))
        ):
            return None  # quotation after quotation up to the tag: one speaker's run
        prev = self._previous_paragraph(p)
        if prev is None or not prev.pieces or not prev.pieces[-1].speaker:
            return None
        last = prev.pieces[-1]
        tail = prev.para.text[(last.close_mark or last.end) + 1 :]
        if len(tail) > 60:
            return None  # the previous paragraph doesn't end on that quotation
        return last.speaker

    def _answer_speaker(self, prev: ParsedParagraph) -> str | None:
        """Who answers when the previous paragraph asks a question.

        After a narrated question ("But hasn't she had to turn down lots of offers?") the person
        it asks about answers; after a quoted question in an exchange (“Do you dispute that?”
        Alito interjected) the other party of the exchange answers.
        """
        if not prev.pieces:
            if prev.para.text.rstrip().endswith("?"):
                return self.resolver.subject_of_question(prev)
            return None
        asker = self._paragraph_speaker(prev)
        last = prev.pieces[-1]
        if asker is None or not last.para.text[last.start : last.end].endswith("?"):
            return None
        idx = self.paragraphs.index(prev)
        for earlier in reversed(self.paragraphs[max(0, idx - 4) : idx]):
            other = self._paragraph_speaker(earlier)
            if other and other != asker:
                return other
        return None

    def _introduced_speaker(
        self, prev: ParsedParagraph, p: ParsedParagraph, piece: Piece
    ) -> str | None:
        """A paragraph that opens on an untagged quotation after a paragraph quoting nobody that
        names one person ("an email interview with C.K. Walker"), or opens on a person as its
        subject ("Partridge worked with Marley from 1977."): that person speaks."""
        opening = p.para.text[: piece.open_mark]
        if opening.strip(_LEAD_PUNCTUATION) or p.tags or any(q.speaker for q in prev.pieces):
            return None
        start, end = prev.para.start, prev.para.end
        mentions = [
            (mpos, cluster, subj)
            for mpos, cluster, subj in self.table.mentions
            if start <= mpos < end and cluster.kind == "person"
        ]
        named = {cluster.canonical for _mpos, cluster, _subj in mentions}
        if len(named) == 1:
            return named.pop()
        first = prev.sentence_tokens(0)[:1] if prev.sentences else []
        for mpos, cluster, subj in mentions:
            if subj and first and mpos == prev.para.start + first[0].start:
                return cluster.canonical
        return None

    def _previous_piece(self, piece: Piece) -> Piece | None:
        idx = self.pieces.index(piece)
        return self.pieces[idx - 1] if idx > 0 else None

    def _previous_paragraph(self, p: ParsedParagraph) -> ParsedParagraph | None:
        idx = self.paragraphs.index(p)
        if idx == 0:
            return None
        prev = self.paragraphs[idx - 1]
        if prev.para.kind is ParagraphKind.HEADING or prev.para.kind != p.para.kind:
            return None
        return prev

    def _paragraph_speaker(self, p: ParsedParagraph) -> str | None:
        spoken = [q.speaker for q in p.pieces if q.speaker]
        if spoken:
            return spoken[-1]
        tags = [t.speaker for t in p.tags if t.speaker]
        return tags[-1] if tags else None

    # ---- results
    def quotes(self) -> tuple[Quote, ...]:
        """Every piece as a `Quote`, with the sentence it stands in."""
        by_number = {p.para.number: p for p in self.paragraphs}
        out = []
        for piece in self.pieces:
            base = piece.para.start
            start, end = base + piece.start, base + piece.end
            s_start, s_end = _sentence_span(by_number[piece.para.number], piece)
            out.append(
                Quote(
                    text=self.article.text[start:end],
                    article=self.article.id,
                    paragraph=piece.para.number,
                    start=start,
                    end=end,
                    speaker=piece.speaker,
                    source=piece.source,
                    sentence_start=base + s_start,
                    sentence_end=base + s_end,
                    sentence=piece.para.text[s_start:s_end],
                )
            )
        return tuple(out)

    def paragraph_attributions(self) -> dict[int, Attribution]:
        """Who speaks in each paragraph: its first quote's speaker, else its first tag's."""
        out: dict[int, Attribution] = {}
        for p in self.paragraphs:
            spoken = [q for q in p.pieces if q.speaker]
            tags = [t for t in p.tags if t.speaker]
            voices = tuple(
                dict.fromkeys([*(q.speaker for q in spoken), *(t.speaker for t in tags)])
            )
            if spoken:
                out[p.para.number] = Attribution(spoken[0].speaker, spoken[0].source, voices)
                continue
            if tags:
                tag = tags[0]
                source = tag.source or self._sentence_source(p, tag.sentence)
                out[p.para.number] = Attribution(tag.speaker, source, voices)
                continue
            sourced = [t for t in p.tags if t.according and t.source]
            if sourced:
                out[p.para.number] = Attribution(None, sourced[0].source)
        return out

    def profiles(self, quotes: Sequence[Quote]) -> dict[str, SpeakerProfile]:
        """A profile (role, kind, aliases) for every speaker of `quotes`, by name."""
        out: dict[str, SpeakerProfile] = {}
        names = {q.speaker for q in quotes if q.speaker}
        for name in sorted(names):
            person = next((c for c in self.table.persons if c.canonical == name), None)
            org = next((c for c in self.table.orgs if c.canonical == name), None)
            cluster = person or org
            if cluster is None:
                out[name] = SpeakerProfile(name, None, "person", (name,))
                continue
            aliases: list[str] = []
            for surface in [cluster.canonical, *cluster.surfaces]:
                if surface not in aliases:
                    aliases.append(surface)
            if cluster.kind == "person":
                surname = name.split()[-1]
                if surname not in aliases:
                    aliases.append(surname)
            description = _description(self.article.text, cluster)
            out[name] = SpeakerProfile(
                name, cluster.role, cluster.kind, tuple(aliases), description
            )
        return out


_FRAGMENT_WORDS = 3
_DESCRIPTION_BEFORE = 60  # characters of a role written before a full name
_DESCRIPTION_AFTER = 120  # characters of an appositive after it
_DESCRIBED_MENTIONS = 4  # the mentions of each name that are read for a description
_CLAUSE_END = re.compile(r"[.;:!?“”\"]|,(?! Inc| Ltd| Jr)")


def _description(text: str, cluster: Cluster) -> str:
    """What the article says a person is, from the words around their full names: a role before
    ("Verizon CIO Shaygan Kheradpir", "the mayor of Surabaya, Tri Rismaharini,") and an
    appositive after ("John Hocevar, Greenpeace's oceans campaigner,"), with every role the
    tags recorded. Used to find the speaker a question names by role."""
    parts = [role for _quoted, role in cluster.roles] + cluster.described
    if cluster.kind != "person":
        return " ".join(parts)
    surfaces = [s for s in cluster.surfaces if " " in s] or list(cluster.surfaces)
    for surface in surfaces:
        for m in itertools.islice(re.finditer(re.escape(surface), text), _DESCRIBED_MENTIONS):
            before = text[max(0, m.start() - _DESCRIPTION_BEFORE) : m.start()]
            cut = [c.end() for c in _CLAUSE_END.finditer(before.rstrip(", "))]
            parts.append(_role_words_before(before[cut[-1] :] if cut else before))
            after = text[m.end() : m.end() + _DESCRIPTION_AFTER]
            lead = after[1:].split(maxsplit=1)[:1]
            # An appositive ("Hocevar, Greenpeace's oceans campaigner," / ", a security expert"),
            # not the next clause ("Kheradpir, Verizon executives showed ...").
            if (
                after.startswith(",")
                and lead
                and (
                    lead[0][0].islower()
                    or "’s" in lead[0]
                    or "'s" in lead[0]
                    or is_role_word(lead[0])  # "David Frost, Director General of the BCC"
                )
            ):
                stop = _CLAUSE_END.search(after, 1)
                parts.append(after[1 : stop.start()] if stop else after[1:])
    return " ".join(" ".join(parts).split())


_SET_OFF_ROLE = re.compile(r"\b((?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s[^,]*),\s*$")


def _role_words_before(text: str) -> str:
    """The role words that end `text` right before a name: "Real Madrid sporting director" of
    "believed he was talking to Real Madrid sporting director", nothing of "She will now
    meet"; a role set off by a comma ("the mayor of Surabaya, Tri Rismaharini") whole."""
    if text.rstrip().endswith(","):
        # "The head of Indonesia's search and rescue agency, Soelistyo": the role phrase whole
        # (not a list: "beat actors including Clive Owen, Jamie Foxx")
        set_off = _SET_OFF_ROLE.search(text)
        return set_off.group(1) if set_off else ""
    words = text.split()
    kept: list[str] = []
    for word in reversed(words):
        bare = word.strip(",;:()“”\"‘’'")
        low = bare.lower()
        role_like = (
            bare[:1].isupper()
            or is_role_word(bare)
            or low in ROLE_CLASS  # "“Fleabag” creator
            or low.endswith(("'s", "’s"))
            or (kept and is_role_word(kept[0].strip(",")))  # "sporting director"
            or (kept and low in {"of", "for", "at", "the", "a", "an"})
        )
        if not role_like or not bare:
            break
        kept.insert(0, word)
    while kept and kept[0].lower() in {"of", "for", "at"}:
        kept.pop(0)
    return " ".join(kept)


_LIST_BEFORE = re.compile(r"[”\"]\s*(?:,|,?\s*and|or|to)\s*$")
_LIST_AFTER = re.compile(r"\s*(?:,|and|or|to)\s*[“\"]")
_CLAUSE_LINK = re.compile(r"\b(?:while|whereas|but|and)\s*(?:the\s+)?$|;", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from is it".split())


_POSSESSIVE_PRONOUNS = frozenset("his her their its my our your".split())


def _names_not_words(piece: Piece) -> bool:
    """Quoted words after a naming cue ("known as", "so-called", "a sign reading", "which
    means"): a name, a term, a sign or a translation rather than someone's speech."""
    if piece.continues:
        return False
    text = piece.para.text
    before = text[max(0, piece.open_mark - 40) : piece.open_mark].split()
    cue = [w.lower().strip(",:") for w in before[-2:]]
    if cue and (cue[-1] in NAMING_CUES or cue == ["known", "as"]):
        return True
    # "President Joko “Jokowi” Widodo": a nickname set inside a name.
    if piece.close_mark is not None and before and before[-1][:1].isupper():
        after = text[piece.close_mark + 1 : piece.close_mark + 30].split()
        inner = text[piece.start : piece.end].split()
        if after and after[0][:1].isupper() and len(inner) <= 2 and _is_title(piece, words=1):
            return True
    # "on NPR’s “Wait, Wait … Don’t Tell Me!”": a title-case name right after a preposition
    # or a possessive is a noun of the sentence, even where the sentence has a speech tag.
    after_noun_slot = bool(cue) and (
        cue[-1] in {"on", "in", "of", "from", "at", "by"} or cue[-1].endswith(("’s", "'s"))
    )
    if after_noun_slot and _is_title(piece):
        return True
    # "that released his “Catch and Kill.”": title-case words owned by someone are a work's
    # title (a full stop inside the marks included, as American style writes it).
    if cue and cue[-1] in _POSSESSIVE_PRONOUNS and _is_title(piece, stop_ok=True):
        return True
    # "vowed to publish “Apropos of Nothing” despite ...": title-case words the sentence runs
    # on after, in lower case, are a name in the sentence, not words someone said.
    if piece.close_mark is not None and _is_title(piece):
        rest = text[piece.close_mark + 1 : piece.close_mark + 20].split()
        inner = text[piece.start : piece.end].rstrip()
        if (
            rest
            and rest[0][:1].islower()
            and not inner.endswith((",", "!", "?"))
            and len(inner.split()) >= 3  # (not a coinage: “Abstentions Party”, “Las Vegas-style”)
        ):
            return True
    # "biopic “Judy.”", "a film called “White Zombie.”": Title-Case words after a work's noun.
    if cue and cue[-1] in WORK_NOUNS and _is_title(piece, words=1, stop_ok=True):
        return True
    # "ranging from “Radio Days” to “Annie Hall” and “Hannah and Her Sisters.”": title-case
    # words in a list of quoted names are names too.
    listed = _LIST_BEFORE.search(text[max(0, piece.open_mark - 12) : piece.open_mark]) or (
        piece.close_mark is not None
        and _LIST_AFTER.match(text[piece.close_mark + 1 : piece.close_mark + 12])
    )
    if listed and _is_title(piece, words=1, stop_ok=True):
        return True
    # "“Parasite” director Bong Joon Ho": the quoted words modify the role noun after them.
    if piece.close_mark is not None:
        rest = text[piece.close_mark + 1 : piece.close_mark + 40].split()
        follower = rest[0].lower() if rest else ""
        if (
            follower.isalpha()
            and (is_role_word(follower) or follower in PERSON_NOUNS)
            and _is_title(piece, words=1)
        ):
            return True
    return False


def _is_title(piece: Piece, *, words: int = 2, stop_ok: bool = False) -> bool:
    """Quoted words in title case with no tag of their own: the title of a work
    (“Wait, Wait … Don’t Tell Me!”), not a sentence. `words`: how many capitalised words it
    takes; `stop_ok`: a full stop inside the marks is allowed (where the words before say a
    title follows)."""
    text = piece.para.text
    close = piece.close_mark if piece.close_mark is not None else len(text)
    if not stop_ok and text[piece.start : close].rstrip().endswith("."):
        return False  # “Start in October.”: a sentence, however it is capitalised
    found = [w for w in text[piece.start : piece.end].split() if w[:1].isalpha()]
    significant = [w for w in found if w.lower() not in _SMALL_WORDS]
    return (
        len(significant) >= words and len(found) <= 12 and all(w[0].isupper() for w in significant)
    )


def _sentence_span(p: ParsedParagraph, piece: Piece) -> tuple[int, int]:
    """Local offsets of the sentence around a piece (whitespace trimmed, marks included)."""
    text = p.para.text
    start, end = p.sentences[piece.sentence] if p.sentences else (0, len(text))
    start = min(start, piece.open_mark)
    close = piece.close_mark + 1 if piece.close_mark is not None else len(text)
    end = max(end, close)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_fragment(piece: Piece) -> bool:
    """A short quoted phrase that is not a sentence of its own ("raunchy", but not “Done?” or
    “A complete disaster.”)."""
    text = piece.para.text
    words = text[piece.start : piece.end].split()
    if len(words) > _FRAGMENT_WORDS:
        return False
    inner = text[piece.start : piece.close_mark if piece.close_mark is not None else len(text)]
    if inner.rstrip().endswith(("?", "!")):
        return False
    if len(words) > 1 and all(w[0].isupper() for w in words if w[0].isalpha()):
        return True  # “Wolf Pack.”: a name or a title, even with a full stop inside the marks
    sentence = words[0][0].isupper() and inner.rstrip().endswith((".", "…"))
    return not sentence


_SUBORDINATE_OPENING = re.compile(
    r"\W*(?:after|when|while|although|though|as|because|since|if|before|once|until|unless)\b",
    re.IGNORECASE,
)
_RELATIVE_WHO = re.compile(r"[\w’'.\- ]+,\s*who\s+(?:\w+\s+){0,2}$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|myself)\b")

_CACHE: dict[tuple[str, str], ArticleAnalysis] = {}
_CACHE_SIZE = 512


def _analyse(article: Article) -> ArticleAnalysis:
    """Run the stages in order: marks and tokens, tags, entities, resolution, attribution."""
    pieces, paragraphs = read_paragraphs(article)
    find_tags(paragraphs)
    table = EntityTable()
    table.build(paragraphs)
    resolver = Resolver(article, paragraphs, table)
    resolver.resolve_tags()
    attributor = Attributor(article, pieces, paragraphs, table, resolver)
    attributor.attribute()
    quotes = attributor.quotes()
    return ArticleAnalysis(quotes, attributor.paragraph_attributions(), attributor.profiles(quotes))


def analyse_article(article: Article) -> ArticleAnalysis:
    """Quotes, paragraph attributions and speaker profiles of one article (memoised)."""
    key = (article.id, article.text)
    cached = _CACHE.get(key)
    if cached is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        cached = _CACHE[key] = _analyse(article)
    return cached


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation of an article, in article order, with its speaker and source."""
    return analyse_article(article).quotes


def attribute_paragraphs(article: Article, quotes: Sequence[Quote]) -> dict[int, Attribution]:
    """Paragraph number -> who speaks in it (quoted or reported) and through which source.

    Paragraphs that quote take the speaker of their first attributed quotation in `quotes`;
    paragraphs that only report someone ("X said that ...", "according to X") take that speaker.
    Paragraphs where nobody speaks are absent.
    """
    analysis = analyse_article(article)
    out = dict(analysis.attributions)
    by_para: dict[int, Quote] = {}
    for q in quotes:
        if q.article == article.id and q.speaker and q.paragraph not in by_para:
            by_para[q.paragraph] = q
    for number, q in by_para.items():
        voices = out[number].voices if number in out else ()
        out[number] = Attribution(q.speaker, q.source, tuple(dict.fromkeys((q.speaker, *voices))))
    return dict(sorted(out.items()))


def speaker_profiles(article: Article) -> dict[str, SpeakerProfile]:
    """Canonical name -> role, kind and aliases for every speaker quoted in an article."""
    return analyse_article(article).profiles
