"""Every word table of the package, once: English as data.

Nothing outside `summarizer.lang` spells out a list of words or compiles a regular expression over
words (tests/test_house.py holds the package to it). The readers in `summarizer.lang` build their
patterns from these tables; each table says what reads it, and a table two readers need is one table
here, not two copies that drift apart. Grouped by subject, one module each:

- `words`: function words, clause links, negation, meaning (synonyms, antonyms, demonyms), references;
- `saying`: verbs of saying and who is named as saying it;
- `hedges`: how a number, an act or a share of a group is hedged or quantified;
- `numbers`: number words, scales, units, shares, multipliers, and time (months, weekdays);
- `figures`: what stands around a figure that alignment compares (its role, what it counts, a year);
- `abbreviations`: abbreviations a sentence never ends on ("Sen.", "No.").
"""
