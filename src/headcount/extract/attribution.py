"""Who says a claim: the source, its kind, its country and the channel it speaks through.

Looked for in this order: a reporting verb governing the claim ("Tokyo says",
"..., the ministry said", "confirmed dead by the Foreign Office"); "according
to X"; another reporting verb in the same sentence; a headline tag ("Red
Cross: ...", "..., 30 British: official"); a pronoun or "the source" resolved
to the last named speaker. With none of these the report's own voice speaks.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..model import Group, Source
from .lexicon import Lexicon
from .sentence_ents import sentence_ents

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass
class SpeakerMemory:
    """What a report has told so far about who speaks: the last named speaker, to resolve "he said"
    and "the source said", and the country the events happen in (``host``)."""

    last: Source | None = None
    by_name: dict[str, Source] = field(default_factory=dict)
    host: str | None = None
    speakers: list[Source] = field(default_factory=list)   # every named speaker so far, in order
    last_person: Source | None = None   # the last person named, speaker or not, for a "he said" with no speaker


# Sources that speak for a country even when they do not name it: "the president", "authorities".
NATIONAL_KINDS = ("government", "state_media", "organisation")


def with_country(source: Source, group: Group, host: str | None, lex: Lexicon) -> Source:
    """The country a source plainly speaks for when its words name none: "their foreign ministries"
    speak for the nationals they report on; a government, state medium or organisation otherwise for
    the country where the events happen (the president, the interior ministry, the Red Cross)."""
    if source.country is not None or source.kind not in NATIONAL_KINDS:
        return source
    words = (source.text or "").lower().split()
    if group.nationality and any(w in lex.cues["possessives"] for w in words):
        return replace(source, country=group.nationality)
    return replace(source, country=host) if host else source


def _is_reporting(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.cues["reporting_verbs"]


def _speaks_for_claim(tok: Token, lex: Lexicon, governing: bool) -> bool:
    """A reporting verb that tells someone's word, for a claim it governs (``governing``) or one elsewhere
    in its sentence: "Burkina Faso mourns 29 victims" tells no one's (not_speech_verbs); "officials believe
    30 died" speaks only for the claim it governs (speech_only_governing)."""
    lemma = tok.lemma_.lower()
    if not _is_reporting(tok, lex) or lemma in lex.cues["not_speech_verbs"]:
        return False
    return governing or lemma not in lex.cues["speech_only_governing"]


