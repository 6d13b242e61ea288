"""Files and texts → `Article`s: decoding, the publisher line, numbered sentences. No model."""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import string
import sys
import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO

import pysbd
import pysbd.lang.english
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text

from summarizer.errors import InputError
from summarizer.lang.injection import injection_marker
from summarizer.lang.lexicon.words import FOLDS_TO_ASCII
from summarizer.lang.sentences import last_mark, sentence_spans
from summarizer.models import Article, Sentence

# Far beyond a news article, well inside what a model's context can take after claims are extracted.
MAX_CHARS = 100_000
# Four bytes a character at most in UTF-8: a file over this cannot be within MAX_CHARS.
MAX_BYTES = 4 * MAX_CHARS

# A bare domain on the last line, the way scraped articles often end ("newsweek.com").
_PUBLISHER = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.IGNORECASE)


def _new_segmenter() -> pysbd.Segmenter:
    """Stock pysbd, as `segment` reads: the fallback's, and the tests' and benchmarks' yardstick."""
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


class _Abbreviations(pysbd.lang.english.English.AbbreviationReplacer):  # type: ignore[misc]  # pysbd is untyped
    """pysbd's abbreviation pass, without the work that cannot change the line.

    For each of its 188 abbreviations in a line ("al" is in "also", "st" in "first"), pysbd finds
    every occurrence after a space and tries its three expressions on each. All three need a period
    right after the abbreviation, and the pass only ever turns periods into "∯", so where the line
    has no "al." the result is the line as it was: skipped here. That was two thirds of pysbd's
    abbreviation time. Otherwise the bodies are pysbd 0.3.4's; `tests/test_ingest.py` holds the
    sentences equal to stock pysbd's on every line of the seeds and BASIL, on generated lines, and on
    lines that each guard below is needed for.
    """

    def search_for_abbreviations_in_string(self, text: str) -> str:
        lowered = text.lower()
        # Where a letter outside ASCII matches an ASCII one, `lowered` may miss an "al.": no shortcut.
        exact = FOLDS_TO_ASCII.isdisjoint(text)
        # What stands right before each period: `x in dotted` is `x + "." in lowered`, asked of the
        # 188 abbreviations with one look-up each rather than a search of the line each.
        abbreviations, longest = _stripped(self.lang.Abbreviation)
        dotted = _before_periods(lowered, longest) if exact else frozenset()
        for stripped, plain in abbreviations:
            if exact and plain:
                if stripped not in dotted:
                    continue
            elif stripped not in lowered:
                continue
            abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            char_array: list[str] | None = None
            for ind, match in enumerate(abbrev_match):
                found = match.strip()
                if found + "." not in text and re.escape(found) == found:
                    continue  # no period after it: none of the three expressions can match
                if char_array is None:  # as pysbd, from the line before this abbreviation's replacements
                    char_array = re.findall(r"(?<={" + str(re.escape(stripped)) + "} ).{1}", text)
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


@functools.cache
def _stripped(abbreviation: Any) -> tuple[tuple[tuple[str, bool], ...], int]:
    """A language's abbreviations (pysbd's `Abbreviation` class), each stripped, and whether it is plain
    (no character a regular expression escapes); and the longest plain one's length."""
    pairs = tuple((a.strip(), re.escape(a.strip()) == a.strip()) for a in abbreviation.ABBREVIATIONS)
    return pairs, max((len(a) for a, plain in pairs if plain), default=0)


def _before_periods(lowered: str, longest: int) -> frozenset[str]:
    """Every text of up to `longest` characters that ends right before a period."""
    out: set[str] = set()
    at = lowered.find(".")
    while at != -1:
        out.update(lowered[at - n : at] for n in range(1, min(at, longest) + 1))
        at = lowered.find(".", at + 1)
    return frozenset(out)


class _English(pysbd.lang.english.English):  # type: ignore[misc]  # pysbd is untyped
    """pysbd's English, with the abbreviation pass above (a language may bring its own: pysbd's hook)."""

    AbbreviationReplacer = _Abbreviations


# What any of pysbd's list rules needs to find in a line: a closing parenthesis ("a)", "(iv)", "2) "), a
# digit before a period ("2. "), a lone lowercase letter before one (" b. "), or its own list markers.
_MAY_LIST = re.compile(r"[)♨☝]|\d\.|(?:^|\s)[a-z]\.")


