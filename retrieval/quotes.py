"""Direct quotations and who said them: rule-based extraction and speaker attribution.

`extract_quotes(article)` finds every span between double quotation marks (curly, straight or
guillemets), splits quotes that run over several paragraphs into one piece per paragraph, and
attributes each piece to a canonical speaker. `attribute_paragraphs` says, for each paragraph that
quotes or reports someone, who speaks and through which source.

How attribution works, in short:

* Quotation marks are found first; the article is then read with every quotation masked, so that
  only the narration ("Putin said", "according to the White House") is parsed.
* Narration is cut into sentences. In each sentence, speech verbs (said, told, added, noted, wrote,
  "according to", ...) are located and their subject is parsed: before the verb (``X said``,
  ``Its chairman, Jonas Whitfield, told``), after it (``said X, the company's chairman``), in an
  ``according to`` phrase, or as a document (``the Kremlin's readout said``).
* Names are grouped per article into one canonical name per person (the fullest form the article
  uses; surnames, titles, case, accents and common transliteration variants fold together).
  Organisations speak too, and documents speak for their owner: ``a White House readout`` is the
  White House, a bare ``the readout`` is the most recent readout's owner, and a country's or a
  head of state's "administration" readout is the seat of that government when the article names it.
* Pronoun tags resolve to the nearest earlier person of a compatible gender; gender comes from
  honorifics and role words, a small list of first names, and pronouns used next to a name.
* A quotation without a tag takes the speaker of the other quotations in its paragraph, of the
  quotation it continues, or of the previous paragraph.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from retrieval.articles import Article
from retrieval.models import Attribution, Paragraph, ParagraphKind, Quote
from retrieval.text import fold

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- word lists

_SPEECH_VERBS = frozenset(
    """said says say told tells added adds noted notes wrote writes stated states explained
    explains continued replied responded declared declares insisted insists argued argues warned
    warns claimed claims announced announces posted tweeted urged urges acknowledged admitted
    conceded recalled observed remarked suggested suggests maintained contended countered
    cautioned emphasized emphasised stressed predicted complained asked asks reiterated confirmed
    denied vowed pledged promised signaled signalled testified estimated described called
    saying adding noting telling writing warning arguing insisting explaining stating
    announcing acknowledging declaring defended criticized criticised praised disputed dismissed
    rejected welcomed condemned accused blamed questioned disagreed""".split()
)
# Verbs that make sense as a tag right after a quotation ("..." said X).
_INVERTIBLE = frozenset(
    """said says added adds noted notes wrote writes stated explained continued replied responded
    declared insisted argued warned claimed announced asked asks recalled observed remarked
    suggested countered cautioned stressed emphasized emphasised told tells""".split()
)
_PASSIVE_AUX = frozenset("was were been being is are be".split())
_PRONOUNS = {"he": "m", "she": "f", "it": "o", "they": "p", "we": "p", "i": "p"}
_MALE_PRONOUNS = frozenset("he him his himself".split())
_FEMALE_PRONOUNS = frozenset("she her hers herself".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_SKIP_BEFORE_VERB = (
    frozenset(
        """also then later earlier previously again further repeatedly separately meanwhile has
        had have was is would will once recently publicly privately reportedly on last this week
        month year yesterday today tonight morning afternoon evening night ago days weeks already
        never often has just quickly""".split()
    )
    | _WEEKDAYS
    | _MONTHS
)
_TIME_WORDS = (
    frozenset(
        """on last this next week month year yesterday today tonight morning afternoon evening
        night earlier later ago days weeks also again""".split()
    )
    | _WEEKDAYS
    | _MONTHS
)
_CLAUSE_BOUNDARY = frozenset(
    """that which who whom whose but while as when after before because if although though
    since with where whereas so until unless than whether""".split()
)
_SOURCE_STOP = frozenset(
    """adding saying noting because while when after before as but if who which where although
    though since whether""".split()
)
_LEADING_FUNCTION = frozenset(
    """but and the a an in on at for with meanwhile however when while after before still yet so
    then this that those these it its his her their our as if also later earlier asked speaking
    now there here both even only instead separately""".split()
)
_CONNECTORS = frozenset(
    "of for the de da do dos du van von der den del della di la le al el bin ibn ter y and".split()
)
_NAME_PARTICLES = frozenset(
    "de da do dos du van von der den del della di la le al el bin ibn ter".split()
)
_TITLE_WORDS = frozenset(
    """president presidents vice deputy prime minister ministers foreign defense defence secretary
    general chancellor chief executive officer spokesman spokeswoman spokesperson director
    chairman chairwoman chair ambassador senator sen rep representative congressman
    congresswoman governor gov mayor king queen prince princess pope judge justice attorney
    commissioner interior finance economy trade health state sergeant sgt lieutenant lt colonel
    col captain capt commander cmdr admiral adm major maj professor prof dr mr mrs ms mx miss
    sir dame lord lady ceo cfo coo cto head leader press speaker envoy special adviser advisor
    national security senior former acting founder co-founder official manager analyst
    economist researcher coach spokesman treasurer counsel auditor inspector superintendent
    supt det detective officer premier sheikh emir crown archbishop bishop rev reverend father
    cardinal mp mep lawmaker legislator agriculture energy environment education justice labor
    labour transport transportation culture home affairs assistant associate managing
    principal pres chairperson councillor councilor councilman councilwoman""".split()
)
_MALE_TITLES = frozenset(
    """mr sir lord king prince spokesman chairman congressman councilman father emir sheikh
    husband son brother uncle grandfather archbishop cardinal""".split()
)
_FEMALE_TITLES = frozenset(
    """mrs ms miss dame lady queen princess spokeswoman chairwoman congresswoman councilwoman
    mother wife daughter sister aunt grandmother""".split()
)
_MALE_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
    brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
    jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian
    roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy
    bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell
    louis bobby philip johnny tom tim jim bill bob mike dan ben sam ted hans klaus jurgen
    vladimir volodymyr sergei sergey dmitry dmitri alexei alexey mikhail ivan nikolai oleksandr
    andriy andrii yuri viktor petro emmanuel olaf friedrich boris rishi keir xi narendra recep
    mohammed muhammad ahmed ali hassan omar jens antony lloyd jake marco pete hakan giuseppe
    luigi carlos luis miguel pedro jorge diego pablo francois pierre jean-luc jacques olivier
    lars erik sven anders mateusz piotr tomasz jan pavel mehmet mustafa kwame kofi hiroshi
    takeshi wei ming rajesh amit arjun tobias felix lukas jonas maximilian elias liam oliver
    owen hugo oscar leo theo""".split()
)
_FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
    janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla alexis lori kamala hillary
    ursula giorgia kaja annalena nikki tulsi karoline olena yulia elena natalia svetlana irina
    tatiana marine liz claire priya fatima aisha sophie clara ingrid helga mette sanna jacinda
    ana lucia isabel carmen rosa francesca giulia chiara anja katarzyna agnieszka magdalena
    ayse yuki mei ling aiko sunita anita ines leonie lena mia lea nina eva julia ella chloe
    zoe lily ruby freya""".split()
)
# Nouns naming what a text says through (a document speaks for its owner).
_DOC_NOUNS = frozenset(
    """readout readouts summary statement statements release communique communiqué transcript
    memo letter filing notice post posts tweet email e-mail""".split()
)
# Nouns that carry words to the article without speaking themselves.
_MEDIUM_ONLY = frozenset("translation translations transcript report reports footage".split())
_ORG_NOUNS = frozenset(
    """company firm ministry department agency government administration office group bank
    council commission union campaign team club police court committee organization
    organisation party board airline carrier retailer manufacturer startup utility operator
    regulator embassy military army navy corporation conglomerate automaker insurer lender
    charity hospital university school institute foundation authority authorities service
    network broadcaster publisher developer maker producer supplier chain giant
    association federation alliance coalition institute council""".split()
)
_PERSON_NOUNS = frozenset(
    """spokesperson spokeswoman spokesman official minister president ceo chairman chairwoman
    director executive representative lawyer attorney secretary envoy ambassador""".split()
)
_ANONYMOUS = frozenset(
    """sources source officials people diplomats analysts experts residents witnesses observers
    critics aides insiders person""".split()
)
_ORG_KEYWORDS = frozenset(
    """inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag group company corporation energy motors
    bank airlines airways ministry department agency council commission union university
    hospital institute foundation party office police court authority association federation
    committee systems technologies holdings partners industries pharmaceuticals labs network
    news times post journal fund trust board service services house kremlin pentagon
    parliament congress senate assembly government administration embassy army navy command
    organization organisation alliance bureau tribunal foods brands media airline pharma capital
    logistics solutions software insurance mining steel electric telecom communications
    entertainment studios research laboratories markets exchange coalition""".split()
)
_MEDIUM_NOUNS = frozenset(
    """statement interview address speech post tweet letter email e-mail video briefing
    conference readout report podcast op-ed column remarks call message broadcast television
    radio media blog newsletter memo filing note testimony hearing release summary transcript
    appearance session rally event documentary program programme show channel account
    telegram facebook instagram x linkedin youtube tiktok truth""".split()
)
# Well-known seats of government and institutions that speak for a country (general knowledge).
_GOVERNMENT_ORGS = {
    "white house": "White House",
    "kremlin": "Kremlin",
    "pentagon": "Pentagon",
    "state department": "State Department",
    "downing street": "Downing Street",
    "number 10": "Downing Street",
    "no 10": "Downing Street",
    "elysee": "Élysée",
    "elysee palace": "Élysée Palace",
    "foreign office": "Foreign Office",
    "chancellery": "Chancellery",
    "quai d'orsay": "Quai d'Orsay",
    "zhongnanhai": "Zhongnanhai",
    "blue house": "Blue House",
    "vatican": "Vatican",
}
# Which seat speaks for a country's government ("the U.S. readout", "the Trump administration").
_COUNTRY_SEAT = {
    "us": "white house",
    "u.s": "white house",
    "u.s.": "white house",
    "usa": "white house",
    "america": "white house",
    "american": "white house",
    "united states": "white house",
    "russia": "kremlin",
    "russian": "kremlin",
    "uk": "downing street",
    "u.k": "downing street",
    "u.k.": "downing street",
    "britain": "downing street",
    "british": "downing street",
    "united kingdom": "downing street",
    "france": "elysee",
    "french": "elysee",
    "germany": "chancellery",
    "german": "chancellery",
    "south korea": "blue house",
    "south korean": "blue house",
}
_ABBREV = (
    "Mr|Mrs|Ms|Mx|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Jr|Sr|Prof|Rev|Inc|"
    "Corp|Co|Ltd|No|Ft|Mt|Pres|Supt|Insp|Det|Sec"
)
_TOKEN_RE = re.compile(
    rf"\x01+|(?:{_ABBREV})\.(?=\s)|(?:[^\W\d_]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])"
    r"|[^\W_](?:[\w’'\-]*[^\W_])?(?:’s|'s)?|[^\w\s]"
)
_ABBREV_SET = frozenset(a.lower() for a in _ABBREV.split("|"))
_TRIM_END = ",.;:"
_MASK = "\x01"
_POSSESSIVE = ("’s", "'s", "’", "'")


TITLE_WORDS = _TITLE_WORDS  # words of a role or honorific ("President", "Mr.", "Deputy")


def name_key(word: str) -> str:
    """A folded key for one name word: case, accents, punctuation and spelling variants removed.

    Common transliteration variants fold together: Zelenskyy/Zelensky/Zelenskiy, Sergei/Sergey,
    Aleksandr/Alexandr, Dmitriy/Dmitry.
    """
    w = re.sub(r"[^a-z]", "", fold(word))
    w = w.replace("ks", "x")
    w = re.sub(r"(?:yy|iy|ij|ii|yi|ei|ey)$", "y", w)
    return re.sub(r"(.)\1+", r"\1", w)


def _strip_possessive(word: str) -> str:
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


# --------------------------------------------------------------------------- data


@dataclass(slots=True)
class _Piece:
    """One quotation piece inside a paragraph (local offsets into the paragraph's text)."""

    para: Paragraph
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark, None when it runs to the paragraph's end
    start: int  # trimmed text
    end: int
    group: int
    continues: bool = False  # continues a quotation from the previous paragraph
    sentence: int = -1
    speaker: str | None = None
    source: str | None = None
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def bare(self) -> str:
        return _strip_possessive(self.text)

    @property
    def is_quote(self) -> bool:
        return self.text.startswith(_MASK)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("’s", "'s")) and len(self.text) > 2


