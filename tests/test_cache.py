"""The call cache: keys that cover exactly what decides an answer, and a SQLite store two runs can share."""

from __future__ import annotations

import copy
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.cache import FILENAME, CallCache, request_key
from summarizer.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

REQUEST: dict[str, Any] = {
    "model": "qwen",
    "messages": [
        {"role": "system", "content": "Extract claims."},
        {"role": "user", "content": "Article A\n[1] The river Elm burst its banks."},
    ],
    "response_format": {
        "type": "json_schema",
        "json_schema": {"name": "ArticleClaims", "schema": {"type": "object", "properties": {"claims": {}}}},
    },
    "temperature": 0.0,
    "seed": 0,
    "max_tokens": 2048,
}


def changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(REQUEST)
    target: Any = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return out


def test_round_trip_and_miss(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    key = request_key(REQUEST)
    assert cache.get(key) is None
    cache.put(key, '{"id": "chatcmpl-1"}', model="qwen")
    assert cache.get(key) == '{"id": "chatcmpl-1"}'
    cache.put(key, '{"id": "chatcmpl-2"}', model="qwen")  # a later answer replaces the first
    assert cache.get(key) == '{"id": "chatcmpl-2"}'
    cache.close()
    assert CallCache(tmp_path).get(key) == '{"id": "chatcmpl-2"}'  # on disk, not in memory


def test_nothing_is_created_before_first_use(tmp_path: Path) -> None:
    cache = CallCache(tmp_path / "later")
    assert cache.path == tmp_path / "later" / FILENAME
    assert not (tmp_path / "later").exists()
    cache.open()
    assert cache.path.is_file()


def test_the_default_location_is_the_user_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert CallCache().path == tmp_path / "summarizer" / FILENAME


def test_the_key_is_stable_across_key_order_and_processes() -> None:
    key = request_key(REQUEST)
    assert len(key) == 64 and int(key, 16) >= 0
    assert request_key(dict(reversed(list(REQUEST.items())))) == key
    code = (
        "import json, sys; from summarizer.cache import request_key; "
        "print(request_key(json.loads(sys.stdin.read())))"
    )

    other = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(REQUEST),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert other.stdout.strip() == key  # no hash randomisation, no dict-order dependence


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("model",), "gpt-4.1-mini"),
        (("messages", 1, "content"), "Article A\n[1] The river Elm burst its bank."),
        (("messages", 0, "role"), "user"),
        (("response_format", "json_schema", "name"), "ClaimRepairs"),
        (("response_format", "json_schema", "schema", "properties"), {"claims": {"type": "array"}}),
        (("temperature",), 0.2),
        (("seed",), 1),
        (("max_tokens",), 1024),
        (("tools",), [{"type": "function", "function": {"name": "ArticleClaims"}}]),
    ],
    ids=["model", "message", "role", "schema-name", "schema", "temperature", "seed", "max_tokens", "tools"],
)
def test_anything_that_decides_the_answer_changes_the_key(path: tuple[Any, ...], value: Any) -> None:
    assert request_key(changed(path, value)) != request_key(REQUEST)


def test_where_and_how_the_request_is_sent_does_not_change_the_key() -> None:
    sent = {
        **REQUEST,
        "base_url": "http://127.0.0.1:9/v1",
        "api_key": "sk-test-dummy",
        "extra_headers": {"X-Trace": "1"},
        "timeout": 30.0,
    }
    assert request_key(sent) == request_key(REQUEST)


def test_info_and_clear(tmp_path: Path) -> None:
    cache = CallCache(tmp_path)
    for i in range(3):
        cache.put(f"k{i}", "{}", model="qwen")
    cache.put("k9", "{}", model="gpt-4.1-mini")
    info = cache.info()
    assert info.path == tmp_path / FILENAME
    assert info.entries == 4
    assert info.models == {"gpt-4.1-mini": 1, "qwen": 3}
    assert info.size_bytes > 0
    assert info.oldest is not None and info.newest is not None and info.oldest <= info.newest
    assert cache.clear() == 4
    after = cache.info()
    assert after.entries == 0 and after.models == {} and after.oldest is None
    assert cache.get("k0") is None


def _writer(directory: str, tag: str, n: int) -> None:
    cache = CallCache(Path(directory))
    for i in range(n):
        cache.put(f"{tag}-{i}", f'{{"n": {i}}}', model=tag)
        # Read back the other process's rows as they land: readers never block the writer in WAL mode.
        cache.get(f"{'b' if tag == 'a' else 'a'}-{i}")
    cache.close()


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    CallCache(tmp_path).open()  # both children find the schema in place, as a second run would
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), tag, 300)) for tag in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    for p in procs:
        if p.is_alive():
            p.kill()
            p.join(5)
    assert [p.exitcode for p in procs] == [0, 0]
    cache = CallCache(tmp_path)
    assert cache.info().models == {"a": 300, "b": 300}
    assert cache.get("a-299") == '{"n": 299}' and cache.get("b-0") == '{"n": 0}'


def test_a_killed_run_leaves_what_it_wrote_readable(tmp_path: Path) -> None:
    # The writer is killed outright (SIGKILL) right after its 50th answer: no close, no checkpoint.
    code = (
        "import os, signal, sys; from pathlib import Path; from summarizer.cache import CallCache\n"
        "c = CallCache(Path(sys.argv[1]))\n"
        "for i in range(50): c.put(f'k{i}', '{\"i\": %d}' % i, model='m')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, timeout=60, check=False)
    assert run.returncode == -9
    resumed = CallCache(tmp_path)
    assert resumed.info().entries == 50
    assert resumed.get("k49") == '{"i": 49}'


def test_a_corrupt_file_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"this is no SQLite database at all\n" * 100)
    with pytest.raises(ConfigError) as info:
        CallCache(tmp_path).get("k")
    message = str(info.value)
    assert "\n" not in message
    assert str(tmp_path / FILENAME) in message
    assert "is not a cache database" in message and "--cache-dir" in message


def test_a_directory_in_the_files_place_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / FILENAME).mkdir()
    with pytest.raises(ConfigError, match=r"calls\.sqlite3: is not a cache database \(a directory\)"):
        CallCache(tmp_path).open()


def test_a_location_that_cannot_be_written_fails_at_open_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match="is not a directory"):
        CallCache(blocker).open()
    # /proc refuses new entries even to root, so this holds whoever runs the tests.
    with pytest.raises(ConfigError, match="cannot create the call cache directory"):
        CallCache(Path("/proc/summarizer-cache-test")).open()


def test_a_sqlite_file_of_another_version_is_refused(tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / FILENAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(ConfigError, match="another version"):
        CallCache(tmp_path).open()
