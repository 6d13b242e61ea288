"""What stands around a number in its sentence: its hedge, a range, a clock time, a fraction, an age."""

from __future__ import annotations

import re

from summarizer.lang.lexicon.figures import RANGE_JOINS, RANGE_OPENINGS
from summarizer.lang.lexicon.hedges import QUALIFIERS, STATED_MAXIMUM, STATED_MINIMUM
from summarizer.lang.lexicon.numbers import SCALES

# A number followed by "a.m." or ":30" is a clock time, no quantity.
CLOCK_AFTER = re.compile(r"^\s*(?:[ap]\.?m\b|:\d\d)", re.I)
# What joins two numbers into a range ("46 to 57", "2006 through 2011").
RANGE_JOIN = re.compile(r"^\s*(?:" + "|".join(RANGE_JOINS) + r"|-|–|—)\s*$")
# What opens a range before its first number ("from 500,000 to …", "between $2 and …").
RANGE_OPEN = re.compile(r"\b(?:" + "|".join(RANGE_OPENINGS) + r")\s+(?:[$£€]\s*)?$", re.I)
# A stated maximum ("up to 1.6 million", "as many as"), or minimum, right before a figure.
STATED_MAX = re.compile(r"\b(?:" + "|".join(STATED_MAXIMUM) + r")\s*$", re.I)
STATED_MIN = re.compile(r"\b(?:" + "|".join(STATED_MINIMUM) + r")\s*$", re.I)
# Any hedge before a figure, so that its excerpt starts where its hedge does ("over 100,000"): the
# qualifiers numbers are read with, and a stated maximum or minimum "of".
_BOUNDS = [p for p in (*STATED_MAXIMUM, *STATED_MINIMUM) if p.endswith(" of")]
QUALIFIER_BEFORE = re.compile(r"\b(?:" + "|".join([p for p, _ in QUALIFIERS] + _BOUNDS) + r")\s*$", re.I)
# A fraction word right after a number ("two thirds", "1.5 quarters").
FRACTION_AFTER = re.compile(r"^[\s-]+(halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)\b", re.I)
# A unit of years or months followed by "old" is an age ("a 76-year-old").
OLD_AFTER = re.compile(r"^[\s-]*old\b")
# A bare number set off by commas right after a name is the named person's age, in news style
# ("Mr. Cowan, 43, was …", "Brat, 49."): the name before, a comma, a parenthesis or the end after.
AGE_NAME_BEFORE = re.compile(r"(?P<before>\S*)\s+(?P<name>[A-Z][\w’'.-]*),\s*$")
AGE_END_AFTER = re.compile(r"^\s*(?:[,)]|[.!?]?\s*$)")
# A list of counts by name ("Republicans, 52, Democrats, 48"): the next item is a name and a number too.
AGE_LIST_AFTER = re.compile(r"^\s*,\s*[A-Z][\w’'.-]*,\s*\d")
# The scale words, largest first, that a range's second number may write for both ("2 to 3 million").
SCALES_LARGEST_FIRST = tuple(sorted(SCALES.items(), key=lambda kv: -kv[1]))