@dataclass(slots=True)
class _Subject:
    kind: str  # name | pronoun | noun | doc | anon | multi
    tokens: tuple[_Token, ...] = ()
    role: str | None = None
    head: str = ""  # pronoun, noun head, or doc noun
    owner: tuple[_Token, ...] = ()  # document owner / noun modifiers
    phrase: str | None = None
    the_hint: bool = False
    pos: int = 0  # absolute offset


@dataclass(slots=True)
class _Tag:
    verb: str
    pos: int  # absolute offset of the verb
    end: int  # absolute offset just past the tag's last token
    subject: _Subject | None
    source: str | None
    sentence: int
    according: bool = False
    inverted: bool = False
    speaker: str | None = None
    kind: str | None = None


@dataclass(slots=True)
class _Cluster:
    kind: str  # person | organization
    surfaces: list[str] = field(default_factory=list)
    first_key: str = ""
    last_key: str = ""
    roles: list[tuple[bool, str]] = field(default_factory=list)  # (from a quote tag, role)
    male: int = 0
    female: int = 0
    strong_gender: str | None = None
    _canonical: str | None = None

    def add(self, surface: str) -> None:
        if surface not in self.surfaces:
            self.surfaces.append(surface)
            self._canonical = None

    @property
    def canonical(self) -> str:
        """The fullest form the article uses (most words, not all caps, accented, longest)."""
        if self._canonical is None:

            def rank(s: str) -> tuple[int, int, int, int]:
                words = s.split()
                return (len(words), not s.isupper(), sum(not c.isascii() for c in s), len(s))

            self._canonical = max(self.surfaces, key=rank)
        return self._canonical

    @property
    def gender(self) -> str | None:
        if self.strong_gender:
            return self.strong_gender
        if self.male > self.female:
            return "m"
        if self.female > self.male:
            return "f"
        return None

    @property
    def role(self) -> str | None:
        quoted = [r for q, r in self.roles if q]
        if quoted:
            return quoted[0]
        return self.roles[0][1] if self.roles else None


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """What one article says about a speaker: canonical name, role, kind and the names it uses."""

    name: str
    role: str | None
    kind: str
    aliases: tuple[str, ...]