def _is_speech_noun(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.cues["speech_nouns"]


def _subject(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a reporting verb; a conjoined verb borrows its first conjunct's. A passive verb's
    speaker is its agent ("confirmed dead by the Foreign Office"), never its passive subject ("five
    Britons"); with no agent it has none ("were identified")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return _agent(verb)
    clitic = [c for c in verb.children if c.dep_ == "expl" and c.lower_.lstrip("-t") in lex.cues["subject_clitics"]]
    if clitic and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return clitic[-1]  # "a-t-il déclaré": the subject is the clitic after the verb
    if verb.lang_ == "fr" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # the speech tag after a quote puts its subject after the verb, parsed as an object:
        # "..., a annoncé le ministère"
        after = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
        if after and any(t.text == "," for t in verb.doc[max(0, verb.i - 3):verb.i]):
            return after[0]
    t = verb
    for _ in range(3):
        subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj[0]
        if t.dep_ == "conj" or (t.dep_ in ("xcomp", "advcl") and t.head.pos_ in ("VERB", "AUX")):
            t = t.head
            continue
        break
    return _agent(verb)


def _agent(verb: Token) -> Token | None:
    for a in verb.children:
        if a.dep_ == "agent":
            for p in a.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _phrase(head: Token, lex: Lexicon) -> tuple[list[Token], Token | None]:
    """The source's words (subtree without clauses) and a channel named by a via preposition ("through",
    "via")."""
    via = None
    keep: list[Token] = []

    def walk(t: Token):
        nonlocal via
        keep.append(t)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in lex.cues["via_prepositions"]:
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if objs:
                    via = objs[0]
                continue
            if c.dep_ in ("relcl", "acl", "advcl", "ccomp") or \
                    (c.dep_ == "punct" and c.text not in (".", "'", "’") and not _infix_hyphen(c)):
                continue
            if c.dep_ in ("cc", "conj") and c.i > head.i and not (c.dep_ == "cc" or c.pos_ in ("PROPN", "NOUN")):
                continue
            walk(c)

    walk(head)
    keep.sort(key=lambda t: t.i)
    # a phrase is contiguous: stop at the first gap
    run = [keep[0]]
    for t in keep[1:]:
        if t.i != run[-1].i + 1:
            if t.i > head.i:
                break
            run = [t]
            continue
        run.append(t)
    while run and run[-1].is_punct:
        run.pop()
    while run and run[0].is_punct:
        run.pop(0)
    return run, via


def _infix_hyphen(t: Token) -> bool:
    """A hyphen written inside a word: "state-run"."""
    return t.text == "-" and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _channel(verb: Token, lex: Lexicon) -> Token | None:
    """"told AFP", "a indiqué à l'AFP": the listener is the channel when it is a news outlet."""
    for c in verb.children:
        if verb.lemma_.lower() in lex.cues["telling_verbs"] and c.dep_ in ("dobj", "dative") and \
                lex.source_kind(c.lower_) in ("media", "state_media"):
            return c
        if c.dep_ == "prep" and c.lower_ in lex.cues["listener_prepositions"]:
            for p in c.children:
                if p.dep_ == "pobj" and lex.source_kind(p.lower_) in ("media", "state_media"):
                    return p
    return None


def _has_form(tok: Token, features) -> bool:
    """The token's morphology has every one of these features ("VerbForm=Part", "Tense=Pres")."""
    own = set(str(tok.morph).split("|"))
    return all(f in own for f in features)


def _is_quotation(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.cues["quotation_verbs"]


def _quoted_frame(verb: Token, lex: Lexicon) -> tuple[Token, Token | None] | None:
    """"The agency quoted hospital staff as saying that...": a verb of quotation whose object is followed by
    a frame of the lexicon (a marker and a reporting verb of the form it names, quotation_frames). The
    object speaks, the quoting verb's subject is the channel; passive, "an officer was quoted by state radio
    as saying", the subject speaks and the agent is the channel. ``verb`` is the quotation verb or the
    reporting verb of its frame. RETURNS (speaker, channel) or None."""
    frames = lex.cues["quotation_frames"]
    quoting = verb
    if not _is_quotation(verb, lex):
        marker = verb.head
        if verb.dep_ != "pcomp" or marker.lower_ not in frames or not _has_form(verb, frames[marker.lower_]):
            return None
        quoting = marker.head
        if not _is_quotation(quoting, lex):
            return None
    framed = any(c.dep_ == "prep" and c.lower_ in frames and
                 any(p.dep_ == "pcomp" and _is_reporting(p, lex) and _has_form(p, frames[c.lower_]) for p in c.children)
                 for c in quoting.children)
    if not framed:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in quoting.children):
        quoted = [c for c in quoting.children if c.dep_ == "nsubjpass"]
        return (quoted[0], _agent(quoting)) if quoted else None
    quoted = [c for c in quoting.children if c.dep_ == "dobj"]
    return (quoted[0], _subject(quoting, lex)) if quoted else None


def _quoting_participle(tok: Token, lex: Lexicon) -> Token | None:
    """"..., the agency said, quoting a police officer", "la radio d'État citant un responsable": a verb of
    quotation in the participle form of the lexicon (participle_features) beside a channel, or beside the
    verb the channel speaks with. RETURNS the quoted speaker (the participle's object) or None."""
    for c in tok.children:
        if c.dep_ in ("advcl", "acl", "xcomp") and _is_quotation(c, lex) and \
                _has_form(c, lex.cues["participle_features"]):
            objs = [o for o in c.children if o.dep_ == "dobj" and o.pos_ in ("NOUN", "PROPN")]
            if objs:
                return objs[0]
    return None


def _quoting_channel(quoted: Token, lex: Lexicon) -> Token | None:
    """The channel of a speaker named as the object of a quoting participle: the noun the participle
    describes ("la radio d'État citant un responsable") or the subject of the verb it goes with ("..., the
    agency said, citing an officer"). None when ``quoted`` is not such an object."""
    quoting = quoted.head
    if quoted.dep_ != "dobj" or not _is_quotation(quoting, lex) or not _has_form(quoting, lex.cues["participle_features"]):
        return None
    if quoting.dep_ == "acl" and quoting.head.pos_ in ("NOUN", "PROPN"):
        return quoting.head
    if quoting.dep_ in ("advcl", "xcomp") and quoting.head.pos_ in ("VERB", "AUX"):
        return _subject(quoting.head, lex)
    return None


def _is_relative(tok: Token) -> bool:
    return tok.pos_ == "PRON" and (tok.tag_ in ("WP", "WDT") or "Rel" in tok.morph.get("PronType"))


def speaker_and_channel(verb: Token, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """Who speaks with a reporting verb, and the channel it speaks through: the verb's subject
    (``_subject``) and the news outlet it tells (``_channel``); but when the verb reports a quotation, the
    person quoted speaks and the one who quotes is the channel: "State radio quoted an officer as saying",
    "the agency said, quoting an officer", "l'agence a cité un responsable qui a déclaré". A relative
    pronoun speaks for the noun its clause describes ("an official who said")."""
    if (framed := _quoted_frame(verb, lex)) is not None:
        return framed
    subj = _subject(verb, lex)
    if subj is not None and _is_relative(subj) and verb.dep_ == "relcl":
        named = verb.head
        quoting = named.head if named.dep_ == "dobj" and _is_quotation(named.head, lex) else None
        return named, (_subject(quoting, lex) if quoting is not None else _channel(verb, lex))
    if subj is not None and (quoted := _quoting_participle(verb, lex) or _quoting_participle(subj, lex)) is not None:
        return quoted, subj
    return subj, _channel(verb, lex)


def _source_from(head: Token, lex: Lexicon, memory: SpeakerMemory, via_tok: Token | None = None) -> Source | None:
    tokens, via = _phrase(head, lex)
    if not tokens:
        return None
    via = via_tok or via
    via_text = _phrase(via, lex)[0] if via is not None else None
    text = head.doc[tokens[0].i:tokens[-1].i + 1].text
    lower = " ".join(t.lower_ for t in tokens)
    if head.lower_ in lex.cues["pronoun_sources"] or lower in lex.cues["anaphoric_sources"] \
            or head.lower_.lstrip("-t") in lex.cues["pronoun_sources"]:
        if memory.last is not None:
            return memory.last
        if head.pos_ == "PRON":
            return memory.last_person
    if (known := _described_before(tokens, memory, lex)) is not None:
        return known  # "the prime minister" after "Prime Minister Ada Lind said"
    kind = classify_kind(tokens, lex, memory)
    if kind in (None, "witness"):  # "R. Patil, a top official in Maharashtra state": the apposition says who
        for appos in (c for c in head.children if c.dep_ == "appos"):
            said = classify_kind(list(appos.subtree), lex, memory)
            if said not in (None, "witness"):
                kind = said
                break
    if _claims_responsibility(head, lex):  # "a spokesman for the group, which claimed the attack"
        kind = "perpetrator"
    if kind is None:
        return None
    country = source_country(tokens, lex) if kind != "reporter" else None
    if country is None and kind != "reporter":  # "Roe said" after "Canadian Foreign Minister Jane Roe said"
        country = next((known.country for t in tokens if t.ent_type_ == "PERSON" and
                        (known := memory.by_name.get(t.text)) is not None), None)
    via_str = head.doc[via_text[0].i:via_text[-1].i + 1].text if via_text else None
    named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > tokens[-1].i]
    if named:  # "Britain's high commissioner, Sir Ian Moss": the name belongs to the source's words
        text = head.doc[tokens[0].i:max(t.i for t in named[0].subtree) + 1].text
    return Source(text=text, kind=kind, country=country, via=via_str)


def _described_before(tokens: list[Token], memory: SpeakerMemory, lex: Lexicon) -> Source | None:
    """A definite description with no name ("the prime minister", "the ambassador") is the latest
    named speaker it describes."""
    if tokens[0].lower_ not in lex.cues["definite_articles"] or any(t.pos_ == "PROPN" for t in tokens) or len(tokens) < 2:
        return None
    words = " ".join(t.lower_ for t in tokens[1:])
    for known in reversed(memory.speakers):
        if words in (known.text or "").lower() and \
                (known.country or any(w[:1].isupper() for w in (known.text or "").split()[1:])):
            return known
    return None


def _claims_responsibility(head: Token, lex: Lexicon) -> bool:
    """"a spokesman for the group, which claimed the attack"; "le groupe a revendiqué la prise d'otages et
    affirmé...": the speaker, or the verbs it is the subject of, claim the attack."""
    cues = lex.sources["responsibility_cues"]
    phrase = _joined(head.subtree)
    if any(cue in phrase for cue in cues):
        return True
    if head.dep_ not in SUBJECT_DEPS:
        return False
    verb = head.head
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    said = [_joined(_own_words(v, head)) for v in verbs]  # each verb's words joined once, not once a cue
    return any(cue in words for words in said for cue in cues)


CLAUSE_DEPS = ("ccomp", "advcl", "relcl", "conj", "xcomp", "parataxis")


def _own_words(verb: Token, subject: Token) -> list[Token]:
    """The verb with its auxiliaries and objects: not its subject, nor the clauses it governs."""
    skip = {t.i for t in subject.subtree}
    for c in verb.children:
        if c.dep_ in CLAUSE_DEPS:
            skip.update(t.i for t in c.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def _joined(tokens) -> str:
    """Tokens as the lexicon writes phrases: lower case, elisions closed ("l'attaque")."""
    return " ".join(t.lower_ for t in tokens).replace("' ", "'").replace("’ ", "’")


def classify_kind(tokens: list[Token], lex: Lexicon, memory: SpeakerMemory) -> str | None:
    # joined as the lexicon writes them: "quai d'orsay", not "quai d' orsay"
    lower = " ".join(t.lower_ for t in tokens).replace("’s", "'s").replace("' ", "'").replace("’ ", "’")
    if any(_infix_hyphen(t) for t in tokens):
        lower = lower.replace(" - ", "-")
    kind = lex.source_kind(lower) or lex.source_kind(" ".join(t.lemma_.lower() for t in tokens))
    if kind:
        return kind
    if lex.country(" ".join(t.text for t in tokens)) or any(lex.country(t.text) for t in tokens if t.pos_ == "PROPN"):
        return "government"  # "Tokyo says", "Japan confirmed", "the United States claims"
    for t in tokens:
        known = memory.by_name.get(t.text)
        if known is not None and t.pos_ == "PROPN":
            return known.kind
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return "witness"
    if any(t.ent_type_ == "ORG" for t in tokens):
        return "organisation"
    return None


def source_country(tokens: list[Token], lex: Lexicon) -> str | None:
    """The country a source speaks for: a demonym ("the Irish government"), a country or capital."""
    text = " ".join(t.text for t in tokens)
    whole = lex.country(text)
    if whole:
        return whole
    for t in tokens:
        if t.lower_ in lex.cues["possessive_clitics"]:
            continue
        code = lex.nationality(t.text) if t.pos_ in ("ADJ", "PROPN", "NOUN") else None
        # an English demonym is capitalised; a French adjective of nationality is not ("le ministre tchadien")
        if code and (t.text[0].isupper() or t.pos_ in lex.cues["lowercase_demonym_pos"]):
            return code
    # multiword names first ("Foreign Office", "Burkina Faso", "State Department")
    words = [t.text for t in tokens]
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            code = lex.country(" ".join(words[i:i + n]))
            if code and words[i][0].isupper():
                return code
    return None


def _according_to(sent: Span, lex: Lexicon) -> Token | None:
    """The source named after "according to" ("selon", "d'après") anywhere in the sentence."""
    for t in sent:
        found = according_object(t, lex, sent.end)
        if found is not None:
            return found
    return None


def according_object(t: Token, lex: Lexicon, end: int) -> Token | None:
    """The source named by an "according to" phrase that starts at ``t``: the object of the phrase's last
    word, else the noun that follows it (before token ``end``)."""
    doc = t.doc
    for phrase in lex.cues["according_to"]:
        words = phrase.split()
        if t.lower_ != words[0] or [x.lower_ for x in doc[t.i:t.i + len(words)]] != words:
            continue
        last = doc[t.i + len(words) - 1]
        if last.pos_ == "NOUN":
            return last  # "de source hospitalière": the source is named by the phrase itself
        objs = [c for c in last.children if c.dep_ == "pobj"]
        if objs:
            return objs[0]
        following = [x for x in doc[last.i + 1:min(last.i + 5, end)] if x.pos_ in ("NOUN", "PROPN")]
        if following:
            return following[0]
    return None


OPENING_BRACKETS = ("(", "[")
CLOSING_BRACKETS = (")", "]")


def _headline_tag(sent: Span, lex: Lexicon) -> list[Token] | None:
    """"Red Cross: 39 still missing" / "..., 30 British: official": a short tag before or after a colon;
    in a line of a fact box, a short tag in brackets that ends it: "• 3 Dutch nationals injured (Dutch
    foreign ministry)"."""
    doc = sent.doc
    if fact_box_line(sent, lex):
        words = [t for t in sent if not t.is_space]
        while words and words[-1].is_punct and words[-1].text not in CLOSING_BRACKETS:
            words.pop()
        if words and words[-1].text in CLOSING_BRACKETS:
            opening = [t for t in words if t.text in OPENING_BRACKETS]
            inside = [t for t in doc[opening[-1].i + 1:words[-1].i]] if opening else []
            if 0 < len(inside) <= 4 and lex.source_kind(" ".join(t.lower_ for t in inside)):
                return inside
    colons = [t for t in sent if t.text == ":"]
    if not colons:
        return None
    colon = colons[0]
    before = [t for t in doc[sent.start:colon.i] if not t.is_space]
    after = [t for t in doc[colon.i + 1:sent.end] if not t.is_space and not t.is_punct]
    if 0 < len(after) <= 2 and lex.source_kind(" ".join(t.lower_ for t in after)):
        return after
    if 0 < len(before) <= 4 and lex.source_kind(" ".join(t.lower_ for t in before)):
        return before
    return None


def _verb_source(verb: Token, lex: Lexicon, memory: SpeakerMemory, keep=lambda t: t) -> Source | None:
    """The source of a reporting verb: its speaker with its channel (``speaker_and_channel``); when a
    quoted speaker tells nothing of who it is ("un officier"), the verb's own subject. ``keep`` filters
    the speaker words (None: not a speaker here)."""
    said, channel = speaker_and_channel(verb, lex)
    if (who := keep(said)) is not None and (src := _source_from(who, lex, memory, channel)) is not None:
        return src
    plain = _subject(verb, lex)
    if plain is not None and plain is not said and not _is_relative(plain) and (who := keep(plain)) is not None:
        return _source_from(who, lex, memory, _channel(verb, lex))
    return None


def _speaks(verb: Token, lex: Lexicon) -> Token | None:
    """The word that names who speaks with a reporting verb, quoted speaker or subject, or None."""
    said = speaker_and_channel(verb, lex)[0]
    return said if said is not None else _subject(verb, lex)


def find_source(sent: Span, cue, anchor: Token, lex: Lexicon, memory: SpeakerMemory,
                claimed: range = range(0)) -> Source | None:
    """The source of a claim whose status word is ``cue``, or None for the report's own voice.
    ``claimed``: the token indices of the people the claim counts, who do not speak for themselves in
    it ("An injured British survivor, Diane Murphy, said...")."""
    def speaker(subj: Token | None) -> Token | None:
        return None if subj is None or subj.i in claimed else subj

    t = cue
    for _ in range(10):
        if t is not cue and _speaks_for_claim(t, lex, governing=True):
            if (src := _verb_source(t, lex, memory, speaker)) is not None:
                return src
        if _is_speech_noun(t, lex) and t is not cue and (said := speaker(_speaker_here(t, lex))) is not None:
            if (src := _source_from(said, lex, memory)) is not None:
                return src  # "the ministry's statement that 12 were freed", "a report from the Red Cross that..."
        if t.dep_ in ("ROOT",) or t.head.i == t.i:
            break
        t = t.head
    for tok in (cue, anchor):  # "confirmed dead by the Foreign Office"
        for anc in [tok] + list(tok.ancestors)[:3]:
            for c in anc.children:
                if c.dep_ == "agent":
                    objs = [p for p in c.children if p.dep_ == "pobj" and p.i not in claimed]
                    if objs and (src := _source_from(objs[0], lex, memory)):
                        if src.kind == "perpetrator" and not _is_reporting(anc, lex):
                            continue  # the attackers' violence is no statement: "shot dead by the gunmen"
                        if src.kind not in ("witness",) or objs[0].ent_type_ == "PERSON":
                            return src
    acc = _according_to(sent, lex)
    if acc is not None and (quoted := speaker(_quoting_participle(acc, lex))) is not None and \
            (src := _source_from(quoted, lex, memory, acc)):
        return src  # "according to state radio citing a police spokesman"
    if acc is not None and (src := _source_from(acc, lex, memory, _quoting_channel(acc, lex))):
        return src
    for t in sent:
        if t.dep_ == "conj" and cue not in t.subtree and any(c.dep_ in ("ccomp", "xcomp") for c in t.children):
            continue  # "38 were killed ... and the ministry has confirmed that 17 were British": its own clause
        if _speaks_for_claim(t, lex, governing=False):
            if src := _verb_source(t, lex, memory, speaker):
                return src
    tag = _headline_tag(sent, lex)
    if tag:
        kind = classify_kind(tag, lex, memory)
        return Source(text=sent.doc[tag[0].i:tag[-1].i + 1].text, kind=kind, country=source_country(tag, lex))
    return None


def fact_box_line(sent: Span, lex: Lexicon) -> bool:
    """A sentence that is a line of a fact box: it begins with a list marker (list_markers) at the start
    of the text or of a line ("— 12 police officers, according to the ministry")."""
    first = next((t for t in sent if not t.is_space), None)
    if first is None:
        return False
    if first.text not in lex.cues["list_markers"]:
        # the parser may leave the marker a sentence of its own: "•" | "Deux Canadiens disparus"
        first = sent.doc[first.i - 1] if first.i > 0 else first
        if first.text not in lex.cues["list_markers"] or not first.is_sent_start:
            return False
    before = sent.doc[first.i - 1] if first.i > 0 else None
    return before is None or (before.is_space and "\n" in before.text) or "\n" in before.whitespace_


def line_memory(memory: SpeakerMemory) -> SpeakerMemory:
    """The memory a fact-box line reads and writes: the country of the events and who the names are,
    but no speaker said before it."""
    return SpeakerMemory(host=memory.host, by_name=dict(memory.by_name))


OPENING_QUOTES = ('"', "“", "«")
CLOSING_QUOTES = ('"', "”", "»")


def quote_speaker(sents: list[Span], index: int, lex: Lexicon, memory: SpeakerMemory) -> Source | None:
    """The speaker of a quotation that opens in sentence ``index`` and closes in a later one with its
    speech tag: '"Three were killed. Two were women," the minister told reporters.'; or closes in sentence
    ``index`` after opening in an earlier one behind its speech tag (``_quote_opened_before``)."""
    text = sents[index].text.strip()
    before = sents[index - 1] if index > 0 else None
    if before is not None and len(before) == 1 and before[0].text in OPENING_QUOTES and \
            before[0].text not in CLOSING_QUOTES:
        text = before[0].text + text  # the parser may leave an opening mark a sentence of its own: "«" | "Nous..."
    if not text.startswith(OPENING_QUOTES) or any(q in text[1:] for q in CLOSING_QUOTES):
        return _quote_opened_before(sents, index, lex, memory)
    if fact_box_line(sents[index], lex):
        return None
    for later in sents[index + 1:index + 4]:
        if fact_box_line(later, lex):
            return None  # a quotation does not run into a fact box
        closing = [t for t in later if t.text in CLOSING_QUOTES or (t.text == '"' and t.i > later.start)]
        if not closing:
            continue
        for t in later.doc[closing[0].i + 1:later.end]:
            if _is_reporting(t, lex) and _speaks(t, lex) is not None:
                return _verb_source(t, lex, memory)
        return None
    return None


def _open_quote(sent: Span) -> Token | None:
    """The quotation mark a sentence opens and leaves open, or None."""
    opened = None
    for t in sent:
        if t.text in OPENING_QUOTES and (t.text not in CLOSING_QUOTES or opened is None):
            opened = t
        elif t.text in CLOSING_QUOTES:
            opened = None
    return opened


def _quote_opened_before(sents: list[Span], index: int, lex: Lexicon, memory: SpeakerMemory) -> Source | None:
    """'The governor said: "Six were killed. Eight are missing."': the speaker of a quotation that closes
    in sentence ``index`` (its first quotation mark a closing one) and opened in one of the sentences just
    before, after the speech tag that names who speaks."""
    marks = [t for t in sents[index] if t.text in OPENING_QUOTES + CLOSING_QUOTES]
    if not marks or marks[0].text not in CLOSING_QUOTES or fact_box_line(sents[index], lex):
        return None
    for earlier in reversed(sents[max(0, index - 3):index]):
        opened = _open_quote(earlier)
        if opened is None:
            if any(t.text in OPENING_QUOTES + CLOSING_QUOTES for t in earlier) or fact_box_line(earlier, lex):
                return None
            continue
        for t in earlier.doc[earlier.start:opened.i]:
            if _is_reporting(t, lex) and _speaks(t, lex) is not None:
                return _verb_source(t, lex, memory)
        return None
    return None


def note_speakers(sent: Span, lex: Lexicon, memory: SpeakerMemory) -> None:
    """Remember who speaks in a sentence, claims or not, so that a later "he said" finds them, and the
    last person it names."""
    people = [e for e in sentence_ents(sent) if e.label_ == "PERSON"]
    if people:
        person = people[-1]
        start = person.start
        while start > sent.start and sent.doc[start - 1].pos_ in ("PROPN", "NOUN") and sent.doc[start - 1].is_title:
            start -= 1  # the title before the name: "General Ade Okoro"
        words = [t for t in sent.doc[start:person.end]]
        kind = classify_kind(words, lex, memory)
        memory.last_person = Source(text=sent.doc[start:person.end].text, kind=kind or "witness",
                                    country=source_country(words, lex))
    for t in sent:
        if not _speaks_for_claim(t, lex, governing=False):
            continue
        subj = _speaks(t, lex)
        if subj is None or subj.pos_ == "PRON" or subj.lower_ in lex.cues["pronoun_sources"]:
            continue
        source = _verb_source(t, lex, memory)
        if source is not None:
            remember(memory, source)


def remember(memory: SpeakerMemory, source: Source) -> None:
    if source.kind == "reporter":
        return
    memory.last = source
    memory.speakers.append(source)
    for word in (source.text or "").split():
        if word[:1].isupper() and len(word) > 2:
            memory.by_name.setdefault(word, source)


# --- The source of a given stretch of text (a quotation, a reported clause): extraction/sources.py ---

def content_cues(content: list[Token]) -> list[Token]:
    """The words a content hangs from: the heads, outside it, of the content's own top words ("said" over
    "that 12 died"), nearest the content first. A content that is its sentence's root hangs from the
    clauses beside it: "..., the ministry said" parsed as the quote's parataxis, "as X observed"."""
    ids = {t.i for t in content}
    # an opening quotation mark is often parsed into the sentence before: it tells nothing of the speaker
    tops = [t for t in content if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct] or content[:1]
    cues = [t.head for t in tops if t.head.i not in ids]
    for top in tops:
        cues.extend(c for c in top.children if c.i not in ids and c.dep_ in ASIDE_DEPS)
    seen: set[int] = set()
    return [c for c in cues if not (c.i in seen or seen.add(c.i))]


# the clauses and phrases beside a content that can say who it comes from: "..., he said" (parataxis),
# "as the paper observed" (advcl), "according to X" (prep)
ASIDE_DEPS = ("parataxis", "advcl", "prep", "ccomp", "conj")


def speaker_of(cue: Token, lex: Lexicon, content: set[int] = frozenset()) -> Token | None:
    """The word that names who speaks through a cue: a verb's subject or agent (``_subject``), the
    object of "according to", the possessor of a speech noun ("Trump's proposal"), the noun a participle
    describes ("a video threatening an attack"); climbing to the cue's own head when it names no one
    ("is expected to say")."""
    t = cue
    for _ in range(CLIMB):
        found = _speaker_here(t, lex)
        if found is not None and found.i not in content:
            return found
        if t.head.i == t.i:
            return None
        t = t.head
    return None


# how far up the tree a cue looks for its speaker: "support for X" -> "is tweeting support" -> its subject
CLIMB = 4


def _speaker_here(t: Token, lex: Lexicon) -> Token | None:
    if (acc := according_object(t, lex, t.sent.end)) is not None:
        return acc
    if t.pos_ in ("VERB", "AUX"):
        subj = _subject(t, lex)
        if subj is not None:
            return subj
        if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return t.head  # "a new video threatening an attack": the video speaks
        return None
    if t.pos_ == "ADP":
        objs = [c for c in t.children if c.dep_ == "pobj"]
        if t.lower_ in lex.cues["speaker_prepositions"] and objs:
            return objs[0]  # "a deal rejected by Congress"
        return None
    if t.pos_ in ("NOUN", "PROPN"):
        own = [c for c in t.children if c.dep_ == "poss" and c.i < t.i]
        if own:
            return own[0]  # "Trump's proposal", "his attack on X"
        for p in (c for c in t.children if c.dep_ == "prep" and c.lower_ in lex.cues["speaker_prepositions"]):
            objs = [c for c in p.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]  # "a statement from the ministry"
    return None
