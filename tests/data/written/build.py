"""Builds reports.jsonl and gold.jsonl here from the specs below: reports written for headcount (an
invented country, invented places and people; English and French), annotated by GUIDELINES.md. A claim names its evidence
by a phrase of the text; its span is where that phrase is. Run: python tests/data/written/build.py"""
import json
from pathlib import Path

HERE = Path(__file__).parent

REPORTS = [
    {"id": "written-harbour-1", "published": "2031-04-02", "outlet": "Coastline Wire", "url": None, "language": "en",
     "text": "PORT ALDER, Velmora (Coastline Wire) - Gunmen who seized a ferry terminal on Tuesday released 23 "
             "hostages overnight, the interior ministry said on Wednesday.\n"
             "Eleven foreigners are still being held, according to the ministry.\n"
             "Oslo confirmed that three Norwegians had been freed.\n"
             "The death toll rose to 9, including two police officers, a hospital spokesman said.\n"
             "At least 14 people were wounded."},
    {"id": "written-depot-2", "published": "2031-06-12", "outlet": "Delta Courier", "url": None, "language": "en",
     "text": "Two Britons killed in depot attack: Foreign Office\n\n"
             "Two British nationals were among 17 people killed when militants stormed a fuel depot, the Foreign "
             "Office said on Friday.\n"
             "A Kenyan engineer was wounded, his employer said.\n"
             "The militants claimed that 30 soldiers had died.\n"
             "Police said five attackers were captured alive."},
    {"id": "written-market-3", "published": "2031-09-30", "outlet": "Valley Times", "url": None, "language": "en",
     "text": "Up to 40 shoppers may have been killed, rescuers said.\n"
             "Twelve people escaped through a back door, a witness told the radio station.\n"
             "The fate of six guards remains unknown.\n"
             "Officials denied that any children were hurt."},
    {"id": "written-otages-4", "published": "2031-11-03", "outlet": "Le Courrier du Delta", "url": None,
     "language": "fr",
     "text": "Les assaillants ont libéré 12 otages dans la nuit, a annoncé le ministère de la Défense.\n"
             "Selon le ministère, au moins sept otages étrangers sont toujours retenus dans le complexe.\n"
             "Deux Italiens figurent parmi les victimes, a confirmé Rome.\n"
             "Le bilan provisoire s'élève à 15 morts."},
]

# (report, evidence phrase, status, (low, high, qualifier, count words), (group words, nationality, foreign,
#  role), (source words, kind, country), modality, optional)
CLAIMS = [
    ("written-harbour-1", "released 23 hostages", "freed", (23, 23, "exact", "23"), ("hostages", None, None, "hostage"),
     ("the interior ministry", "government", None), "asserted", False),
    ("written-harbour-1", "Eleven foreigners are still being held", "held", (11, 11, "exact", "Eleven"),
     ("foreigners", None, True, "hostage"), ("the ministry", "government", None), "asserted", False),
    ("written-harbour-1", "three Norwegians had been freed", "freed", (3, 3, "exact", "three"),
     ("Norwegians", "NO", None, "hostage"), ("Oslo", "government", "NO"), "asserted", False),
    ("written-harbour-1", "The death toll rose to 9", "killed", (9, 9, "exact", "9"), (None, None, None, "unspecified"),
     ("a hospital spokesman", "organisation", None), "asserted", False),
    ("written-harbour-1", "including two police officers", "killed", (2, 2, "exact", "two"),
     ("police officers", None, None, "security"), ("a hospital spokesman", "organisation", None), "asserted", False),
    ("written-harbour-1", "At least 14 people were wounded", "injured", (14, None, "at_least", "At least 14"),
     ("people", None, None, "unspecified"), (None, "reporter", None), "asserted", False),
    ("written-depot-2", "Two Britons killed", "killed", (2, 2, "exact", "Two"), ("Britons", "GB", None, "civilian"),
     ("Foreign Office", "government", "GB"), "asserted", False),
    ("written-depot-2", "Two British nationals were among 17 people killed", "killed", (2, 2, "exact", "Two"),
     ("British nationals", "GB", None, "civilian"), ("the Foreign Office", "government", "GB"), "asserted", False),
    ("written-depot-2", "17 people killed", "killed", (17, 17, "exact", "17"), ("people", None, None, "unspecified"),
     ("the Foreign Office", "government", "GB"), "asserted", False),
    ("written-depot-2", "A Kenyan engineer was wounded", "injured", (1, 1, "exact", "A"),
     ("Kenyan engineer", "KE", None, "civilian"), ("his employer", "company", None), "asserted", False),
    ("written-depot-2", "30 soldiers had died", "killed", (30, 30, "exact", "30"), ("soldiers", None, None, "security"),
     ("The militants", "perpetrator", None), "asserted", False),
    ("written-depot-2", "five attackers were captured alive", "captured", (5, 5, "exact", "five"),
     ("attackers", None, None, "attacker"), ("Police", "government", None), "asserted", False),
    ("written-market-3", "Up to 40 shoppers may have been killed", "killed", (None, 40, "at_most", "Up to 40"),
     ("shoppers", None, None, "civilian"), ("rescuers", "organisation", None), "uncertain", False),
    ("written-market-3", "Twelve people escaped", "escaped", (12, 12, "exact", "Twelve"),
     ("people", None, None, "unspecified"), ("a witness", "witness", None), "asserted", False),
    ("written-market-3", "The fate of six guards remains unknown", "missing", (6, 6, "exact", "six"),
     ("guards", None, None, "security"), (None, "reporter", None), "asserted", False),
    ("written-otages-4", "libéré 12 otages", "freed", (12, 12, "exact", "12"), ("otages", None, None, "hostage"),
     ("le ministère de la Défense", "government", None), "asserted", False),
    ("written-otages-4", "au moins sept otages étrangers sont toujours retenus", "held",
     (7, None, "at_least", "au moins sept"), ("otages étrangers", None, True, "hostage"),
     ("le ministère", "government", None), "asserted", False),
    ("written-otages-4", "Deux Italiens figurent parmi les victimes", "killed", (2, 2, "exact", "Deux"),
     ("Italiens", "IT", None, "civilian"), ("Rome", "government", "IT"), "asserted", False),
    ("written-otages-4", "Le bilan provisoire s'élève à 15 morts", "killed", (15, 15, "exact", "15"),
     ("morts", None, None, "unspecified"), (None, "reporter", None), "asserted", False),
    # no figure: a system may find it (vague, denied) or not
    ("written-market-3", "any children were hurt", "injured", (None, None, "vague", "any"),
     ("children", None, None, "civilian"), ("Officials", "government", None), "denied", True),
]


def gold_claims() -> list[dict]:
    texts = {r["id"]: r for r in REPORTS}
    out = []
    for report, phrase, status, count, group, source, modality, optional in CLAIMS:
        r = texts[report]
        start = r["text"].index(phrase)
        source_text = source[0] if source[1] != "reporter" else r["outlet"]
        claim = {"report": report, "span": [start, start + len(phrase)], "text": phrase, "status": status,
                 "count": dict(zip(("low", "high", "qualifier", "text"), count)),
                 "group": dict(zip(("text", "nationality", "foreign", "role"), group)),
                 "source": {"text": source_text, "kind": source[1], "country": source[2], "via": None},
                 "modality": modality}
        if optional:
            claim["optional"] = True
        out.append(claim)
    return out


if __name__ == "__main__":
    with open(HERE / "reports.jsonl", "w", encoding="utf-8") as f:
        for r in REPORTS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for c in gold_claims():
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
