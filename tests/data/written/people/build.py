"""Builds reports.jsonl, gold.jsonl and people.json here: reports written for headcount that name the people an
incident affected (an invented country, Velmora; invented places and people; English and French), with their
people annotated as ../../../../../shared/data/dev/people/ is (its NOTES.md). Each mention and status names its
words by a phrase of the text (the n-th occurrence where it says so); its span is where that phrase is.
Run: python tests/data/written/people/build.py"""
import json
from pathlib import Path

HERE = Path(__file__).parent

REPORTS = [
    {"id": "written-people-ferry-1", "published": "2031-04-02", "outlet": "Coastline Wire", "url": None,
     "language": "en", "incident": "port-alder-ferry-2031",
     "text": "PORT ALDER, Velmora (Coastline Wire) - Two Norwegian hostages, Ingrid Halvorsen and Lars Halvorsen, "
             "were freed from the ferry terminal overnight, the interior ministry said on Wednesday.\n"
             "Ms Halvorsen, 34, said the gunmen had given the hostages water.\n"
             "A ticket clerk for Alder Ferries, Tomas Bello, 52, was killed when the gunmen stormed the terminal "
             "on Tuesday, police said.\n"
             "Interior minister Aldo Ferrant said the other hostages would be freed soon."},
    {"id": "written-people-ferry-2", "published": "2031-04-03", "outlet": "Harbour Desk", "url": None,
     "language": "en", "incident": "port-alder-ferry-2031",
     "text": "Ingrid and Lars Halvorsen, a couple from Bergen who were freed on Tuesday night, flew home on "
             "Thursday, Norway's foreign ministry said.\n"
             "Mr Bello, who was shot dead on Tuesday, will be buried on Saturday, a police spokesman said.\n"
             "Another hostage, the Danish engineer Søren Kjær, 47, is still missing, his employer Nordhavn "
             "Energy said."},
    {"id": "written-people-ferry-3", "published": "2031-04-05", "outlet": "Le Courrier du Delta", "url": None,
     "language": "fr", "incident": "port-alder-ferry-2031",
     "text": "Le ressortissant danois Søren Kjaer, 48 ans, a été retrouvé mort près du terminal de Port Alder, a "
             "annoncé samedi le ministère danois des Affaires étrangères.\n"
             "M. Kjaer travaillait comme ingénieur pour Nordhavn Energy."},
    {"id": "written-people-market-4", "published": "2031-09-30", "outlet": "Valley Times", "url": None,
     "language": "en", "incident": "velmora-market-2031",
     "text": "Two sisters, Amara Okafor and Chidi Okafor, were injured in the market bombing, a hospital "
             "spokesman said.\n"
             "Their father, Dr Emeka Okafor, said Amara, 19, was in a stable condition.\n"
             "A street vendor, Joseph Mensah, was killed, according to police."},
    # written after the extractor's rules for the four above, to check that they were not fitted to them
    {"id": "written-people-hut-5", "published": "2031-12-07", "outlet": "Northern Wire", "url": None,
     "language": "en", "incident": "lindholm-hut-2031",
     "text": "LINDHOLM, Ostrana (Northern Wire) - Rescuers freed a Swiss climber, Beat Keller, 29, from a collapsed "
             "mountain hut on Sunday, the regional police said.\n"
             "His climbing partner, Nina Vogt, a German nurse, is still missing, police said.\n"
             "Regional governor Paul Amsel said the search would resume at dawn.\n"
             "Ms Vogt's sister, Lena Vogt, told reporters the family was praying."},
    {"id": "written-people-hut-6", "published": "2031-12-08", "outlet": "La Gazette des Cimes", "url": None,
     "language": "fr", "incident": "lindholm-hut-2031",
     "text": "Le corps de l'alpiniste allemande Nina Vogt, 31 ans, a été retrouvé lundi sous la neige, a annoncé la "
             "police régionale.\n"
             "Son compagnon de cordée, le Suisse Beat Keller, blessé à la jambe, a quitté l'hôpital, selon la "
             "police.\n"
             "Le gouverneur Paul Amsel a salué le travail des secouristes."},
]