@dataclass(slots=True)
class _Paragraph:
    para: Paragraph
    masked: str
    tokens: list[_Token]
    sentences: list[tuple[int, int]]  # local offsets
    pieces: list[_Piece] = field(default_factory=list)
    tags: list[_Tag] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything extraction found in one article."""

    quotes: tuple[Quote, ...]
    attributions: dict[int, Attribution]
    profiles: dict[str, SpeakerProfile]


# --------------------------------------------------------------------------- quotation marks

_DOUBLE_MARKS = '“”"«»'
_ALL_MARKS = "“”\"«»‘’'"


def _mark_role(text: str, i: int, is_open: bool, singles: bool) -> str | None:
    """Return "open", "close" or None (not a quotation mark) for the character at `i`."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if singles:
        if c == "‘":
            return "open"
        if c in "’'":
            if before.isalnum() and after.isalnum():
                return None  # can’t, O'Brien
            if is_open and not after.isalnum():
                return "close"
            if c == "'" and not before.isalnum() and after.isalnum():
                return "open"
            return None
        return None
    if c in "«":
        return "open"
    if c in "»":
        return "close"
    lead_space = before.isspace() or before in "([{—–-/" or i == 0
    trail_space = after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text)
    if c == "“":
        if is_open and trail_space and not lead_space:
            return "close"  # a sloppy closing mark
        return "open"
    if c == "”":
        if not is_open and lead_space and not trail_space:
            return "open"  # a sloppy opening mark
        return "close"
    # Straight quote: decide from the characters around it, then from the state.
    if lead_space and not trail_space:
        return "close" if is_open and after in '"”' else "open"
    if trail_space and not lead_space:
        return "close" if is_open else "open"
    return "close" if is_open else "open"


def _starts_with_open(para: Paragraph, singles: bool) -> bool:
    text = para.text
    marks = "‘’'" if singles else _DOUBLE_MARKS
    return bool(text) and text[0] in marks and _mark_role(text, 0, False, singles) == "open"


def _find_pieces(article: Article) -> list[_Piece]:
    """Pair quotation marks paragraph by paragraph; log and skip marks that do not pair."""
    text = article.text
    singles = not any(c in text for c in _DOUBLE_MARKS)
    marks = "‘’'" if singles else _DOUBLE_MARKS
    pieces: list[_Piece] = []
    paragraphs = article.paragraphs
    group = 0
    carry = False  # the previous paragraph's quotation continues here
    for index, para in enumerate(paragraphs):
        ptext = para.text
        open_at: int | None = None
        continuing = False
        for i, c in enumerate(ptext):
            if c not in marks:
                continue
            role = _mark_role(ptext, i, open_at is not None, singles)
            if role == "open":
                if open_at is not None:
                    _warn_unpaired(
                        article, para, open_at, "an opening quotation mark is not closed"
                    )
                    carry = continuing = False
                open_at = i
                if carry and i == 0:
                    continuing = True
                    carry = False
                else:
                    group += 1
                    continuing = False
            elif role == "close":
                if open_at is None:
                    _warn_unpaired(article, para, i, "a closing quotation mark has no opening mark")
                    continue
                piece = _make_piece(para, open_at, i, group, continuing)
                if piece:
                    pieces.append(piece)
                open_at = None
                continuing = False
        carry = False
        if open_at is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if (
                nxt is not None
                and nxt.kind is not ParagraphKind.HEADING
                and _starts_with_open(nxt, singles)
            ):
                piece = _make_piece(para, open_at, None, group, continuing)
                if piece:
                    pieces.append(piece)
                carry = True
            else:
                _warn_unpaired(article, para, open_at, "an opening quotation mark is not closed")
    return pieces


def _warn_unpaired(article: Article, para: Paragraph, i: int, what: str) -> None:
    snippet = para.text[max(0, i - 30) : i + 40].replace("\n", " ")
    log.warning(
        "%s, paragraph %d: %s; skipped the odd span near “%s”",
        article.id,
        para.number,
        what,
        snippet,
    )


def _make_piece(
    para: Paragraph, open_mark: int, close_mark: int | None, group: int, continues: bool
) -> _Piece | None:
    text = para.text
    start = open_mark + 1
    end = close_mark if close_mark is not None else len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_END):
        end -= 1
    if end <= start:
        return None
    return _Piece(para, open_mark, close_mark, start, end, group, continues)


# --------------------------------------------------------------------------- sentences, tokens


def _mask(para: Paragraph, pieces: list[_Piece], singles: bool) -> str:
    chars = list(para.text)
    for piece in pieces:
        stop = piece.close_mark + 1 if piece.close_mark is not None else len(chars)
        for i in range(piece.open_mark, stop):
            chars[i] = _MASK
    marks = "‘" if singles else _DOUBLE_MARKS
    return "".join(" " if c in marks else c for c in chars)


_SENTENCE_GAP = re.compile(r"[.!?]+[)\]’'»]*\s+")


def _sentences(masked: str, pieces: list[_Piece], ptext: str) -> list[tuple[int, int]]:
    cuts: list[int] = []
    for m in _SENTENCE_GAP.finditer(masked):
        nxt = masked[m.end()] if m.end() < len(masked) else ""
        if not nxt or not (nxt.isupper() or nxt == _MASK or nxt.isdigit()):
            continue
        word = masked[: m.start() + 1].rsplit(None, 1)[-1] if masked[: m.start()].strip() else ""
        if _MASK in word:
            word = word.split(_MASK)[-1]
        core = word.rstrip(".").lower()
        if core in _ABBREV_SET or re.fullmatch(r"(?:[a-z]\.)*[a-z]", core):
            continue
        cuts.append(m.end())
    for piece in pieces:
        if piece.close_mark is None:
            continue
        inner = ptext[piece.open_mark + 1 : piece.close_mark].rstrip()
        if not inner or inner[-1] not in ".!?":
            continue
        j = piece.close_mark + 1
        while j < len(masked) and masked[j].isspace():
            j += 1
        if j == len(masked):
            continue
        if j > piece.close_mark + 1 and (masked[j].isupper() or masked[j] == _MASK):
            cuts.append(j)
    spans = []
    start = 0
    for cut in sorted(set(cuts)):
        if cut > start:
            spans.append((start, cut))
            start = cut
    spans.append((start, len(masked)))
    return spans


def _tokens(masked: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(masked)]


# --------------------------------------------------------------------------- subject parsing


def _is_boundary(tok: _Token) -> bool:
    return tok.is_quote or (not tok.is_word and tok.text not in "-&") or tok.low in _CLAUSE_BOUNDARY


def _cap_run_end(tokens: Sequence[_Token]) -> int:
    """Index where the trailing run of capitalised words (with connectors) starts."""
    k = len(tokens)
    while k > 0:
        t = tokens[k - 1]
        if t.is_cap and t.is_word:
            k -= 1
            continue
        if (
            t.low in _CONNECTORS
            and t.low not in {"the", "and"}
            and k < len(tokens)
            and k - 1 > 0
            and tokens[k - 2].is_cap
        ):
            k -= 1
            continue
        break
    return k


def _split_role(run: Sequence[_Token]) -> tuple[list[_Token], list[_Token]]:
    """Split "Russian Deputy Foreign Minister Alexander Grushko" into role and name tokens."""
    last_title = -1
    for idx, tok in enumerate(run):
        if tok.bare.lower().rstrip(".") in _TITLE_WORDS:
            last_title = idx
    role = list(run[: last_title + 1])
    name = list(run[last_title + 1 :])
    while name and name[0].low in _NAME_PARTICLES | {"of", "for", "the", "and"}:
        role.append(name.pop(0))
    return role, name


def _join(tokens: Sequence[_Token], text: str) -> str:
    if not tokens:
        return ""
    return text[tokens[0].start : tokens[-1].end]


