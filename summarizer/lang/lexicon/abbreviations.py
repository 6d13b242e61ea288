"""Abbreviations with a period, by whether that period may end a sentence (lang.sentences reads them).

Spelled as written, lowercase, without the final period; a dotted one ("n.y") keeps its inner dots.
"""

from __future__ import annotations

from summarizer.lang.lexicon.numbers import MONTH_ABBREVIATIONS

# Titles before a name ("Sen. Mitch McConnell", "the Rev. Al Sharpton", military ranks as AP abbreviates
# them): a name follows, so the period never ends a sentence.
TITLES = frozenset(
    """
        mr mrs ms messrs mmes dr drs prof sen sens rep reps gov govs lt gen gens col maj capt cmdr adm sgt
        cpl pvt pfc spc brig rev msgr fr atty supt pres insp det hon
    """.split()
)
# Titles and states as AP abbreviates them, with the word each stands for: "Oklahoma Gov. Frank Keating"
# is "the former governor of Oklahoma", "Sen. Schumer" a senator, "McConnell, R-Ky." of Kentucky. Read
# only when capitalized ("Gov" is no word of its own), and only the abbreviations no other capitalized
# word spells ("Miss", "Mass", "Wash", "Pa" are left out).
SPELLED_OUT: dict[str, str] = dict(
    entry.split(":")
    for entry in """
        gov:governor govs:governors sen:senator sens:senators rep:representative reps:representatives
        lt:lieutenant gen:general gens:generals col:colonel capt:captain cmdr:commander adm:admiral
        sgt:sergeant cpl:corporal atty:attorney supt:superintendent pres:president dept:department
        ala:alabama ariz:arizona ark:arkansas calif:california colo:colorado conn:connecticut
        fla:florida ill:illinois kan:kansas kans:kansas ky:kentucky md:maryland mich:michigan
        minn:minnesota mont:montana neb:nebraska nev:nevada okla:oklahoma tenn:tennessee tex:texas
        vt:vermont va:virginia wis:wisconsin wisc:wisconsin wyo:wyoming
    """.split()
)
# A month abbreviated ("until Feb. 15"): AP abbreviates a month only before a day, so a date follows.
# "May" is never abbreviated, and "May." ends "Theresa May." as often as not.
MONTHS = frozenset(MONTH_ABBREVIATIONS) - {"may"}
# Signs before a number ("No. 2", "Vol. 3"): the period ends no sentence where a digit follows.
NUMBER_SIGNS = frozenset(
    """
                                        no nos vol vols
                                    """.split()
)
# Before a place's name ("St. Louis", "Mt. Vernon", "Ft. Worth"); after a street's ("Wall St.") it may end.
# Each with the word it stands for in the name ("Ft. Myers" is Fort Myers), and only there: "Mt." is no
# word "mount" a sentence's "mounted" could be checked against.
PLACE_PREFIX_WORDS: dict[str, str] = dict(
    entry.split(":")
    for entry in """
                              st:saint ste:sainte mt:mount ft:fort
                          """.split()
)
PLACE_PREFIXES = frozenset(PLACE_PREFIX_WORDS)
# The states of two words AP writes as initials with periods ("Graham, R-S.C.", "Albany, N.Y."): the state
# the initials name, so "Lindsey Graham of South Carolina" is what "Lindsey Graham, R-S.C." says.
STATE_INITIALS: dict[str, str] = {
    "nh": "new hampshire",
    "nj": "new jersey",
    "nm": "new mexico",
    "ny": "new york",
    "nc": "north carolina",
    "nd": "north dakota",
    "ri": "rhode island",
    "sc": "south carolina",
    "sd": "south dakota",
    "wva": "west virginia",
}
# States as AP abbreviates them after a city or in a party tag ("Lexington, Ky.", "McConnell, R-Ky.").
# One may end a sentence ("… in Glendale, Ariz."), so a capitalised word after it may open the next.
STATES = frozenset(
    """
        ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass me mich minn miss mo mont
        neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va wis wisc wyo d.c
    """.split()
)
# The letters of a party tag before its state ("R-Ky.", "D-N.Y.", "I-Vt.").
PARTIES = frozenset("DRI")
# After a name or a company ("Jesse Jackson Jr.", "Apple Inc."): these may end a sentence.
SUFFIXES = frozenset(
    """
                              jr sr inc corp co cos ltd bros
                          """.split()
)
# Times of day: a weekday, a month or a time zone after one is still its sentence ("at 10 a.m. Tuesday").
TIMES_OF_DAY = frozenset(
    """
                                  a.m p.m
                              """.split()
)
TIME_ZONES = frozenset(
    """
            et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc eastern central mountain pacific
                """.split()
)
# What a sentence never ends on (`summarizer.lang.fragments` counts one that does as cut off): a title or
# a number's sign, which a name or a figure must follow.
BEFORE_A_NAME = TITLES | NUMBER_SIGNS
# What, before or in a name, makes it a person's ("President Trump", "Mr. Cowan", "Sen. John Thune"): the
# titles above as `names.canon` spells them out, and roles written as a title.
PERSON_WORDS = (
    TITLES
    | frozenset(SPELLED_OUT[t] for t in TITLES if t in SPELLED_OUT)
    | frozenset(
        """
                              president
                          """.split()
    )
)
# What follows a person's name to tell a son from his father ("Jesse Jackson Jr.", "Martin Luther King
# III"); not a company's "Inc.".
PERSON_SUFFIXES = frozenset(
    """
                              jr sr ii iii iv
                          """.split()
)
