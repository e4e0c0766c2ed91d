"""Which group a mention counts: nationality, foreign or local, and role.

References are resolved here too: "its countrymen" and "their compatriot" take
the speaker's country, "the other 14" and "20 of them" the group named before.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..model import Group
from .lexicon import Lexicon
from .mentions import Mention


def _modifiers(head: Token) -> list[Token]:
    """The words that modify a group noun inside its phrase ("foreign", "British", "US", "security"); in
    French, adjectives follow the noun too ("otages étrangers", "touristes français")."""
    out = []
    for c in head.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and (c.i < head.i or
                                                                          (head.lang_ == "fr" and c.dep_ == "amod")):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ in ("compound", "amod") and x.i < c.i)
    # the parse sometimes leaves a demonym unattached right before its noun
    if head.i > 0:
        prev = head.doc[head.i - 1]
        if prev not in out and prev.pos_ in ("ADJ", "PROPN"):
            out.append(prev)
    return out


def group_text(mention: Mention, head: Token | None) -> str | None:
    if head is None:
        return mention.count.text if mention.anaphoric else None
    if mention.named:
        return mention.count.text
    mods = [t for t in _modifiers(head) if t.i >= mention.end]
    start = min([head.i] + [t.i for t in mods])
    if mention.partitive is not None:
        start = mention.partitive.i + 1
    return head.doc[start:head.i + 1].text


def classify(mention: Mention, speaker_country: str | None, previous: Group | None,
             lex: Lexicon, hostage_story: bool) -> Group:
    """The group a mention names.

    speaker_country (str | None): the source's country, for "its countrymen".
    previous (Group | None): the group named just before, for "the other 14" and "of them".
    hostage_story (bool): whether the report is about hostages; people named only
        by nationality are then counted as hostages, else their role is unspecified (the
        account reads a host country's nationals of no stated role as victims or security forces).
    """
    head = mention.head
    text = group_text(mention, head)
    if head is not None and head.lower_ in lex.groups["besides_nouns"] and not _after_article(mention, lex):
        # "with 36 others wounded": people besides those named; "three rebels died and five others were
        # wounded": others of the kind just counted in the sentence, on its side
        role = previous.role if previous is not None and previous.role in lex.groups["sides_others_share"] else "unspecified"
        return Group(text=text, nationality=None, foreign=None, role=role)
    pronoun = head is not None and head.pos_ == "PRON" and not lex.nationality(head.text)  # not "Belge"
    if head is None or pronoun or head.lower_ in lex.groups["reference_nouns"]:
        said = _predicate_nationality(mention, lex) if head is not None else None
        if said:  # "17 of them are British"
            role = previous.role if previous is not None else ("hostage" if hostage_story else "unspecified")
            return Group(text=text, nationality=said, foreign=None, role=role)
        if previous is not None and mention.anaphoric:
            return Group(text=text, nationality=previous.nationality, foreign=previous.foreign, role=previous.role)
        return Group(text=text, nationality=None, foreign=None, role="unspecified")
    lemma = _singular_name(head, lex)
    mods = _modifiers(head)
    mod_words = {m.lower_ for m in mods} | {m.lemma_.lower() for m in mods}
    nationality = lex.nationality(head.text)
    if nationality is None and head.i > 0 and head.doc[head.i - 1].dep_ == "compound":
        nationality = lex.nationality(f"{head.doc[head.i - 1].text} {head.text}")  # "Sri Lankans"
    for m in mods:
        if nationality:
            break
        if m.lower_ in lex.cues["possessive_clitics"]:
            continue
        nationality = lex.nationality(m.text) if m.text[:1].isupper() or lex.language != "en" else None
        if nationality is None and m.pos_ == "PROPN":
            nationality = lex.country(m.text)
    if nationality is None and lemma in lex.groups["compatriot_words"] and speaker_country and \
            any(m.lower_ in lex.cues["possessives"] for m in mods):
        nationality = speaker_country
    if nationality is None:
        nationality = _predicate_nationality(mention, lex)
    foreign = _foreign(lemma, head.lower_, mod_words, nationality, lex)
    role = _role(lemma, head.lower_, mod_words, nationality, foreign, lex, hostage_story)
    if mention.named:
        role = _title_role(head, mods, lex) or role
    return Group(text=text, nationality=nationality, foreign=foreign, role=role)


def _title_role(name: Token, mods: list[Token], lex: Lexicon) -> str | None:
    """The role a named person's title or apposition gives: "journalist Ana Ruiz", "Luis Pardo, a guard"."""
    titles = mods + [c for c in name.children if c.dep_ == "appos"] + ([name.head] if name.dep_ == "appos" else [])
    for t in titles:
        if role := lex.role_of(t.lemma_.lower()):
            return role
    return None


def _singular_name(head: Token, lex: Lexicon) -> str:
    """The head's lemma; a plural proper noun the tagger left as it is ("Europeans") made singular."""
    lemma = head.lemma_.lower()
    if head.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in lex.groups["foreign_words"]:
        return lemma[:-1]
    return lemma


def _predicate_nationality(mention: Mention, lex: Lexicon) -> str | None:
    """"the majority of the dead were British", "17 of them are British": a nationality said of the
    counted people by a copula."""
    starts = [t for t in (mention.head, _last(mention)) if t is not None]
    for t in starts:
        for _ in range(4):  # climb "dead" -> "of" -> "majority", to the subject
            if t.dep_ in ("nsubj", "nsubjpass"):
                verb = t.head
                if verb.lemma_ in lex.cues["copula_lemmas"]:
                    for c in verb.children:
                        if c.dep_ in ("acomp", "attr") and c.text[:1].isupper() and (code := lex.nationality(c.text)):
                            return code
                break
            if t.dep_ not in ("pobj", "prep", "nummod") or t.head.i == t.i:
                break
            t = t.head
    return None


def _after_article(mention: Mention, lex: Lexicon) -> bool:
    """"the 36 others", "the others": the rest of the group named before."""
    doc = mention.head.doc
    return mention.start > 0 and doc[mention.start - 1].lower_ in lex.cues["definite_articles"]


def _last(mention: Mention) -> Token | None:
    return mention.head.doc[mention.end - 1] if mention.head is not None else None


def _foreign(lemma: str, lower: str, mod_words: set[str], nationality: str | None, lex: Lexicon) -> bool | None:
    if nationality:
        return None
    if mod_words & set(lex.groups["local_modifiers"]):
        return False
    if lemma in lex.groups["foreign_words"] or lower in lex.groups["foreign_words"]:
        if lemma in lex.groups["modified_foreign_words"] and not (mod_words & lex.groups["foreign_modifiers"]):
            return None
        return True
    if mod_words & (lex.groups["foreign_modifiers"] - lex.groups["weak_foreign_modifiers"]):
        return True  # "foreign", "expatriate", "étrangers"
    return None


def _role(lemma: str, lower: str, mod_words: set[str], nationality: str | None, foreign: bool | None,
          lex: Lexicon, hostage_story: bool) -> str:
    role = lex.role_of(lemma) or lex.role_of(lower)
    if role in ("unspecified", "civilian", None) and mod_words & lex.groups["security_modifiers"] and \
            lemma in lex.groups["security_by_modifier"]:
        return "security"
    if role is None and (nationality or foreign):  # "eleven Ivorians": of a country, of no stated role
        return "hostage" if hostage_story else "unspecified"
    if role == "civilian" and (nationality or foreign) and hostage_story and lemma in lex.groups["hostage_when_foreign"]:
        return "hostage"
    return role or "unspecified"