def _analyse_chunk(chunk: list[_Token], text: str, base: int) -> _Subject | None:
    """Parse a subject noun phrase (already cut at clause boundaries)."""
    while chunk and chunk[0].low in _LEADING_FUNCTION and chunk[0].low != "the" and len(chunk) > 1:
        chunk = chunk[1:]
    if not chunk:
        return None
    the_hint = False
    if chunk[0].low in {"the", "a", "an"}:
        the_hint = chunk[0].low == "the"
    pos = base + chunk[0].start
    phrase = _join(chunk, text)
    # A document: "The White House's summary of the call", "a statement from the company".
    for idx, tok in enumerate(chunk):
        if tok.bare.lower() in _DOC_NOUNS:
            owner: list[_Token] = []
            k = idx
            while (
                k > 0
                and chunk[k - 1].low not in {"the", "a", "an"}
                and (
                    chunk[k - 1].is_cap
                    or chunk[k - 1].bare.lower() in {"administration", "government"} | _ORG_NOUNS
                )
            ):
                k -= 1
            owner = list(chunk[k:idx])
            if k > 0 and chunk[k - 1].low in {"its", "their"}:
                owner = [chunk[k - 1]]
            if not owner and idx + 2 < len(chunk) and chunk[idx + 1].low in {"from", "by"}:
                rest = [t for t in chunk[idx + 2 :] if t.low not in {"the", "a", "an"}]
                owner = rest
            return _Subject(
                "doc", head=tok.bare.lower(), owner=tuple(owner), phrase=phrase, pos=pos
            )
    last = chunk[-1]
    if last.low in _PRONOUNS and len(chunk) == 1:
        return _Subject("pronoun", head=last.low, pos=pos)
    if last.is_cap:
        k = _cap_run_end(chunk)
        run = chunk[k:]
        if k > 0 and chunk[k - 1].low == "the":
            the_hint = True
        if k > 1 and chunk[k - 1].low == "and" and chunk[k - 2].is_cap:
            return _Subject("multi", pos=pos)
        role, name = _split_role(run)
        if (not name or (len(name) == 1 and name[0].bare.lower() in _ORG_KEYWORDS)) and any(
            t.bare.lower() in _ORG_KEYWORDS for t in run
        ):
            role, name = [], list(run)  # "The Health Ministry", "Ministry of Foreign Affairs"
            the_hint = True
        # Lower-case role words before the run: "company spokeswoman Jane Roe".
        j = k
        while j > 0 and (
            chunk[j - 1].low in _TITLE_WORDS
            or chunk[j - 1].low in _ORG_NOUNS
            or chunk[j - 1].is_cap
        ):
            j -= 1
        role = list(chunk[j:k]) + role
        while role and role[-1].bare.lower().rstrip(".") in _HONORIFICS:
            role.pop()
        role_text = _join(role, text) or None
        if not name:
            if role:
                return _Subject("noun", head=role[-1].bare.lower(), owner=tuple(role[:-1]), pos=pos)
            return None
        return _Subject(
            "name", tokens=tuple(name), role=role_text, the_hint=the_hint, pos=base + name[0].start
        )
    head = last.bare.lower()
    if head in _ANONYMOUS:
        return _Subject("anon", head=head, phrase=phrase, pos=pos)
    if head in _ORG_NOUNS or head in _PERSON_NOUNS or head in _TITLE_WORDS:
        mods = [t for t in chunk[:-1] if t.low not in {"the", "a", "an"}]
        return _Subject("noun", head=head, owner=tuple(mods), phrase=phrase, pos=pos)
    return None


def _chunk_back(tokens: list[_Token], j: int, limit: int = 12) -> list[_Token]:
    k = j
    while k >= 0 and j - k < limit and not _is_boundary(tokens[k]):
        k -= 1
    return tokens[k + 1 : j + 1]


_CLAUSE_VERBS = frozenset("was were is are would will had has could should might must".split())
_PREPOSITIONS = frozenset(
    """of to with by for from about against at on in during via through over under into outside
    inside near behind across around between among following""".split()
)
_HONORIFICS = frozenset("mr mrs ms mx miss sir dame".split())
_RELATIVE = frozenset("who which whose".split())
_ADVERB_ASIDE = frozenset(
    "however meanwhile too though instead separately also nonetheless".split()
)


def _subject_before(tokens: list[_Token], i: int, text: str, base: int) -> _Subject | None:
    j = i - 1
    skipped = 0
    while (
        j >= 0 and skipped < 5 and (tokens[j].low in _SKIP_BEFORE_VERB or tokens[j].text.isdigit())
    ):
        j -= 1
        skipped += 1
    if j < 0:
        return None
    tok = tokens[j]
    if tok.low in _PRONOUNS:
        return _Subject("pronoun", head=tok.low, pos=base + tok.start)
    if tok.text == ",":
        seg1 = _chunk_back(tokens, j - 1)
        k = j - 1 - len(seg1)
        if (
            seg1
            and len(seg1) == 1
            and seg1[0].low in _ADVERB_ASIDE
            and k >= 0
            and tokens[k].text == ","
        ):
            return _subject_before(tokens, k + 1, text, base)  # "Lane, however, said"
        if seg1 and k >= 1 and tokens[k].low in _RELATIVE and tokens[k - 1].text == ",":
            return _subject_before(tokens, k - 1, text, base)  # "X, who ..., said"
        if not seg1 or k < 0 or tokens[k].text != ",":
            return None
        seg0 = _chunk_back(tokens, k - 1)
        if not seg0:
            return None
        if all(t.is_cap or t.low in _NAME_PARTICLES for t in seg1):
            first = _analyse_chunk(list(seg1), text, base)
            if first is not None and first.kind == "name" and not first.the_hint:
                # "Its chairman, Jonas Whitfield, told": the role comes before the name.
                if len(seg0) <= 6 and not seg0[-1].text.isdigit():
                    first.role = first.role or _clean_role(_join(seg0, text))
                return first
        # "Jonas Whitfield, the company's chairman, said"; "Sarah Okafor, 45, a teacher, says".
        appositives = [seg1]
        for _ in range(3):
            if _is_name_segment(seg0):
                before = _analyse_chunk(list(seg0), text, base)
                if before is None or before.kind != "name":
                    return None
                described = [a for a in reversed(appositives) if not a[0].text.isdigit()]
                if described:
                    before.role = before.role or _clean_role(_join(described[0], text))
                    if described[0][-1].bare.lower() in _ORG_NOUNS:
                        before.the_hint = True  # "Millstone Foods, the region's largest supplier,"
                return before
            if not (seg0[0].text.isdigit() or seg0[0].low in _APPOSITIVE_START):
                return None
            k = k - 1 - len(seg0)
            if k < 1 or tokens[k].text != ",":
                return None
            appositives.append(seg0)
            seg0 = _chunk_back(tokens, k - 1)
            if not seg0:
                return None
        return None
    if _is_boundary(tok):
        return None
    return _analyse_chunk(_chunk_back(tokens, j), text, base)


_APPOSITIVE_START = frozenset("the a an its their his her our".split())


def _is_name_segment(seg: Sequence[_Token]) -> bool:
    """A clause segment ending in a capitalised name (possibly after lower-case role words)."""
    return bool(seg) and seg[-1].is_cap and seg[0].low not in _APPOSITIVE_START - {"the"}


def _clean_role(role: str) -> str:
    return re.sub(r"^(?:a|an|the|its|their)\s+", "", role.strip(), flags=re.IGNORECASE)


