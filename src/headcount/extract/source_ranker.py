"""A learned choice among the words that could be a content's source, over the rules' own answer.

The rules (attribution.speaker_of) name one head word or none; this ranker scores every noun, name and
pronoun near the content, and "no one", by a conditional logit over binary features: the rules' choice,
the word's relation to the content's cue chain, its dependency, part of speech, entity type, side and
distance. The weights (patterns/source_ranker.json) are trained on PolNeAR's training split only, by
train_sources.py; scoring is a sum of weights, deterministic and cheap.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .lexicon import PATTERNS, Lexicon

WEIGHTS = PATTERNS / "source_ranker.json"
CANDIDATE_POS = ("NOUN", "PROPN", "PRON", "NUM", "DET")
NONE = "NONE"


def candidates(content: list[Token]) -> list[Token]:
    """The words that could name a content's source: nouns, names and pronouns of its sentences and the
    sentence on either side, outside the content."""
    doc = content[0].doc
    ids = {t.i for t in content}
    first, last = content[0].sent, content[-1].sent
    start = doc[first.start - 1].sent.start if first.start > 0 else first.start
    end = doc[last.end].sent.end if last.end < len(doc) else last.end
    return [t for t in doc[start:end] if t.i not in ids and t.pos_ in CANDIDATE_POS]


def _bucket(n: int) -> str:
    return "0" if n <= 1 else "1" if n <= 3 else "2" if n <= 7 else "3" if n <= 15 else "4"


@dataclass(frozen=True)
class Context:
    """What every candidate of one content is scored against: the content, its cue chain (the ancestors
    of its top words, by their height above it), its first top word and the rules' choice."""

    content: list[Token]
    chain: dict[int, int]
    top: Token
    rule: Token | None

    @classmethod
    def of(cls, content: list[Token], rule: Token | None) -> Context:
        return cls(content, cue_chain(content), _top(content), rule)


def features(cand: Token | None, ctx: Context, lex: Lexicon) -> list[str]:
    """Binary features of a candidate (None: no one)."""
    content, chain, rule, top = ctx.content, ctx.chain, ctx.rule, ctx.top
    if cand is None:  # no one: likelier for a content that is a whole sentence, or hangs from a noun,
        # and with no word of speech near it
        return [NONE, f"{NONE}&rule={'none' if rule is None else rule.dep_}", f"{NONE}&top={top.dep_}",
                f"{NONE}&hpos={top.head.pos_ if top.head.i != top.i else 'ROOT'}",
                *(f"{NONE}&speech={where}" for where in speech_evidence(ctx, lex)),
                f"{NONE}&hlemma={top.head.lemma_.lower() if top.head.pos_ == 'VERB' else '-'}"]
    first, last = content[0], content[-1]
    side = "in" if first.i < cand.i < last.i else "before" if cand.i < first.i else "after"
    dist = first.i - cand.i if side == "before" else cand.i - last.i if side == "after" else 0
    sent = "same" if cand.sent.start in (first.sent.start, last.sent.start) else "near"
    head = cand.head
    height = chain.get(head.i)
    is_rule = rule is not None and cand.i == rule.i
    out = [f"dep={cand.dep_}", f"pos={cand.pos_}", f"ent={cand.ent_type_}", f"hdep={head.dep_}",
           f"hpos={head.pos_}", f"side={side}", f"dist={side}{_bucket(dist)}", f"sent={sent}",
           f"dep={cand.dep_}&sent={sent}", f"dep={cand.dep_}&side={side}", f"tag={cand.tag_}"]
    out += [f"dep={cand.dep_}&top={top.dep_}", f"hdep={head.dep_}&top={top.dep_}"]
    if head.lemma_.lower() in lex.cues["reporting_verbs"]:
        out += ["rep", f"rep&dep={cand.dep_}"]
    if height is not None:
        out += [f"chain={min(height, 4)}", f"chain={min(height, 4)}&dep={cand.dep_}"]
    if cand.lower_ in lex.cues["pronoun_sources"]:
        out.append("pron")
    if cand.pos_ == "PRON":
        out.append(f"word={cand.lower_}")
    if height is None and chain.get(head.head.i) is not None:  # "Sanders' campaign is built on X"
        out += [f"chain2={min(chain[head.head.i], 4)}", f"chain2&dep={cand.dep_}&hdep={head.dep_}"]
    if (kind := lex.source_kind(cand.lower_)) is not None:
        out.append(f"kind={kind}")
    between = cand.doc[cand.i + 1:first.i] if side == "before" else cand.doc[last.i + 1:cand.i]
    if not any(t.dep_ == cand.dep_ for t in between):
        out += [f"nearest&dep={cand.dep_}&side={side}"]  # the subject nearest the content, not one further
    if sum(t.is_quote for t in cand.doc[cand.sent.start:cand.i]) % 2:
        out.append("quoted")  # a word inside a quotation is rarely who speaks it
    if is_rule:
        out += ["rule", f"rule&dep={cand.dep_}", f"rule&chain={height}"]
    elif rule is not None and cand.i in {t.i for t in rule.subtree}:
        out.append("in_rule")
    return out