class _Processor(Processor):  # type: ignore[misc]  # pysbd is untyped
    """pysbd 0.3.4's `Processor.process`, without its list pass on a line that can hold no list item.

    The pass (`ListItemReplacer.add_line_break`) runs some thirty expressions over every line, a fifth
    of pysbd's time, and changes only a line with a list item or its markers: `_MAY_LIST` is what each
    of its expressions needs to match. `tests/test_ingest.py` holds the sentences equal to stock pysbd's.
    """

    text: str
    lang: Any

    def process(self) -> list[str] | str:
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        if _MAY_LIST.search(self.text):
            self.text = ListItemReplacer(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        self.text = Text(self.text).apply(
            self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
            self.lang.GeoLocationRule,
            self.lang.FileFormatRule,
        )
        return self.split_into_segments()  # type: ignore[no-any-return]


# What may end or open a sentence to pysbd before a line's last character: "!", "?", an ellipsis or a
# full-width mark anywhere ("Why?Because"); a period but between two ASCII letters or digits ("fox.com",
# "3.5" go on; "café.Résumé" does not); a double quotation mark or a bracket ('"Fake News" Is …'); and
# the characters pysbd marks its own work with.
_INNER_MARK = re.compile(r"[!?…\r。．！？\"“”「」（）∯♨☝✂⌬ȸ☉⎋ᓰᓱᓳᓴᓷᓸ]|(?<![A-Za-z0-9_])\.|\.(?![A-Za-z0-9_])")
# A single quotation mark closing, anywhere: "… say 'enough,'" Christie added." is two sentences to pysbd.
_CLOSING_SINGLE = re.compile(r"['‘’](?=\W)")


def _plainly_one(line: str) -> bool:
    """Whether the line is one sentence to pysbd with no need to ask it: one end mark, at its end.

    Two lines of news in five (a short paragraph, a quotation's tag) are so; on 26,927 lines of the
    seeds, BASIL and SummEdits and their sentences, stock pysbd returned each of the 10,513 such lines
    whole, and `tests/test_ingest.py` holds `segment` to stock pysbd on them and on generated lines.
    """
    body = line.rstrip()
    return (
        bool(body)
        and not line[0].isspace()
        and body[-1] in ".!?"
        and not _INNER_MARK.search(body, 0, len(body) - 1)
        and not _CLOSING_SINGLE.search(body)
        and not _MAY_LIST.search(body)  # "a) taxes b) spending c) debt." is three items to pysbd
    )


def segment(line: str) -> list[tuple[str, int]]:
    """pysbd's sentences of one line, each with its start: exactly `Segmenter.segment`'s spans, faster.

    pysbd finds each sentence's span with a regular expression built from the sentence itself, and a
    new expression per sentence evicts pysbd's own compiled rules from `re`'s cache, so every line
    compiles them again: half of ingest's time. This finds the same spans with `str.find`, the way
    `re.finditer` scans (the first match ending after the previous sentence, trailing whitespace
    included); `tests/test_ingest.py` holds it equal to pysbd's on every line of the seeds and BASIL.
    """
    if not line:
        return []
    if _plainly_one(line):
        return [(line, 0)]
    # A processor of its own for each line, never a shared segmenter: `Segmenter.segment` keeps the
    # line on the segmenter while it finds the spans, so two threads ingesting at once (stories in a
    # batch) would find one line's sentences in the other's and drop those not there.
    sentences = _Processor(line, _English).process()
    if not all(sentences):
        return [(span.sent, span.start) for span in _new_segmenter().segment(line)]
    out: list[tuple[str, int]] = []
    prior = 0
    for sentence in sentences:
        at = 0
        while (i := line.find(sentence, at)) >= 0:
            end = i + len(sentence)
            while end < len(line) and line[end].isspace():
                end += 1
            if end > prior:
                out.append((line[i:end], i))
                prior = end
                break
            at = end  # the next match of finditer starts where this one ended
    return out


def decode(data: bytes, name: str) -> str:
    """Bytes → text: UTF-8 (a BOM is allowed) or UTF-16 with a BOM; anything else is a clear error."""
    if data.lstrip().startswith(b"%PDF-"):
        # Told by its header, before any decoding: an all-ASCII PDF decodes, and its syntax is no article.
        raise InputError(
            f"{name}: is a PDF document, not an article's text; extract its text first (pdftotext)"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16") from e
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not an article's text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from e


def split_publisher(text: str) -> tuple[str, str | None]:
    """Separate a trailing bare publisher line such as 'newsweek.com' from the body."""
    body = text.rstrip()
    head, _, last = body.rpartition("\n")
    if head.strip() and _PUBLISHER.match(last.strip()):
        return head.rstrip(), last.strip().lower()
    return body, None


# Hard-wrapped text (wire copy, e-mail, `pdftotext`) breaks its lines at 60–80 columns; a text with a
# paragraph a line (a web page's, BASIL's, the seeds') has lines past this, and a list of short lines
# (headlines, bullet points with no marks) none as long as the narrowest.
WRAP_WIDEST = 100
WRAP_NARROWEST = 50
# Lines a wrap must have broken mid-sentence before a text is read as wrapped: a few short lines that
# happen to end near the longest one's length are a list of sentences, not a wrapped paragraph.
WRAP_JOINS = 2
_ENDS_SENTENCE = ".!?…"


def unwrap(text: str) -> str:
    """`text` with the line breaks of a hard wrap joined: a space, or nothing after a hyphen.

    A line was wrapped when the next line's first word would not have fitted on it (the way `textwrap`
    and mail clients break lines); a shorter line ends its paragraph, as a headline or a list item does.
    A text is read as wrapped when its longest line is within `WRAP_NARROWEST`–`WRAP_WIDEST` and its
    lines broken so with no end mark (one sentence split over lines) are at least `WRAP_JOINS` and more
    than half of those followed by another line. A hyphen ending a broken line stays ("North
    Korean-made"): a news text's hyphens are its words'. Not told apart: a headline nearly as long as
    the wrapped lines, with no blank line under it, runs on into the first sentence, as the first line
    of a wrapped paragraph runs on into the next.
    """
    lines = text.split("\n")
    widths = [len(line.rstrip()) for line in lines if line.strip()]
    if not widths or not WRAP_NARROWEST <= max(widths) <= WRAP_WIDEST:
        return text
    width = max(widths)
    followed = [
        bool(line.strip() and after.strip() and not after[0].isspace()) for line, after in pairwise(lines)
    ]
    broken = [
        f and len(line.rstrip()) + 1 + len(after.split()[0]) > width
        for f, (line, after) in zip(followed, pairwise(lines), strict=True)
    ]
    inside = [b and last_mark(line) not in _ENDS_SENTENCE for b, line in zip(broken, lines, strict=False)]
    # Wrapped text breaks most of its lines inside a sentence; a paragraph a line ends most with a mark,
    # however long (its headline and subhead may read as broken).
    if sum(inside) < WRAP_JOINS or 2 * sum(inside) <= sum(followed):
        return text
    out = [lines[0]]
    for line, wrapped in zip(lines[1:], broken, strict=True):
        if not wrapped:
            out.append("\n" + line)
        elif re.search(r"\w-$", out[-1].rstrip()):
            out[-1] = out[-1].rstrip()
            out.append(line)
        else:
            out[-1] = out[-1].rstrip()
            out.append(" " + line)
    return "".join(out)


def split_sentences(text: str) -> list[Sentence]:
    """Number the sentences of `text` from 1, each with its span; a line break always ends a sentence.

    pysbd cuts each line (`segment`); `lang.sentences` joins back the pieces it cut at an abbreviation
    that ends no sentence there ("McConnell, R-Ky., has refused") and returns closing quotation marks.
    """
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for at, end in sentence_spans(line, segment(line)):
                chunk = line[at:end]
                lead = len(chunk) - len(chunk.lstrip())
                stripped = chunk.strip()
                if not stripped or all(ch in string.punctuation + "“”‘’…" for ch in stripped):
                    continue
                start = offset + at + lead
                sentences.append(
                    Sentence(
                        id=len(sentences) + 1,
                        text=stripped,
                        start=start,
                        end=start + len(stripped),
                        suspect=injection_marker(stripped),
                    )
                )
        offset += len(line) + 1
    return sentences


def make_article(text: str, article_id: str, *, name: str, path: str | None = None) -> Article:
    """Text → `Article` with its publisher line split off and its sentences numbered."""
    # One spelling of each accented letter ("ó", not "o" and a combining accent): a word is its letters.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{name}: is empty")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{name}: is {len(text):,} characters; the limit is {MAX_CHARS:,} (one news article). "
            "Split it into articles first"
        )
    if looks_like_html(text):
        text = html_to_text(text, name)
    body, publisher = split_publisher(text)
    body = unwrap(body)
    sentences = split_sentences(body)
    if not sentences:
        raise InputError(f"{name}: has no sentences")
    return Article(id=article_id, path=path, name=name, publisher=publisher, text=body, sentences=sentences)


def looks_like_html(text: str) -> bool:
    """Whether a file is a web page rather than an article's text."""
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str, name: str) -> str:
    """The article text of a saved web page, by trafilatura (the [html] extra), without boilerplate."""
    try:
        import trafilatura  # optional: only web pages need it
    except ImportError:
        raise InputError(
            f"{name}: is an HTML page; install the extractor (pip install 'summarizer[html]') "
            "or save the article's text as a .txt file"
        ) from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{name}: is an HTML page in which no article text was found")
    return str(text)


