"""The status a mention is in, and how firmly it is said (modality).

The status comes from, in order: a status word modifying the group ("dead
hostages", "a wounded soldier"); the predicate governing the mention, found by
climbing the dependency tree ("were released", "are free", "among the dead",
"the fate of ... is unknown"); the group noun itself ("30 deaths", "24 bodies");
and, when the parse gives nothing, the nearest status word in the same clause.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import Lexicon
from .mentions import Mention

CLAUSE_BREAKS = {";", ":", "—", "–", "(", ")"}


@dataclass(frozen=True)
class StatusHit:
    status: str
    cue: Token            # the word that states the status
    modality: str         # asserted | uncertain | denied
    counted: Token | None = None  # for a bare number, the noun it is the figure of ("British deaths")


# How far a bare number may hang below the verb whose subject it gives the figure of.
TOLL_LINKS = ("pobj", "dobj", "attr", "prep", "npadvmod", "advmod", "quantmod", "xcomp", "acomp", "ccomp", "conj")


def _toll_of(noun: Token, lex: Lexicon) -> str | None:
    """The status a toll-like noun gives the figure of: "death toll", "deaths", "number of dead"."""
    if (s := status_word(noun, lex)) and noun.pos_ == "NOUN":
        return s
    if noun.lemma_.lower() in lex.statuses["toll_nouns"]:
        for c in noun.children:
            if c.dep_ == "compound" and (s := status_word(c, lex)):
                return s
            if c.dep_ == "prep" and c.lower_ in lex.cues["partitive_words"]:
                for p in c.children:
                    if p.dep_ == "pobj" and (s := status_word(p, lex)):
                        return s
    return None


def _toll_subject(number: Token, lex: Lexicon) -> tuple[str, Token] | None:
    """A bare number that a toll reaches: "British deaths could exceed 30", "the death toll ... is at
    19", "the number of dead ... rose to 150", "the toll is expected to double to at least 30"."""
    t = number
    for _ in range(6):
        if t.dep_ not in TOLL_LINKS or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ not in ("VERB", "AUX"):
            continue
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != number.i and (s := _toll_of(c, lex)):
                return s, c
    return None


def status_word(tok: Token, lex: Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    status = lex.status_of_lemma(lemma, tok.pos_) or lex.status_of_lemma(tok.lower_, tok.pos_)
    if status is None and tok.pos_ == "NOUN":
        status = lex.status_of_participle(tok.text)
    if status == "taken" and lemma in lex.statuses["take_verbs"]:
        # "take" is only a status as "taken hostage"/"taken captive"
        objects = lex.statuses["take_objects"]
        through_prep = [g for c in tok.children if c.dep_ == "prep" for g in c.children]  # "pris en otage"
        if not any(c.lemma_.lower() in objects for c in list(tok.children) + through_prep) and \
                not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lemma_.lower() in objects):
            return None
    needed = lex.statuses["complements"].get(lemma)  # "flown home", "claimed lives", "gunned down"
    if status and needed and not any(c.lower_ in needed for c in tok.children):
        return None
    if lemma in lex.statuses["fate_only"]:
        return None  # only with a fate noun: see _fate_unknown
    after = lex.statuses["not_before"].get(lemma, ())  # "held up"
    if status and after and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in after:
        return None
    return status


def _fate_unknown(path: list[Token], lex: Lexicon) -> Token | None:
    """"the fate of the other 14 is unknown", "do not know the situation of 20 of them", "no news of"."""
    fate_seen = False
    for tok in path:
        if tok.lemma_.lower() in lex.statuses["fate_nouns"]:
            fate_seen = True
            if any(c.lower_ in lex.statuses["fate_negators"] for c in tok.children):
                return tok
            continue
        if not fate_seen:
            continue
        if _says_unknown(tok, lex, negated=any(c.dep_ == "neg" for c in tok.children)):
            return tok
        if tok.lemma_.lower() in lex.statuses["fate_verbs"]:  # "still seeking news of four employees"
            return tok
        for c in tok.children:
            if c.dep_ in ("acomp", "attr") and _says_unknown(c, lex, negated=False):
                return c
    return None


def _says_unknown(tok: Token, lex: Lexicon, negated: bool) -> bool:
    """"unknown", "uncertain", "ignorer"; a verb of knowing only negated ("do not know")."""
    lemma = tok.lemma_.lower()
    if lemma in lex.statuses["knowing_verbs"]:
        return negated
    return lemma in lex.statuses["unknown_words"]


def _ancestors(tok: Token, limit: int = 8) -> list[Token]:
    out, t = [], tok
    while t.head.i != t.i and len(out) < limit:
        t = t.head
        out.append(t)
    return out