def speech_evidence(ctx: Context, lex: Lexicon) -> list[str]:
    """Where words of speech are near a content: a reporting verb among the words it hangs from
    ("chain"), a reporting verb, speech noun or "according to" elsewhere in its sentences ("sent") or
    in the sentence before ("prev"), a quotation mark in its sentences ("quote"); "none" when there
    are none. A content with none is likely the report's own statement, which no one is quoted for."""
    doc, content = ctx.content[0].doc, ctx.content
    first, last = content[0].sent, content[-1].sent
    own = doc[first.start:last.end]
    prev = doc[doc[first.start - 1].sent.start:first.start] if first.start > 0 else doc[0:0]
    ids = {t.i for t in content}
    found = []
    if any(doc[i].lemma_.lower() in lex.cues["reporting_verbs"] for i in ctx.chain):
        found.append("chain")
    if any(_is_speech_word(t, lex) for t in own if t.i not in ids):
        found.append("sent")
    if any(_is_speech_word(t, lex) for t in prev):
        found.append("prev")
    if any(t.is_quote for t in own):
        found.append("quote")
    return found or ["none"]


def _is_speech_word(token: Token, lex: Lexicon) -> bool:
    """A word of speech: a reporting verb, a speech noun, or the first word of an "according to"."""
    lemma = token.lemma_.lower()
    if (token.pos_ == "VERB" and lemma in lex.cues["reporting_verbs"]) or lemma in lex.cues["speech_nouns"]:
        return True
    following = token.doc[token.i:token.i + 3].text.lower()
    return any(following.startswith(phrase) for phrase in lex.cues["according_to"])


def _top(content: list[Token]) -> Token:
    """The content's first word whose head is outside it (or is its sentence's root)."""
    ids = {t.i for t in content}
    return next((t for t in content if t.head.i == t.i or t.head.i not in ids), content[0])


def cue_chain(content: list[Token]) -> dict[int, int]:
    """The ancestors of the content's top words, outside it, with their height above the content."""
    ids = {t.i for t in content}
    chain: dict[int, int] = {}
    for top in (t for t in content if t.head.i not in ids or t.head.i == t.i):
        t, height = top, 0
        while t.head.i != t.i and height < 6:
            t, height = t.head, height + 1
            if t.i not in ids:
                chain[t.i] = min(height, chain.get(t.i, height))
    return chain


def options_of(content: list[Token], rule: Token | None) -> list[Token | None]:
    """No one, the candidates, and the rules' choice if it is none of them."""
    options: list[Token | None] = [None] + candidates(content)
    if rule is not None and all(c is None or c.i != rule.i for c in options):
        options.append(rule)
    return options


@cache
def weights() -> dict[str, float] | None:
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"] if WEIGHTS.exists() else None


def choose(content: list[Token], rule: Token | None, lex: Lexicon) -> Token | None:
    """The best-scoring candidate, or None when "no one" scores best (and the rules named no one); the
    rules' choice with no weights."""
    w = weights()
    if w is None:
        return rule
    ctx, options = Context.of(content, rule), options_of(content, rule)
    if rule is not None:  # the rules found a speaker: the ranker may prefer another word, not no one
        options = options[1:]
    scores = [sum(w.get(f, 0.0) for f in features(c, ctx, lex)) for c in options]
    return options[max(range(len(options)), key=scores.__getitem__)]
