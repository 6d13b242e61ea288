"""Every word table of the package, once: English as data, and the patterns built from it.

Nothing outside `summarizer.lang` spells out a list of words or compiles a regular expression over words.
Each table says what reads it; a table two readers need is one table, not two copies that drift.
"""

from __future__ import annotations

# --- function words and stop words ---------------------------------------------------------------

# --- saying and attribution ----------------------------------------------------------------------

# --- hedges and qualifiers -----------------------------------------------------------------------

# --- quantifiers and shares ----------------------------------------------------------------------

# --- numbers: scales, number words, units --------------------------------------------------------

# --- time: months, weekdays, relative days -------------------------------------------------------

# --- names: demonyms, titles ---------------------------------------------------------------------

# --- meaning: synonyms and antonyms --------------------------------------------------------------

# --- negation ------------------------------------------------------------------------------------

# --- extraction: references, boilerplate ---------------------------------------------------------

# --- injection markers ---------------------------------------------------------------------------

# --- alignment: figures, roles, phrase ends ------------------------------------------------------

# --- alignment: quotations and speakers ----------------------------------------------------------

# --- the end of the lexicon ----------------------------------------------------------------------