def _predicate_status(start: Token, lex: Lexicon) -> tuple[str, Token] | None:
    """Climb from the mention to the first word that states a status. The subject of a verb that states
    none acts; it is not in another clause's status ("killed when a gunman opened fire")."""
    if start.dep_ == "nsubj" and start.head.pos_ == "VERB" and status_word(start.head, lex) is None \
            and start.head.lemma_.lower() not in lex.cues["reporting_verbs"] and start.head.dep_ in ("advcl", "conj"):
        return None
    for c in start.children:  # "hostages freed", "people killed", "dead hostages"
        if c.dep_ in ("acl", "relcl", "amod") and (s := status_word(c, lex)):
            return s, c
        if c.dep_ == "conj" and c.pos_ in ("ADJ", "VERB") and c.i > start.i and (s := status_word(c, lex)):
            return s, c  # a predicate the parser left as a conjunct: "21 personnes, dont 14 étrangers, ont péri"
        if c.dep_ == "relcl":
            for cc in c.children:
                if cc.dep_ in ("acomp", "attr", "oprd") and (s := status_word(cc, lex)):
                    return s, cc
    chain = [start] + _ancestors(start)
    for k, t in enumerate(chain[1:], 1):
        if chain[k - 1].dep_ == "prep" and chain[k - 1].lower_ in lex.cues["part_prepositions"]:
            # "revised the death toll to 16, including four Europeans": the part shares the toll's status
            for c in t.children:
                if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and \
                        (s := status_word(c, lex) or lex.status_of_group_noun(c.lemma_.lower())):
                    return s, c
        if t.lemma_.lower() in lex.cues["reporting_verbs"] and status_word(t, lex) is None:
            if t.lemma_.lower() not in lex.statuses["reporting_verbs_carrying_status"]:
                return None
            if chain[k - 1].dep_ == "ccomp":
                return None  # what is said is the clause said; its status is not beyond the saying
        s = status_word(t, lex)
        # a status noun governs only through a preposition ("release of", "among the dead") or as a toll
        if s and (t.pos_ != "NOUN" or chain[k - 1].dep_ in ("pobj", "prep") or lex.status_of_participle(t.text)
                  or t.lemma_.lower() in lex.statuses["governing_status_nouns"]):
            return s, t
        for c in t.children:
            if c.i == chain[k - 1].i:
                continue
            if c.dep_ in ("acomp", "attr", "oprd", "xcomp", "advcl", "conj") and c.i > chain[k - 1].i and (s := status_word(c, lex)) and c.pos_ != "NOUN":
                return s, c
            if c.dep_ in ("acomp", "attr", "oprd") and (s := status_word(c, lex)):
                return s, c
            preps = [c] + ([g for g in c.children if g.dep_ == "prep"] if c.lemma_ in lex.cues["copula_lemmas"] else [])
            for prep in preps:  # "among the dead"; "are believed to be among the victims"
                if prep.dep_ != "prep" or prep.lower_ not in lex.cues["part_prepositions"]:
                    continue
                for p in prep.children:
                    if p.dep_ == "pobj" and (s := status_word(p, lex) or lex.status_of_group_noun(p.lemma_.lower())):
                        return s, p
                    if p.dep_ == "pobj":
                        inner = _predicate_status(p, lex)
                        if inner:
                            return inner
    return None


def _nearest_status(sent: Span, mention: Mention, lex: Lexicon) -> tuple[str, Token] | None:
    """Fallback: the nearest status word in the mention's clause, right first, then left."""
    doc = sent.doc
    anchor_end = (mention.head.i + 1) if mention.head is not None and mention.head.i >= mention.end else mention.end
    acts = False  # a verb of its own before the status word: the people do something to it
    for j in range(anchor_end, min(anchor_end + 8, sent.end)):
        if doc[j].text in CLAUSE_BREAKS or doc[j].text == "," or doc[j].pos_ == "SCONJ":
            break
        if (s := status_word(doc[j], lex)):
            if acts and (doc[j].pos_ == "NOUN" or doc[j].tag_ == "VBG"):
                break  # "five men suspected of killing", "people who took part in the massacre"
            return s, doc[j]
        acts = acts or (doc[j].pos_ == "VERB" and doc[j].lemma_.lower() not in lex.cues["reporting_verbs"])
    for j in range(mention.start - 1, max(mention.start - 6, sent.start - 1), -1):
        if doc[j].text in CLAUSE_BREAKS or doc[j].text == "," or doc[j].pos_ == "SCONJ":
            break
        if (s := status_word(doc[j], lex)) and doc[j].pos_ in ("VERB", "NOUN"):
            return s, doc[j]
    return None