def _subject_after(
    tokens: list[_Token], i: int, text: str, base: int
) -> tuple[_Subject | None, int]:
    """Parse an inverted subject: ``"...," said Jonas Whitfield, the company's chairman``."""
    k = i + 1
    chunk: list[_Token] = []
    while k < len(tokens):
        t = tokens[k]
        if t.is_quote or not t.is_word:
            break
        if (
            t.is_cap
            or t.low in {"the", "a", "an"}
            or t.low in _TITLE_WORDS
            or (t.low in _CONNECTORS and chunk and k + 1 < len(tokens) and tokens[k + 1].is_cap)
        ):
            chunk.append(t)
        elif t.bare.lower() in _ORG_NOUNS | _PERSON_NOUNS | _ANONYMOUS or t.low in _PRONOUNS:
            chunk.append(t)
            k += 1
            if t.low in _PRONOUNS:
                break
            continue
        else:
            break
        k += 1
    # Trailing weekdays are not part of the name ("said Putin Thursday").
    while chunk and chunk[-1].low in _TIME_WORDS:
        chunk.pop()
        k -= 1
    if not chunk:
        return None, i + 1
    subject = _analyse_chunk(chunk, text, base)
    if subject is None:
        return None, i + 1
    # Apposition after the name: ", the company's chairman," / ", a spokeswoman for X".
    if k < len(tokens) and tokens[k].text == "," and subject.kind == "name":
        m = k + 1
        appos: list[_Token] = []
        while m < len(tokens) and tokens[m].is_word and not tokens[m].is_quote:
            appos.append(tokens[m])
            m += 1
        if appos and appos[0].low in {"the", "a", "an", "its", "their", "his", "her"}:
            subject.role = subject.role or _clean_role(_join(appos, text))
            k = m
    return subject, k


def _phrase_until_stop(tokens: list[_Token], k: int, text: str) -> tuple[str | None, int]:
    m = k
    while m < len(tokens):
        t = tokens[m]
        if t.is_quote or (not t.is_word and t.text not in "-’'&"):
            break
        if t.low == "that" and m > k:
            nxt = tokens[m + 1].low if m + 1 < len(tokens) else ""
            if nxt not in {"was", "were", "is", "are", "has", "had", "aired", "appeared", "ran"}:
                break
        elif t.low in _SOURCE_STOP and m > k:
            break
        m += 1
    if m == k:
        return None, k
    return _join(tokens[k:m], text), m


def _source_after(tokens: list[_Token], k: int, verb: str, text: str) -> str | None:
    """The medium phrase after a speech verb: "in an evening address Thursday", "told reporters"."""
    if verb in {"told", "tells", "telling"}:
        phrase, m = _phrase_until_stop(tokens, k - 1, text)
        if phrase is None:
            return None
        # Stop where the object ends and reported speech begins: "told shareholders the plan was".
        cut = m
        for n in range(k + 1, m):
            low = tokens[n].low
            if low in _CLAUSE_VERBS or (
                low in {"the", "a", "an", "its", "their", "his", "her", "our"}
                and tokens[n - 1].low not in _PREPOSITIONS
            ):
                cut = n
                break
        return _join(tokens[k - 1 : cut], text) if cut > k else None
    m = k
    skipped = 0
    while m < len(tokens) and skipped < 4:
        t = tokens[m]
        if t.low in _TIME_WORDS or t.text.isdigit():
            if t.low == "on" and m + 1 < len(tokens) and tokens[m + 1].low not in _TIME_WORDS:
                break
            m += 1
            skipped += 1
            continue
        break
    if m >= len(tokens):
        return None
    t = tokens[m]
    window = tokens[m : m + 6]
    if t.low in {"in", "on", "during", "at", "via", "through", "a", "an"}:
        has_medium = any(w.bare.lower() in _MEDIUM_NOUNS for w in window[1:])
        if t.low in {"on", "via"} and len(window) > 1 and window[1].is_cap:
            has_medium = window[1].low not in _WEEKDAYS | _MONTHS
        if has_medium:
            phrase, _ = _phrase_until_stop(tokens, m, text)
            return phrase
    return None


def _leading_source(tokens: list[_Token], verb: int, text: str) -> str | None:
    """A medium phrase opening the sentence: "In a letter to customers, X wrote: ..."."""
    if not tokens or tokens[0].low not in {"in", "during", "on", "at"}:
        return None
    for m, tok in enumerate(tokens[:verb]):
        if tok.text == ",":
            phrase = tokens[:m]
            if any(t.bare.lower() in _MEDIUM_NOUNS for t in phrase[1:]):
                return _join(phrase, text)
            return None
        if not tok.is_word or tok.is_quote:
            return None
    return None


def _according_np(tokens: list[_Token], k: int) -> list[_Token]:
    m = k
    while m < len(tokens) and tokens[m].is_word and not tokens[m].is_quote:
        m += 1
    return tokens[k:m]


# --------------------------------------------------------------------------- the analyser


