"""Abbreviations that stand before a name or a number, so a sentence never ends on one."""

from __future__ import annotations

# Titles and markers written before what they abbreviate ("Sen. Mitch McConnell", "No. 10-277"): a full
# stop after one is not a sentence's end, so a sentence read as ending there was cut off. Read by
# `summarizer.lang.fragments`. Not here: state abbreviations ("Calif.", "R-Ky."), "Jr.", "Inc.", "U.S.",
# "St.", "etc.", which end real sentences ("said Sen. Dianne Feinstein, D-Calif.").
BEFORE_A_NAME = frozenset(
    """
        mr mrs ms messrs dr prof sen sens rep reps gov govs lt gen maj col capt cmdr adm sgt cpl pvt rev
        hon pres supt det insp atty amb no nos vs
    """.split()
)