# Per report, per person: name, mention phrases, fields, statuses (status, phrase, source kind, source words).
# A phrase given as (words, n) is the n-th occurrence (from 1) of the words.
PEOPLE = {
    "written-people-ferry-1": [
        dict(name="Ingrid Halvorsen", mentions=["Ingrid Halvorsen", "Ms Halvorsen"], nationality="NO", age=34,
             sex="female", role="hostage",
             statuses=[("freed", "Two Norwegian hostages, Ingrid Halvorsen and Lars Halvorsen, were freed from the "
                                 "ferry terminal overnight", "government", "the interior ministry")],
             note="'Ms Halvorsen' is Ingrid (Ms: a woman; Lars is her husband)"),
        dict(name="Lars Halvorsen", mentions=["Lars Halvorsen"], nationality="NO", role="hostage",
             statuses=[("freed", "Two Norwegian hostages, Ingrid Halvorsen and Lars Halvorsen, were freed from the "
                                 "ferry terminal overnight", "government", "the interior ministry")]),
        dict(name="Tomas Bello", mentions=["Tomas Bello"], age=52, employer="Alder Ferries", role="hostage",
             statuses=[("killed", "A ticket clerk for Alder Ferries, Tomas Bello, 52, was killed when the gunmen "
                                  "stormed the terminal on Tuesday", "government", "police")],
             note="killed in the besieged terminal -> hostage (the dev convention); Velmoran: no ISO code, null"),
    ],
    "written-people-ferry-2": [
        dict(name="Ingrid Halvorsen", mentions=["Ingrid"], nationality="NO", home_town="Bergen", role="hostage",
             statuses=[("freed", "Ingrid and Lars Halvorsen, a couple from Bergen who were freed on Tuesday night",
                        "government", "Norway's foreign ministry")],
             note="named 'Ingrid' beside 'Lars Halvorsen': the surname is theirs both"),
        dict(name="Lars Halvorsen", mentions=["Lars Halvorsen"], nationality="NO", home_town="Bergen",
             role="hostage",
             statuses=[("freed", "Ingrid and Lars Halvorsen, a couple from Bergen who were freed on Tuesday night",
                        "government", "Norway's foreign ministry")]),
        dict(name="Bello", mentions=["Mr Bello"], sex="male", role="hostage",
             statuses=[("killed", "Mr Bello, who was shot dead on Tuesday", "government", "a police spokesman")],
             note="surname only: Tomas Bello of written-people-ferry-1"),
        dict(name="Søren Kjær", mentions=["Søren Kjær"], nationality="DK", age=47, sex="male",
             employer="Nordhavn Energy", role="hostage",
             statuses=[("missing", "Another hostage, the Danish engineer Søren Kjær, 47, is still missing",
                        "company", "his employer Nordhavn Energy")]),
    ],
    "written-people-ferry-3": [
        dict(name="Søren Kjaer", mentions=["Søren Kjaer", "M. Kjaer"], nationality="DK", age=48, sex="male",
             employer="Nordhavn Energy", role="hostage",
             statuses=[("killed", "Le ressortissant danois Søren Kjaer, 48 ans, a été retrouvé mort près du "
                                  "terminal de Port Alder", "government",
                        "le ministère danois des Affaires étrangères")],
             note="Kjær spelled Kjaer, 48 where written-people-ferry-2 says 47: one person"),
    ],
    "written-people-market-4": [
        dict(name="Amara Okafor", mentions=["Amara Okafor", ("Amara", 2)], age=19, sex="female", role="civilian",
             statuses=[("injured", "Two sisters, Amara Okafor and Chidi Okafor, were injured in the market bombing",
                        "government", "a hospital spokesman")]),
        dict(name="Chidi Okafor", mentions=["Chidi Okafor"], sex="female", role="civilian",
             statuses=[("injured", "Two sisters, Amara Okafor and Chidi Okafor, were injured in the market bombing",
                        "government", "a hospital spokesman")],
             note="Dr Emeka Okafor, their father, only speaks of them: no record"),
        dict(name="Joseph Mensah", mentions=["Joseph Mensah"], role="civilian",
             statuses=[("killed", "A street vendor, Joseph Mensah, was killed", "government", "police")]),
    ],
    "written-people-hut-5": [
        dict(name="Beat Keller", mentions=["Beat Keller"], nationality="CH", age=29, sex="male", role="civilian",
             statuses=[("freed", "Rescuers freed a Swiss climber, Beat Keller, 29, from a collapsed mountain hut on "
                                 "Sunday", "government", "the regional police")],
             note="freed from a collapse, not from captors: civilian; male by 'His climbing partner'"),
        dict(name="Nina Vogt", mentions=["Nina Vogt", "Ms Vogt"], nationality="DE", sex="female", role="civilian",
             statuses=[("missing", "His climbing partner, Nina Vogt, a German nurse, is still missing", "government",
                        "police")],
             note="Lena Vogt, her sister, and governor Paul Amsel only speak: no record; LINDHOLM, Ostrana: places"),
    ],
    "written-people-hut-6": [
        dict(name="Nina Vogt", mentions=["Nina Vogt"], nationality="DE", age=31, sex="female", role="civilian",
             statuses=[("killed", "Le corps de l'alpiniste allemande Nina Vogt, 31 ans, a été retrouvé lundi sous la "
                                  "neige", "government", "la police régionale")],
             note="her body found: killed; 31 here, no age in written-people-hut-5"),
        dict(name="Beat Keller", mentions=["Beat Keller"], nationality="CH", sex="male", role="civilian",
             statuses=[("injured", "Son compagnon de cordée, le Suisse Beat Keller, blessé à la jambe", "government",
                        "la police")],
             note="'le Suisse': CH; 'Son compagnon' (masculine): male; Paul Amsel only speaks: no record"),
    ],
}