class _Analyser:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.singles = not any(c in article.text for c in _DOUBLE_MARKS)
        pieces = _find_pieces(article)
        self.paragraphs: list[_Paragraph] = []
        by_para: dict[int, list[_Piece]] = {}
        for piece in pieces:
            by_para.setdefault(piece.para.number, []).append(piece)
        for para in article.paragraphs:
            own = by_para.get(para.number, [])
            masked = _mask(para, own, self.singles)
            tokens = _tokens(masked)
            sentences = _sentences(masked, own, para.text)
            for piece in own:
                piece.sentence = _sentence_of(sentences, piece.open_mark)
            self.paragraphs.append(_Paragraph(para, masked, tokens, sentences, own))
        self.pieces = pieces
        self.persons: list[_Cluster] = []
        self.orgs: list[_Cluster] = []
        self.mentions: list[tuple[int, _Cluster, bool]] = []  # (abs pos, cluster, subject-like)
        self.docs: list[tuple[int, str]] = []  # (abs pos, owner canonical)
        self.folded_text = fold(article.text)

    # ---- pass 1: tags
    def find_tags(self) -> None:
        for p in self.paragraphs:
            text = p.masked
            base = p.para.start
            for s_index, (s_start, s_end) in enumerate(p.sentences):
                tokens = [t for t in p.tokens if s_start <= t.start < s_end]
                self._tags_in_sentence(p, tokens, text, base, s_index)

    def _tags_in_sentence(
        self, p: _Paragraph, tokens: list[_Token], text: str, base: int, s_index: int
    ) -> None:
        for i, tok in enumerate(tokens):
            low = tok.low
            if low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to":
                np_tokens = _according_np(tokens, i + 2)
                source = _join([tok, *np_tokens], text) if np_tokens else None
                subject = self._according_subject(np_tokens, text, base)
                end = np_tokens[-1].end if np_tokens else tokens[i + 1].end
                p.tags.append(
                    _Tag("according", base + tok.start, base + end, subject, source, s_index, True)
                )
                continue
            if low not in _SPEECH_VERBS:
                continue
            if i > 0 and (tokens[i - 1].low in _PASSIVE_AUX | {"to"}):
                continue
            subject = _subject_before(tokens, i, text, base)
            inverted = False
            after = i + 1
            if subject is None and low in _INVERTIBLE:
                prev = tokens[i - 1] if i > 0 else None
                if (
                    prev is None
                    or prev.is_quote
                    or prev.text in ",:—–"
                    or (prev.text in ",:" and i > 1 and tokens[i - 2].is_quote)
                ):
                    subject, after = _subject_after(tokens, i, text, base)
                    inverted = subject is not None
                    if not inverted:
                        after = i + 1
            source = _source_after(tokens, after, low, text) or _leading_source(tokens, i, text)
            if subject is not None and subject.kind == "doc" and source is None:
                source = subject.phrase
            end = tokens[after - 1].end if after - 1 < len(tokens) else tok.end
            p.tags.append(
                _Tag(low, base + tok.start, base + end, subject, source, s_index, inverted=inverted)
            )

    def _according_subject(self, np_tokens: list[_Token], text: str, base: int) -> _Subject | None:
        if not np_tokens:
            return None
        # "according to an NBC News translation of the Kremlin's readout": the document counts.
        for tok in np_tokens:
            if tok.bare.lower() in _DOC_NOUNS:
                return _analyse_chunk(list(np_tokens), text, base)
        chunk: list[_Token] = []
        for tok in np_tokens:
            if tok.low in {"who", "which", "that", "in", "on", "at", "during", "after", "cited"}:
                break
            if chunk and tok.low.endswith("ing") and len(tok.low) > 5 and not tok.is_cap:
                break  # "the union representing workers"
            chunk.append(tok)
        if any(t.bare.lower() in _MEDIUM_ONLY for t in chunk):
            return None
        # "according to Jane Roe, a spokeswoman": the name is first.
        return _analyse_chunk(chunk, text, base)

    # ---- entities
    def build_entities(self) -> None:
        names: list[tuple[list[_Token], str | None, str, int]] = []  # tokens, role, text, pos
        org_names: list[tuple[str, int]] = []
        for p in self.paragraphs:
            for tag in p.tags:
                s = tag.subject
                if s is None:
                    continue
                if s.kind == "name":
                    surface = _join(s.tokens, p.masked)
                    if self._org_like(surface, s.the_hint):
                        org_names.append((surface, s.pos))
                    else:
                        names.append((list(s.tokens), s.role, p.masked, s.pos))
                elif (
                    s.kind == "noun"
                    and s.head in _ORG_NOUNS
                    and s.owner
                    and all(t.is_cap for t in s.owner)
                    and fold(_join(s.owner, p.masked)) not in _COUNTRY_SEAT
                    and s.head not in {"administration", "government"}
                ):
                    org_names.append((f"{_join(s.owner, p.masked)} {s.head}", s.pos))
                elif s.kind == "doc" and s.owner:
                    surface = _join(s.owner, p.masked)
                    if all(t.is_cap for t in s.owner) and fold(surface) not in _COUNTRY_SEAT:
                        org_names.append((surface, s.pos))
            # Titled names and names with known first names anywhere in the narration.
            for run, start in self._cap_runs(p):
                role, name = _split_role(run)
                surface = _join(run, p.masked)
                if self._org_like(surface, False):
                    bare = fold(surface.removeprefix("The ").removeprefix("the "))
                    if bare in _GOVERNMENT_ORGS or any(
                        t.bare.lower() in _ORG_KEYWORDS for t in run[1:]
                    ):
                        org_names.append((surface, p.para.start + start))
                    continue
                if not name:
                    continue
                if (
                    role
                    or (len(name) >= 2 and fold(name[0].text) in _MALE_NAMES | _FEMALE_NAMES)
                    or self._subject_name(p, run, name)
                ):
                    names.append((name, _join(role, p.masked) or None, p.masked, 0))
        for surface, _pos in org_names:
            self._add_org(surface)
        # Full names first so that surnames attach to them.
        names.sort(key=lambda n: -len(n[0]))
        for tokens, role, text, _pos in names:
            self._add_person(tokens, role, text)
        self._collect_mentions()
        self._collect_gender()

    @staticmethod
    def _subject_name(p: _Paragraph, run: list[_Token], name: list[_Token]) -> bool:
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
        if tokens[end].low in _ORG_NOUNS or tokens[end].low in _TITLE_WORDS:
            return False
        starts = {s for s, _e in p.sentences}
        prev = tokens[idx - 1] if idx > 0 else None
        return (
            run[0].start in starts
            or prev is None
            or prev.low in _LEADING_FUNCTION - {"the", "a", "an", "its", "his", "her", "their"}
            or prev.text == ","
        )

    def _cap_runs(self, p: _Paragraph) -> Iterable[tuple[list[_Token], int]]:
        tokens = p.tokens
        i = 0
        while i < len(tokens):
            if tokens[i].is_cap and tokens[i].is_word:
                j = i
                while j + 1 < len(tokens) and (
                    (tokens[j + 1].is_cap and tokens[j + 1].is_word)
                    or (
                        tokens[j + 1].low in _NAME_PARTICLES
                        and j + 2 < len(tokens)
                        and tokens[j + 2].is_cap
                    )
                ):
                    if tokens[j].possessive:
                        break
                    j += 1
                run = tokens[i : j + 1]
                while run and run[0].low in _LEADING_FUNCTION:
                    run = run[1:]
                if run:
                    yield run, run[0].start
                i = j + 1
            else:
                i += 1

    def _org_like(self, surface: str, the_hint: bool) -> bool:
        bare = re.sub(r"^(?:the|a|an)\s+", "", surface, flags=re.IGNORECASE)
        bare = _strip_possessive(bare)
        folded = fold(bare)
        if folded in _GOVERNMENT_ORGS:
            return True
        words = [fold(_strip_possessive(w)) for w in bare.split()]
        if any(w in _ORG_KEYWORDS for w in words):
            return True
        if any(o.canonical and fold(o.canonical).startswith(folded) for o in self.orgs):
            return True
        return the_hint

    def _add_org(self, surface: str) -> _Cluster:
        bare = _org_name(surface)
        bare = _strip_possessive(bare)
        folded = fold(bare)
        key = _GOVERNMENT_ORGS.get(folded)
        for org in self.orgs:
            ofold = fold(org.canonical)
            okey = _GOVERNMENT_ORGS.get(ofold)
            if (key and okey == key) or ofold == folded:
                org.add(bare)
                return org
            if ofold.startswith(folded + " ") or folded.startswith(ofold + " "):
                org.add(bare)
                return org
        org = _Cluster("organization", [bare])
        self.orgs.append(org)
        return org

    def _find_org(self, surface: str) -> _Cluster | None:
        bare = _org_name(surface)
        folded = fold(_strip_possessive(bare))
        key = _GOVERNMENT_ORGS.get(folded)
        for org in self.orgs:
            ofold = fold(org.canonical)
            if ofold == folded or (key and _GOVERNMENT_ORGS.get(ofold) == key):
                return org
            if any(fold(s) == folded for s in org.surfaces):
                return org
            if ofold.startswith(folded + " "):
                return org
        return None

    def _add_person(self, tokens: list[_Token], role: str | None, text: str) -> _Cluster:
        words = [_strip_possessive(t.text) for t in tokens]
        surface = " ".join(words)
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
        if match is None:
            match = _Cluster("person", [], first_key, last_key)
            self.persons.append(match)
        match.add(surface)
        if first_key and not match.first_key:
            match.first_key = first_key
        if role:
            self._gender_from_words(match, role.split())
            words_ = role.split()
            while words_ and fold(words_[-1]).rstrip(".") in _HONORIFICS:
                words_.pop()
            if words_:
                match.roles.append((False, " ".join(words_)))
        self._gender_from_words(match, words[:1])
        return match

    def _gender_from_words(self, cluster: _Cluster, words: Iterable[str]) -> None:
        for w in words:
            low = fold(w).rstrip(".")
            if low in _MALE_TITLES or low in _MALE_NAMES:
                cluster.strong_gender = cluster.strong_gender or "m"
            elif low in _FEMALE_TITLES or low in _FEMALE_NAMES:
                cluster.strong_gender = cluster.strong_gender or "f"

    def _person_for(
        self, words: Sequence[str], pos: int, gender: str | None = None
    ) -> _Cluster | None:
        words = [_strip_possessive(w) for w in words if w]
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
        if gender and len(candidates) > 1:
            fitting = [c for c in candidates if c.gender in {None, gender}]
            candidates = fitting or candidates
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        # Several people share the surname: the one named most recently before `pos`.
        best = None
        best_pos = -1
        for mpos, cluster, _subj in self.mentions:
            if cluster in candidates and mpos <= pos and mpos > best_pos:
                best, best_pos = cluster, mpos
        return best or candidates[0]

    def _collect_mentions(self) -> None:
        prepositions = frozenset(
            "of to with by for from about against at on in toward towards between among than "
            "over under into onto like".split()
        )
        for p in self.paragraphs:
            tokens = p.tokens
            for run, start in self._cap_runs(p):
                role, name = _split_role(run)
                pos = p.para.start + start
                surface = _join(run, p.masked)
                cluster = self._find_org(surface) if self._org_like(surface, False) else None
                if cluster is None and name:
                    hint = _gender_hint(" ".join(t.text for t in role))
                    cluster = self._person_for([t.text for t in name], pos, hint)
                if cluster is None:
                    continue
                idx = next(k for k, t in enumerate(tokens) if t.start == start)
                end_idx = idx + len(run)
                prev = tokens[idx - 1].low if idx > 0 else ""
                nxt = tokens[end_idx].low if end_idx < len(tokens) else ""
                subject_like = (
                    prev not in prepositions
                    and not run[-1].possessive
                    and nxt not in {"administration", "government", "campaign"}
                )
                k = end_idx
                while k < len(tokens) and k - end_idx < 4 and tokens[k].low in _SKIP_BEFORE_VERB:
                    k += 1
                if k < len(tokens) and tokens[k].low in _SPEECH_VERBS and not run[-1].possessive:
                    subject_like = True  # "with Putin saying"
                self.mentions.append((pos, cluster, subject_like))
        self.mentions.sort(key=lambda m: m[0])

    def _collect_gender(self) -> None:
        """Pronouns next to a single named person in a sentence tell that person's gender."""
        persons_at: dict[int, _Cluster] = {
            pos: c for pos, c, _s in self.mentions if c.kind == "person"
        }
        for p in self.paragraphs:
            base = p.para.start
            for s_start, s_end in p.sentences:
                seen: list[_Cluster] = []
                for tok in p.tokens:
                    if not s_start <= tok.start < s_end:
                        continue
                    cluster = persons_at.get(base + tok.start)
                    if cluster is not None and cluster not in seen:
                        seen.append(cluster)
                    if len(seen) == 1:
                        if tok.low in _MALE_PRONOUNS:
                            seen[0].male += 1
                        elif tok.low in _FEMALE_PRONOUNS:
                            seen[0].female += 1

    # ---- pass 2: resolve tags in article order
    def resolve_tags(self) -> None:
        self._collect_docs()
        for p in self.paragraphs:
            for tag in p.tags:
                if tag.subject is None:
                    continue
                speaker, kind = self._resolve_subject(tag.subject, tag.pos, p)
                tag.speaker, tag.kind = speaker, kind
                if speaker and tag.subject.kind == "name" and tag.subject.role and kind == "person":
                    cluster = self._person_for([t.text for t in tag.subject.tokens], tag.pos)
                    if cluster is not None:
                        quoted = any(pc.sentence == tag.sentence for pc in p.pieces)
                        cluster.roles.append((quoted, tag.subject.role))

    def _collect_docs(self) -> None:
        for p in self.paragraphs:
            tokens = p.tokens
            for idx, tok in enumerate(tokens):
                if tok.bare.lower() not in _DOC_NOUNS:
                    continue
                chunk = _chunk_back(tokens, idx)
                subject = _analyse_chunk(list(chunk), p.masked, p.para.start)
                if subject is None or subject.kind != "doc" or not subject.owner:
                    continue
                owner = self._resolve_owner(subject.owner, p.masked, p.para.start + tok.start)
                if owner:
                    self.docs.append((p.para.start + tok.start, owner))

    def _seat(self, country: str) -> str | None:
        key = _COUNTRY_SEAT.get(fold(country).strip())
        if key is None:
            return None
        if key not in self.folded_text:
            return None
        org = self._find_org(key) or self._add_org(_GOVERNMENT_ORGS[key])
        return org.canonical

    def _resolve_owner(self, owner: Sequence[_Token], text: str, pos: int) -> str | None:
        words = [_strip_possessive(t.text) for t in owner]
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in {"its", "their"}:
            return self._recent_org(pos)
        last = words[-1].lower()
        if last in {"administration", "government"}:
            return self._government_of(words[:-1], pos) or None
        if last in _ORG_NOUNS:
            return self._org_noun(last, words[:-1], pos)
        surface = " ".join(words)
        seat = self._seat(surface)
        if seat:
            return seat
        org = self._find_org(surface)
        if org is not None:
            return org.canonical
        person = self._person_for(words, pos)
        if person is not None:
            return person.canonical
        return self._add_org(surface).canonical

    def _government_of(self, words: Sequence[str], pos: int) -> str | None:
        if not words:
            return self._recent_org(pos)
        seat = self._seat(" ".join(words))
        if seat:
            return seat
        person = self._person_for(words, pos)
        if person is not None:
            for _q, role in person.roles:
                for chunk in (role, *role.replace(".", ". ").split()):
                    seat = self._seat(chunk.strip())
                    if seat:
                        return seat
                role_words = role.split()
                for n in (2, 1):
                    for k in range(len(role_words) - n + 1):
                        seat = self._seat(" ".join(role_words[k : k + n]))
                        if seat:
                            return seat
        surface = " ".join(words) + " administration"
        return self._add_org(surface).canonical

    def _recent_org(self, pos: int) -> str | None:
        best = None
        for mpos, cluster, _s in self.mentions:
            if mpos < pos and cluster.kind == "organization":
                best = cluster
        return best.canonical if best else None

    def _org_noun(self, noun: str, modifiers: Sequence[str], pos: int) -> str | None:
        if modifiers:
            surface = " ".join(modifiers)
            if noun in {"administration", "government"}:
                return self._government_of(modifiers, pos)
            org = self._find_org(f"{surface} {noun}") or self._find_org(surface)
            if org is not None:
                return org.canonical
            seat = self._seat(surface)
            if seat and noun in {"government", "administration"}:
                return seat
        # "the company", "the ministry": the most recent organisation whose name fits the noun,
        # else the most recent organisation.
        fitting = None
        later = None
        anyorg = None
        for mpos, cluster, _s in self.mentions:
            if cluster.kind != "organization":
                continue
            fits = noun in fold(cluster.canonical) or (
                noun in {"company", "firm", "group", "corporation", "maker", "giant"}
                and fold(cluster.canonical) not in _GOVERNMENT_ORGS
            )
            if mpos >= pos:
                if fits and later is None:
                    later = cluster  # a key point can name an organisation introduced below
                continue
            anyorg = cluster
            if fits:
                fitting = cluster
        chosen = fitting or later or anyorg
        return chosen.canonical if chosen else None

    def _resolve_subject(
        self, s: _Subject, pos: int, p: _Paragraph
    ) -> tuple[str | None, str | None]:
        if s.kind == "pronoun":
            return self._resolve_pronoun(s.head, pos)
        if s.kind == "doc":
            if s.owner:
                owner = self._resolve_owner(s.owner, p.masked, pos)
                kind = "organization" if owner and self._find_org(owner) else "person"
                return owner, kind if owner else None
            for dpos, owner in reversed(self.docs):
                if dpos < pos:
                    return owner, "organization"
            return None, None
        if s.kind == "noun":
            if s.head in _PERSON_NOUNS | _TITLE_WORDS and s.head not in _ORG_NOUNS:
                mods = [t.bare for t in s.owner if t.is_cap]
                if mods:
                    org = self._org_noun("company", mods, pos)
                    if org:
                        return org, "organization"
                # "the president said": the most recent person with that title.
                for mpos, cluster, _subj in reversed(self.mentions):
                    if (
                        mpos < pos
                        and cluster.kind == "person"
                        and cluster.role
                        and s.head in fold(cluster.role)
                    ):
                        return cluster.canonical, "person"
                return None, None
            org = self._org_noun(s.head, [t.bare for t in s.owner], pos)
            return (org, "organization") if org else (None, None)
        if s.kind == "name":
            surface = " ".join(t.bare for t in s.tokens)
            if self._org_like(surface, s.the_hint):
                org = self._find_org(surface) or self._add_org(surface)
                return org.canonical, "organization"
            person = self._person_for([t.text for t in s.tokens], pos, _gender_hint(s.role))
            if person is not None:
                return person.canonical, "person"
            return surface, "person"
        return None, None

    def _resolve_pronoun(self, pronoun: str, pos: int) -> tuple[str | None, str | None]:
        want = _PRONOUNS.get(pronoun)
        if want == "o":
            org = self._recent_org(pos)
            return (org, "organization") if org else (None, None)
        if want not in {"m", "f"}:
            return None, None
        window_start = pos - 4000
        for subject_only in (True, False):
            for mpos, cluster, subj in reversed(self.mentions):
                if mpos >= pos or mpos < window_start:
                    continue
                if cluster.kind != "person" or (subject_only and not subj):
                    continue
                gender = cluster.gender
                if gender is None or gender == want:
                    return cluster.canonical, "person"
        return None, None

    # ---- pass 3: quotes get speakers
    def attribute(self) -> None:
        for p in self.paragraphs:
            for piece in p.pieces:
                tag = self._tag_for(p, piece)
                if tag is not None:
                    piece.speaker = tag.speaker
                    piece.source = tag.source or self._sentence_source(p, piece.sentence)
                    piece.resolved = True
        # One speaker for all pieces of a quotation running over several paragraphs.
        groups: dict[int, list[_Piece]] = {}
        for piece in self.pieces:
            groups.setdefault(piece.group, []).append(piece)
        for members in groups.values():
            if len(members) < 2 or len({m.para.number for m in members}) < 2:
                continue
            lead = next((m for m in members if m.resolved and m.speaker), None)
            if lead is None:
                self._fill_from_paragraph(members[0])
                lead = members[0] if members[0].resolved else None
            if lead is None:
                continue
            for m in members:
                if not m.resolved or m.continues:
                    m.speaker, m.source, m.resolved = lead.speaker, m.source or lead.source, True
        for p in self.paragraphs:
            for piece in p.pieces:
                if not piece.resolved:
                    self._fill_from_paragraph(piece)

    def _tag_for(self, p: _Paragraph, piece: _Piece) -> _Tag | None:
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
        if according and not person_verbs:
            return according[0]
        chosen = verbs[0] if verbs else according[0]
        if len(verbs) > 1:
            near = min(verbs, key=lambda t: min(abs(t.pos - abs_open), abs(t.pos - abs_close)))
            first = verbs[0]
            if first.pos > abs_close and near.pos > abs_close:
                chosen = min(verbs, key=lambda t: t.pos - abs_close if t.pos > abs_close else 10**9)
        return chosen

    def _sentence_source(self, p: _Paragraph, sentence: int) -> str | None:
        for t in p.tags:
            if t.sentence == sentence and t.source and (t.according or not t.speaker):
                return t.source
        return None

    def _fill_from_paragraph(self, piece: _Piece) -> None:
        p = next(x for x in self.paragraphs if x.para.number == piece.para.number)
        # Another quotation's tag in the same paragraph: the nearest sentence, preceding first.
        candidates = [
            q for q in p.pieces if q is not piece and q.resolved and q.speaker is not None
        ]
        if candidates:
            before = [q for q in candidates if q.sentence < piece.sentence]
            after = [q for q in candidates if q.sentence > piece.sentence]
            same = [q for q in candidates if q.sentence == piece.sentence]
            chosen = (same or before[-1:] or after[:1])[0]
            piece.speaker, piece.source, piece.resolved = chosen.speaker, chosen.source, True
            return
        tags = [t for t in p.tags if t.speaker]
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
            speaker = self._paragraph_speaker(prev)
            if speaker:
                piece.speaker, piece.resolved = speaker, True
                return
        piece.resolved = True

    def _previous_piece(self, piece: _Piece) -> _Piece | None:
        idx = self.pieces.index(piece)
        return self.pieces[idx - 1] if idx > 0 else None

    def _previous_paragraph(self, p: _Paragraph) -> _Paragraph | None:
        idx = self.paragraphs.index(p)
        if idx == 0:
            return None
        prev = self.paragraphs[idx - 1]
        if prev.para.kind is ParagraphKind.HEADING or prev.para.kind != p.para.kind:
            return None
        return prev

    def _paragraph_speaker(self, p: _Paragraph) -> str | None:
        spoken = [q.speaker for q in p.pieces if q.speaker]
        if spoken:
            return spoken[-1]
        tags = [t.speaker for t in p.tags if t.speaker]
        return tags[-1] if tags else None

    # ---- results
    def quotes(self) -> tuple[Quote, ...]:
        out = []
        for piece in self.pieces:
            base = piece.para.start
            start, end = base + piece.start, base + piece.end
            out.append(
                Quote(
                    text=self.article.text[start:end],
                    article=self.article.id,
                    paragraph=piece.para.number,
                    start=start,
                    end=end,
                    speaker=piece.speaker,
                    source=piece.source,
                )
            )
        return tuple(out)

    def paragraph_attributions(self) -> dict[int, Attribution]:
        out: dict[int, Attribution] = {}
        for p in self.paragraphs:
            spoken = [q for q in p.pieces if q.speaker]
            if spoken:
                out[p.para.number] = Attribution(spoken[0].speaker, spoken[0].source)
                continue
            tags = [t for t in p.tags if t.speaker]
            if tags:
                tag = tags[0]
                source = tag.source or self._sentence_source(p, tag.sentence)
                out[p.para.number] = Attribution(tag.speaker, source)
                continue
            sourced = [t for t in p.tags if t.according and t.source]
            if sourced:
                out[p.para.number] = Attribution(None, sourced[0].source)
        return out

    def profiles(self, quotes: Sequence[Quote]) -> dict[str, SpeakerProfile]:
        out: dict[str, SpeakerProfile] = {}
        names = {q.speaker for q in quotes if q.speaker}
        for name in sorted(names):
            person = next((c for c in self.persons if c.canonical == name), None)
            org = next((c for c in self.orgs if c.canonical == name), None)
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
            out[name] = SpeakerProfile(name, cluster.role, cluster.kind, tuple(aliases))
        return out


