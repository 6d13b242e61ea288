"""The local model's engine: llama-server unless xllamacpp is asked for or alone can run; xllamacpp faked."""

from __future__ import annotations

import importlib.machinery
import json
import socket
import threading
import types
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from summarizer import engines, local
from summarizer.config import LOCAL_DEFAULT_MODEL, Settings
from summarizer.engines import (
    ENGINE_ENV,
    LLAMA_SERVER,
    XLLAMACPP,
    InProcessServer,
    choose_engine,
    cpu_flags,
)
from summarizer.errors import BackendError, ConfigError
from summarizer.llama_server import SERVER_ENV, LocalServer

loopback = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1$"])

SANDY_BRIDGE = frozenset({"fpu", "sse", "sse2", "ssse3", "sse4_1", "sse4_2", "avx"})
HASWELL = SANDY_BRIDGE | {"avx2", "fma", "f16c", "bmi1", "bmi2"}


# --- the CPU ----------------------------------------------------------------------------------------------


def test_cpu_flags_are_read_from_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(
        "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: fpu avx avx2 fma\n\nprocessor\t: 1\n"
    )
    assert cpu_flags(cpuinfo) == {"fpu", "avx", "avx2", "fma"}
    assert cpu_flags(tmp_path / "absent") is None


def test_an_installed_llama_server_is_taken_even_where_the_prebuilt_engine_could_run() -> None:
    chosen = choose_engine({}, flags=HASWELL, importable=True, machine="x86_64", server_found=True)
    assert chosen == LLAMA_SERVER  # built on purpose (setup-local.sh builds it only where asked or needed)


def test_the_prebuilt_engine_runs_where_no_llama_server_is_installed() -> None:
    chosen = choose_engine({}, flags=HASWELL, importable=True, machine="x86_64", server_found=False)
    assert chosen == XLLAMACPP


def test_no_fallback_to_a_prebuilt_engine_that_cannot_run_or_is_not_installed() -> None:
    for flags, importable in ((SANDY_BRIDGE, True), (HASWELL, False)):
        chosen = choose_engine({}, flags=flags, importable=importable, machine="x86_64", server_found=False)
        assert chosen == LLAMA_SERVER  # whose not-found error says how to install an engine


def test_other_machines_trust_their_wheel() -> None:
    # aarch64's wheel targets armv8-a, its baseline: no flag to check.
    chosen = choose_engine({}, flags=frozenset(), importable=True, machine="aarch64", server_found=False)
    assert chosen == XLLAMACPP


def test_the_env_var_forces_an_engine() -> None:
    env = {ENGINE_ENV: LLAMA_SERVER}
    chosen = choose_engine(env, flags=HASWELL, importable=True, machine="x86_64", server_found=False)
    assert chosen == LLAMA_SERVER
    env = {ENGINE_ENV: XLLAMACPP}
    chosen = choose_engine(env, flags=HASWELL, importable=True, machine="x86_64", server_found=True)
    assert chosen == XLLAMACPP  # over an installed llama-server


def test_a_named_llama_server_binary_chooses_that_engine() -> None:
    env = {SERVER_ENV: "/opt/llama/llama-server"}
    assert choose_engine(env, flags=HASWELL, importable=True, machine="x86_64") == LLAMA_SERVER


def test_forcing_xllamacpp_on_a_cpu_without_avx2_is_an_error_not_a_crash() -> None:
    with pytest.raises(ConfigError, match="lacks avx2, bmi2, f16c, fma") as info:
        choose_engine({ENGINE_ENV: XLLAMACPP}, flags=SANDY_BRIDGE, importable=True, machine="x86_64")
    assert "build llama-server with bash scripts/setup-local.sh" in str(info.value)


