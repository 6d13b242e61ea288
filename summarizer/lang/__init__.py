"""English as data and readers: the lexicon, one tokenizer, numbers, dates, quotes, speech, injection markers.

A sentence is read once (`Reading`); extraction, alignment and the checks all consume that reading.
"""