def _org_name(surface: str) -> str:
    """An organisation's name as written, without article or "Geneva-based" prefix."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", surface.strip(), flags=re.IGNORECASE)
    return re.sub(r"^(?:[^\s]+-based\s+)+", "", bare)


def _gender_hint(role: str | None) -> str | None:
    for word in (role or "").split():
        low = fold(word).rstrip(".")
        if low in _MALE_TITLES:
            return "m"
        if low in _FEMALE_TITLES:
            return "f"
    return None


def _sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    for idx, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return idx
    return len(sentences) - 1


_CACHE: dict[tuple[str, str], ArticleAnalysis] = {}
_CACHE_SIZE = 512


def _analyse(article: Article) -> ArticleAnalysis:
    analyser = _Analyser(article)
    analyser.find_tags()
    analyser.build_entities()
    analyser.resolve_tags()
    analyser.attribute()
    quotes = analyser.quotes()
    return ArticleAnalysis(quotes, analyser.paragraph_attributions(), analyser.profiles(quotes))


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
        out[number] = Attribution(q.speaker, q.source)
    return dict(sorted(out.items()))


def speaker_profiles(article: Article) -> dict[str, SpeakerProfile]:
    """Canonical name -> role, kind and aliases for every speaker quoted in an article."""
    return analyse_article(article).profiles
