"""Merge several news articles about one event into one cited summary that shows every disagreement."""

from summarizer.check import check
from summarizer.config import Settings
from summarizer.errors import BackendError, CassetteError, ConfigError, InputError, SummarizerError
from summarizer.html import to_html
from summarizer.ingest import load
from summarizer.models import Article, Check, Claim, Conflict, Report, SummarySentence
from summarizer.pipeline import asummarize, summarize
from summarizer.render import to_json, to_markdown
from summarizer.verify import verify

__all__ = [
    "Article",
    "BackendError",
    "CassetteError",
    "Check",
    "Claim",
    "ConfigError",
    "Conflict",
    "InputError",
    "Report",
    "Settings",
    "SummarizerError",
    "SummarySentence",
    "asummarize",
    "check",
    "load",
    "summarize",
    "to_html",
    "to_json",
    "to_markdown",
    "verify",
]