# people.json: per incident, each person as ../shared/data/dev/people/people.json gives them.
MERGED = {
    "port-alder-ferry-2031": [
        ("Ingrid Halvorsen", ["written-people-ferry-1", "written-people-ferry-2"], "NO", "freed"),
        ("Lars Halvorsen", ["written-people-ferry-1", "written-people-ferry-2"], "NO", "freed"),
        ("Tomas Bello", ["written-people-ferry-1", "written-people-ferry-2"], None, "killed"),
        ("Søren Kjær", ["written-people-ferry-2", "written-people-ferry-3"], "DK", "killed"),
    ],
    "velmora-market-2031": [
        ("Amara Okafor", ["written-people-market-4"], None, "injured"),
        ("Chidi Okafor", ["written-people-market-4"], None, "injured"),
        ("Joseph Mensah", ["written-people-market-4"], None, "killed"),
    ],
    "lindholm-hut-2031": [
        ("Beat Keller", ["written-people-hut-5", "written-people-hut-6"], "CH", "injured"),
        ("Nina Vogt", ["written-people-hut-5", "written-people-hut-6"], "DE", "killed"),
    ],
}
# The full name of a record whose mentions in a report give less of it.
FULL_NAME = {"Bello": "Tomas Bello", "Søren Kjaer": "Søren Kjær"}


def span(text: str, phrase) -> list[int]:
    words, n = phrase if isinstance(phrase, tuple) else (phrase, 1)
    start = -1
    for _ in range(n):
        start = text.index(words, start + 1)
    return [start, start + len(words)]


def build() -> None:
    texts = {r["id"]: r["text"] for r in REPORTS}
    gold = []
    for report in REPORTS:
        text = texts[report["id"]]
        for p in PEOPLE.get(report["id"], []):
            line = {"report": report["id"], "name": p["name"], "mentions": [span(text, m) for m in p["mentions"]],
                    "nationality": p.get("nationality"), "age": p.get("age"), "sex": p.get("sex"),
                    "home_town": p.get("home_town"), "employer": p.get("employer"), "role": p["role"],
                    "statuses": [{"status": s, "span": span(text, words), "source_kind": kind, "source_text": said}
                                 for s, words, kind, said in p["statuses"]]}
            for s, words, _, _ in p["statuses"]:
                assert text[slice(*span(text, words))] == words
            if p.get("note"):
                line["note"] = p["note"]
            gold.append(line)
    variants: dict[tuple[str, str], list[str]] = {}
    incident_of = {r["id"]: r["incident"] for r in REPORTS}
    for g in gold:
        key = (incident_of[g["report"]], FULL_NAME.get(g["name"], g["name"]))
        for s, e in g["mentions"]:
            words = texts[g["report"]][s:e]
            if words not in variants.setdefault(key, []):
                variants[key].append(words)
    merged = {inc: [{"name": name, "variants": variants[(inc, name)], "nationality": nat, "final_status": final,
                     "reports": reports} for name, reports, nat, final in people]
              for inc, people in MERGED.items()}
    (HERE / "reports.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS),
                                        encoding="utf-8")
    (HERE / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold),
                                     encoding="utf-8")
    (HERE / "people.json").write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build()