def article_id(index: int) -> str:
    """A, B, … Z, then AA, AB, …: ids short enough to cite inline."""
    letters = string.ascii_uppercase
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = letters[rem] + out
    return out


def load(inputs: Sequence[str | Path]) -> list[Article]:
    """Paths (or texts, for strings that are not paths) → articles with ids A, B, … in order."""
    if not inputs:
        raise InputError("no articles given: pass one or more text files")
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(inputs):
        aid = article_id(i)
        if str(item) == "-":
            # The common CLI convention: "-" is standard input, read once.
            if any(str(x) == "-" for x in inputs[:i]):
                raise InputError("- (standard input) is given twice; it can be read only once")
            text = decode(read_stdin(), "standard input")
            article = make_article(text, aid, name="standard input")
        elif isinstance(item, Path) or looks_like_path(item):
            path = Path(item)
            text = decode(read_file(path), str(path))
            article = make_article(text, aid, name=path.name, path=str(path))
        else:
            article = make_article(item, aid, name=f"text {aid}")
        if article.text in seen:
            raise InputError(
                f"{article.name}: is the same article as {seen[article.text]}; give each article once"
            )
        seen[article.text] = article.name
        articles.append(article)
    return articles


def read_stdin() -> bytes:
    """Standard input's bytes, else an InputError when it is closed or cannot be read."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with stdin closed (<&-): Python sets sys.stdin to None
        raise InputError("standard input: is closed; pipe the article in, or pass it as a file")
    try:
        return read_limited(stream, "standard input")
    except ValueError:  # a closed file object
        raise InputError("standard input: is closed; pipe the article in, or pass it as a file") from None
    except OSError as e:
        raise InputError(f"standard input: cannot read it ({e.strerror or e})") from None


def read_file(path: Path) -> bytes:
    """A regular file's bytes, else an InputError naming what the path really is."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror or e})") from None
    kind = _kind(st.st_mode)
    if kind == "directory":
        raise InputError(f"{path}: is a directory; pass the article files in it (e.g. {path}/*.txt)")
    if kind != "file":
        # A FIFO, a device such as /dev/zero (or a link to one) would block or never end.
        target = f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""
        raise InputError(f"{path}: is a {kind}{target}, not a regular file; save the article to a file first")
    try:
        with path.open("rb") as f:
            return read_limited(f, str(path))
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror or e})") from None


def read_limited(stream: BinaryIO, name: str) -> bytes:
    """At most MAX_BYTES from a stream; more is refused before it is all read."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name}: is over {MAX_BYTES:,} bytes; the limit is {MAX_CHARS:,} characters (one news article). "
            "Split it into articles first"
        )
    return data


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def looks_like_path(item: str) -> bool:
    """Whether a string names a file rather than holding an article's text."""
    # A string is an article's text if it has a line break or is too long to be a path name.
    return "\n" not in item and len(item) < 4096