def test_forcing_an_unknown_or_missing_engine_is_an_error() -> None:
    with pytest.raises(ConfigError, match="not an engine"):
        choose_engine({ENGINE_ENV: "vllm"}, flags=HASWELL, importable=True, machine="x86_64")
    with pytest.raises(ConfigError, match="not installed") as info:
        choose_engine({ENGINE_ENV: XLLAMACPP}, flags=HASWELL, importable=False, machine="x86_64")
    assert f"{ENGINE_ENV}=xllamacpp bash scripts/setup-local.sh" in str(info.value)


# --- the in-process server, with a stand-in for xllamacpp ------------------------------------------------


class FakeEngine:
    """xllamacpp.Server as far as we use it: serves over HTTP once built, stops when freed."""

    # What each engine was started with, and an event set when it stops; never the engine itself, whose
    # last reference must be the server's.
    started: ClassVar[list[tuple[Any, threading.Event]]] = []
    fail: str | None = None

    def __init__(self, params: Any) -> None:
        self._finalize = lambda: None
        if FakeEngine.fail:
            raise RuntimeError(FakeEngine.fail)
        stopped = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._reply({"status": "ok"})

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                self._reply({"choices": [{"message": {"role": "assistant", "content": "Yes"}}]})

            def _reply(self, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._http = ThreadingHTTPServer((params.hostnames[0], params.port), Handler)
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        self.listening_address = f"http://{params.hostnames[0]}:{self._http.server_address[1]}"
        http = self._http

        def finalize() -> None:
            http.shutdown()
            http.server_close()
            stopped.set()

        self._finalize = finalize
        FakeEngine.started.append((params, stopped))

    def __del__(self) -> None:
        # As xllamacpp's destructor: the listener and the loop stop when the last reference goes.
        self._finalize()


class _Namespace:
    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


def _params() -> Any:
    return _Namespace(
        model=_Namespace(path=""),
        cpuparams=_Namespace(n_threads=-1),
        cpuparams_batch=_Namespace(n_threads=-1),
        hostnames=[],
        port=-1,
    )


@pytest.fixture
def fake_xllamacpp(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """A module named xllamacpp whose Server is FakeEngine, on a CPU the prebuilt engine supports."""
    module = types.ModuleType(XLLAMACPP)
    module.__spec__ = importlib.machinery.ModuleSpec(XLLAMACPP, None)
    module.CommonParams = _params  # type: ignore[attr-defined]
    module.Server = FakeEngine  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, XLLAMACPP, module)
    monkeypatch.setattr(engines, "cpu_flags", lambda: HASWELL)
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    monkeypatch.delenv(SERVER_ENV, raising=False)
    FakeEngine.started, FakeEngine.fail = [], None
    yield module
    FakeEngine.started.clear()


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF not really")
    return path


def _refused(url: str) -> bool:
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.socket() as s:
        return s.connect_ex((host, int(port))) != 0


def _stopped() -> bool:
    """Whether the one engine started has stopped, without a garbage collection to help it."""
    [(_, stopped)] = FakeEngine.started
    return stopped.wait(5)


def test_the_engine_gets_llama_server_settings(fake_xllamacpp: types.ModuleType, model: Path) -> None:
    with InProcessServer(model, threads=3):
        [(params, _)] = FakeEngine.started
    assert params.model.path == str(model)
    assert (params.n_ctx, params.n_parallel) == (16384, 2)
    assert (params.cpuparams.n_threads, params.cpuparams_batch.n_threads) == (3, 3)
    assert params.model_alias == {LOCAL_DEFAULT_MODEL}
    assert (params.hostnames, params.port) == (["127.0.0.1"], 0)
    assert params.verbosity == 1


@loopback
def test_it_serves_on_loopback_and_is_stopped_after_the_block(
    fake_xllamacpp: types.ModuleType, model: Path
) -> None:
    with InProcessServer(model) as server:
        base_url = server.base_url
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        with urllib.request.urlopen(base_url.removesuffix("/v1") + "/health", timeout=5) as response:
            assert response.status == 200
    assert _stopped() and not server.running
    assert _refused(base_url)
    server.stop()  # idempotent


@loopback
def test_an_exception_in_the_block_still_stops_it(fake_xllamacpp: types.ModuleType, model: Path) -> None:
    with pytest.raises(ValueError), InProcessServer(model):
        raise ValueError("the pipeline failed")
    assert _stopped()


def test_a_model_that_does_not_load_is_a_backend_error(fake_xllamacpp: types.ModuleType, model: Path) -> None:
    FakeEngine.fail = "failed to load model"
    with pytest.raises(BackendError, match=r"could not start in-process \(xllamacpp\): failed to load model"):
        InProcessServer(model).start()


@loopback
def test_the_local_backend_serves_on_the_prebuilt_engine_and_stops_it(
    fake_xllamacpp: types.ModuleType, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    monkeypatch.setattr(local, "assemble", lambda: model)
    monkeypatch.setenv(ENGINE_ENV, XLLAMACPP)
    notes: list[str] = []
    settings = Settings(model=LOCAL_DEFAULT_MODEL, api_key="not-needed", backend="local", cache=False)

    async def run() -> str:
        async with local.LocalBackend().serve(settings, notes.append) as served:
            assert served.base_url is not None
            with urllib.request.urlopen(served.base_url.removesuffix("/v1") + "/health", timeout=5) as r:
                assert r.status == 200
            raise KeyError(served.base_url)  # the run fails: the engine must stop all the same

    with pytest.raises(KeyError) as info:
        asyncio.run(run())
    assert notes[1] == f"local model server ready at {info.value.args[0]} (xllamacpp)"
    assert _stopped()
    assert _refused(info.value.args[0])


def test_the_bundled_model_is_served_by_llama_server_unless_xllamacpp_is_asked_for(
    fake_xllamacpp: types.ModuleType, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "find_server", lambda: ["/usr/bin/llama-server"])
    assert isinstance(local.local_server(model), LocalServer)
    monkeypatch.setenv(ENGINE_ENV, XLLAMACPP)
    assert isinstance(local.local_server(model), InProcessServer)


@loopback
def test_without_llama_server_the_backend_runs_on_xllamacpp_and_says_which(
    fake_xllamacpp: types.ModuleType, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    monkeypatch.setattr(local, "assemble", lambda: model)
    monkeypatch.setattr(engines, "find_server", lambda: None)
    notes: list[str] = []
    settings = Settings(model=LOCAL_DEFAULT_MODEL, api_key="not-needed", backend="local", cache=False)

    async def run() -> None:
        async with local.LocalBackend().serve(settings, notes.append):
            pass

    asyncio.run(run())
    assert notes[-1].endswith("(xllamacpp)")


def test_the_setup_asks_whether_the_prebuilt_engine_runs_here_and_whether_a_server_is_installed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(engines, "cpu_flags", lambda: SANDY_BRIDGE)
    monkeypatch.setattr(engines.platform, "machine", lambda: "x86_64")
    assert engines.main(["--prebuilt"]) == 1 and "lacks avx2" in capsys.readouterr().err
    monkeypatch.setattr(engines, "cpu_flags", lambda: HASWELL)
    assert engines.main(["--prebuilt"]) == 0
    monkeypatch.setattr(engines, "find_server", lambda: None)
    assert engines.main(["--server"]) == 1
    monkeypatch.setattr(engines, "find_server", lambda: ["/usr/bin/llama-server"])
    assert engines.main(["--server"]) == 0


def test_the_setup_s_engine_check_refuses_an_unusable_server_and_unknown_arguments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unusable() -> list[str]:
        raise ConfigError("SUMMARIZER_LLAMA_SERVER=x is not an executable llama-server")

    monkeypatch.setattr(engines, "find_server", unusable)
    assert engines.main(["--server"]) == 2 and "not an executable" in capsys.readouterr().err
    assert engines.main(["--bogus"]) == 2 and "unknown arguments" in capsys.readouterr().err
