"""Every template renders, strictly, and ships inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import jinja2
import pytest

from summarizer import extract, reconcile
from summarizer.models import Article
from summarizer.prompts import render, template_names
from summarizer.schemas import ClaimDraft

from .conftest import ROOT
from .reports import seeds_report


def test_every_template_is_rendered_by_a_test_below() -> None:
    assert set(template_names()) == {
        "baseline.j2",
        "extract_repair.j2",
        "extract_system.j2",
        "extract_user.j2",
        "reconcile_system.j2",
        "reconcile_user.j2",
    }


def test_extract_prompt_numbers_every_sentence(seeds: list[Article]) -> None:
    system, user = extract.messages(seeds[1])
    assert "At most 8 claims" in system["content"]
    assert "(newsweek.com)" in user["content"]
    assert f"[{len(seeds[1].sentences)}] " in user["content"]


def test_repair_prompt_shows_each_failing_claim_its_problem_and_its_sentence(seeds: list[Article]) -> None:
    bad = ClaimDraft(sentence_ids=[9], quote="has 100,000 followers", statement="Kovalenko has 100,000 fans.")
    failing = extract._failing(seeds[0], [bad])
    msgs = extract.repair_messages(seeds[0], '{"claims": []}', list(failing.values()))
    assert [m["role"] for m in msgs] == ["system", "user", "assistant", "user"]
    ask = msgs[-1]["content"]
    assert ask.startswith("1 of your claims fail the check")
    assert "does not occur verbatim" in ask and "Give only these 1 claims again" in ask
    assert f"Sentence [9]: {seeds[0].sentences[8].text}" in ask


@pytest.mark.parametrize("n", [1, 2])
def test_reconcile_prompt_lists_claims_and_adapts_to_one_article(seeds: list[Article], n: int) -> None:
    report = seeds_report(seeds)
    system, user = reconcile.messages(seeds[:n], report.claims)
    assert "A1 | the outlet | Kovalenko has 10,000 Telegram followers." in user["content"]
    assert ("leave corroborated and conflicts empty" in system["content"]) == (n == 1)


def test_baseline_prompt_shows_every_sentence_with_its_citable_id(seeds: list[Article]) -> None:
    prompt = render("baseline.j2", articles=seeds)
    assert "A9: Kovalenko is a prominent commentator" in prompt
    assert "Article B (newsweek.com):" in prompt


def test_a_missing_variable_raises() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("extract_user.j2")


@pytest.mark.slow
def test_the_wheel_ships_the_templates_and_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("summarizer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in template_names():
        assert f"summarizer/_prompts/{template}" in names
    assert "summarizer/py.typed" in names