def find_status(sent: Span, mention: Mention, lex: Lexicon) -> StatusHit | None:
    """The status of a mention, or None when the sentence gives it none."""
    head = mention.head
    if _is_agent(head if head is not None else sent.doc[mention.end - 1]):
        return None  # "shot by two men", "the attack was carried out by three individuals": the doers
    if mention.named:
        return _named_status(mention, lex)
    anchor = head if head is not None else sent.doc[mention.end - 1]
    if mention.partitive is not None and head is not None:
        anchor = sent.doc[mention.end - 1]  # "three of its countrymen are free": climb from "three"
    if head is not None:
        for c in head.children:  # "dead hostages", "a wounded Kenyan soldier", "injured British nationals"
            if c.dep_ == "amod" and c.i < head.i and (s := status_word(c, lex)):
                return _hit(s, c, anchor, lex)
    if head is not None and head.pos_ in ("ADJ", "VERB") and (s := status_word(head, lex)):
        return _hit(s, head, anchor, lex)  # "39 dead", "150 wounded": the counted word is the status
    if head is not None and head.pos_ == "NOUN" and \
            (s := lex.status_of_lemma(head.lemma_.lower(), "ADJ")) in ("killed", "injured", "missing"):
        return _hit(s, head, anchor, lex)  # "12 morts et 45 blessés", "the wounded": a state noun says it
    if head is None and (toll := _toll_subject(anchor, lex)):
        hit = _hit(toll[0], toll[1], anchor, lex)
        return StatusHit(hit.status, hit.cue, hit.modality, counted=toll[1])
    fate = _fate_unknown([anchor] + _ancestors(anchor), lex)
    if fate is not None:
        return _hit("missing", fate, anchor, lex)
    found = _predicate_status(anchor, lex)
    if found is None and head is not None and anchor is not head:
        found = _predicate_status(head, lex)
    if found is None and head is not None:
        found = _conjunct_status(head, lex)
    speaker = head is not None and _is_speaker(head, lex)
    if found is None and head is not None and not speaker:
        implied = lex.status_of_group_noun(head.lemma_.lower())
        if implied:
            found = (implied, head)
    if found is None and not (speaker and any(c.dep_ == "ccomp" for c in head.head.children)):
        # "a reporter said he saw a wounded soldier": the one who says a clause is not counted in it
        found = _nearest_status(sent, mention, lex)
    if found is None:
        return None
    return _hit(found[0], found[1], anchor, lex)


# How a named person may stand to the predicate that gives its status: its subject, object or complement
# ("Ana Ruiz was killed", "killed Ana Ruiz", "the dead were Ana Ruiz"), an apposition or conjunct of one,
# or the object of "of" after a status noun ("the murder of Ana Ruiz").
NAMED_LINKS = ("nsubj", "nsubjpass", "dobj", "attr", "appos", "conj")


def _named_status(mention: Mention, lex: Lexicon) -> StatusHit | None:
    """The status of a person named: only from the predicate the name is an argument of, never from a
    word merely near it (a name is often a speaker, a place or a building the tagger took for a person)."""
    name = mention.head
    t = name
    while t.dep_ in ("appos", "conj") and t.head.i != t.i:
        t = t.head
    if not (t.dep_ in NAMED_LINKS or (t.dep_ == "pobj" and t.head.lower_ in lex.cues["partitive_words"])):
        return None
    found = _predicate_status(name, lex) or _conjunct_status(name, lex)
    return _hit(found[0], found[1], name, lex) if found else None


def _conjunct_status(head: Token, lex: Lexicon) -> tuple[str, Token] | None:
    """The status a clause gives the group's conjunct, which it shares: "14 civilians and two soldiers
    who were killed"."""
    conjuncts = [c for c in head.children if c.dep_ == "conj"] + ([head.head] if head.dep_ == "conj" else [])
    for conj in conjuncts:
        if conj.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in conj.children:
            if c.dep_ in ("acl", "relcl") and (s := status_word(c, lex)):
                return s, c
            for cc in (c.children if c.dep_ == "relcl" else ()):
                if cc.dep_ in ("acomp", "attr", "oprd") and (s := status_word(cc, lex)):
                    return s, cc
    return None


def _is_agent(tok: Token) -> bool:
    """The people a passive verb's "by" names (or their conjuncts) do the act; they are not in its status."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _is_speaker(head: Token, lex: Lexicon) -> bool:
    """"A survivor said ...": the subject of a reporting verb speaks; it is not counted."""
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.cues["reporting_verbs"]


def _hit(status: str, cue: Token, anchor: Token, lex: Lexicon) -> StatusHit:
    return StatusHit(status, cue, modality_of(cue, anchor, lex))


def modality_of(cue: Token, anchor: Token, lex: Lexicon) -> str:
    """denied for negated or denied statements, uncertain for hedged ones, else asserted."""
    hedges, negations = set(lex.cues["hedges"]), set(lex.cues["negations"])
    path = [cue] + _ancestors(cue, 4)
    for t in path:
        if t.lemma_.lower() in lex.cues["deny_verbs"]:
            return "denied"
    if any(c.dep_ == "neg" for c in cue.children) or (cue.i > 0 and cue.doc[cue.i - 1].lower_ in negations):
        return "denied"
    for t in path[:4]:
        if t.lemma_.lower() in lex.cues["reporting_verbs"] and t.lemma_.lower() not in lex.cues["hedging_reporting_verbs"]:
            break
        if t.lower_ in hedges or t.lemma_.lower() in hedges and t.tag_ in ("VBN", "VBD", "VBZ", "VBP", "JJ", "RB", "MD"):
            return "uncertain"
        if any(c.dep_ in ("aux", "advmod", "auxpass") and (c.lower_ in hedges) for c in t.children):
            return "uncertain"
    lo, hi = sorted((cue.i, anchor.i))
    if any(t.lower_ in hedges for t in cue.doc[lo:hi + 1]):
        return "uncertain"
    return "asserted"
