"""llama.cpp's `llama-server`: found, started on a free loopback port for one run, and always stopped."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from summarizer.errors import BackendError, ConfigError
from summarizer.weights import cache_dir_default

SERVER_ENV = "SUMMARIZER_LLAMA_SERVER"
# The name the server answers to; llama-server ignores the request's model, so recordings carry this one.
SERVED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"

_HOST = "127.0.0.1"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _build_cache() -> Path:
    # Same default and override as scripts/record.sh, which is what builds this binary today.
    env = os.environ.get("SUMMARIZER_BUILD_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "summarizer-build"


def find_server() -> list[str] | None:
    """The argv prefix that runs llama-server: $SUMMARIZER_LLAMA_SERVER, then PATH, then record.sh's build."""
    configured = os.environ.get(SERVER_ENV)
    if configured:
        found = shutil.which(configured)
        if found is None:
            # An explicit choice that does not work must not quietly fall back to some other binary.
            raise ConfigError(f"{SERVER_ENV}={configured} is not an executable llama-server")
        return [found]
    on_path = shutil.which("llama-server")
    if on_path is not None:
        return [on_path]
    built = _build_cache() / "llama.cpp" / "build" / "bin" / "llama-server"
    if built.is_file() and os.access(built, os.X_OK):
        return [str(built)]
    return None


def _free_port() -> int:
    # The port is released before the server binds it; a thief in between makes the server exit, which
    # start() reports with the server's own log line.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((_HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _check_port_free(port: int) -> None:
    # Otherwise the health check could succeed against whatever already listens there.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((_HOST, port))
        except OSError as e:
            raise ConfigError(
                f"port {port} on {_HOST} is already in use: pick another or leave it unset"
            ) from e


def default_threads() -> int:
    """The cores this process may run on: how many threads a local engine is given."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


LOG_PREFIX = "llama-server-"
# How many servers' logs are kept: the newest, one per port; older ones go as a server starts.
KEEP_LOGS = 8


def _prune_logs(directory: Path) -> None:
    """Remove all but the newest KEEP_LOGS - 1 server logs, making room for the one about to start."""
    logs = []
    for path in directory.glob(f"{LOG_PREFIX}*.log"):
        with contextlib.suppress(OSError):
            logs.append((path.stat().st_mtime, path))
    for _, path in sorted(logs, reverse=True)[KEEP_LOGS - 1 :]:
        with contextlib.suppress(OSError):
            path.unlink()


def _log_tail(path: Path, lines: int = 5) -> str:
    try:
        with path.open("rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 8192))
            text = f.read().decode("utf-8", errors="replace")
    except OSError:
        return "(no log)"
    kept = [_ANSI.sub("", line).strip()[:200] for line in text.splitlines()]
    kept = [line for line in kept if line]
    return " | ".join(kept[-lines:]) or "(empty log)"


# No proxy: a user's http_proxy would otherwise receive, and fail, requests meant for 127.0.0.1.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _healthy(url: str) -> bool:
    try:
        with _opener.open(url, timeout=2.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        # Refused while starting, or 503 while llama-server loads the model.
        return False


class _Stoppable(Protocol):
    def stop(self) -> None: ...


# Every model server this process started and has not stopped, whichever engine: stopped at exit.
_LIVE: set[_Stoppable] = set()
_atexit_registered = False


def _stop_all() -> None:
    # Joins an in-process engine's threads while the interpreter is still whole.
    for server in list(_LIVE):
        with contextlib.suppress(Exception):
            server.stop()


def stop_at_exit(server: _Stoppable) -> None:
    """Have `server` stopped when the process exits, unless `stopped(server)` comes first."""
    global _atexit_registered
    _LIVE.add(server)
    if not _atexit_registered:
        atexit.register(_stop_all)
        _atexit_registered = True


def stopped(server: _Stoppable) -> None:
    """`server` stopped on its own: nothing to do for it at exit."""
    _LIVE.discard(server)


class LocalServer:
    """llama-server serving one model on a free loopback port for the length of a with-block."""

    def __init__(
        self,
        model: Path,
        *,
        command: list[str] | None = None,
        port: int | None = None,
        ctx_size: int = 16384,
        slots: int = 2,
        threads: int | None = None,
        startup_timeout: float = 180.0,
        stop_timeout: float = 5.0,
        cache_dir: Path | None = None,
        alias: str = SERVED_MODEL,
    ) -> None:
        self.model = Path(model)
        self.alias = alias
        self.command = command
        self.ctx_size = ctx_size
        self.slots = slots
        self.threads = threads
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.log_dir = cache_dir if cache_dir is not None else cache_dir_default()
        self._requested_port = port
        self._port: int | None = None
        self._pid: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def port(self) -> int:
        """The loopback port the server listens on."""
        if self._port is None:
            raise RuntimeError("LocalServer has not been started")
        return self._port

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible endpoint, e.g. http://127.0.0.1:PORT/v1."""
        return f"http://{_HOST}:{self.port}/v1"

    @property
    def log_path(self) -> Path:
        """This server's own log, named by its port: two servers at once never write one file."""
        return self.log_dir / f"{LOG_PREFIX}{self.port}.log"

    @property
    def pid(self) -> int:
        """The server's process id (also its process group id)."""
        if self._pid is None:
            raise RuntimeError("LocalServer has not been started")
        return self._pid

    @property
    def running(self) -> bool:
        """Whether the server process is still alive."""
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> LocalServer:
        """Start the server and wait for /health to answer 200, else BackendError with the log's tail."""
        if self._proc is not None:
            raise RuntimeError("LocalServer is already running")
        command = self.command if self.command is not None else find_server()
        if command is None:
            raise ConfigError(
                f"no llama-server found: set {SERVER_ENV} to its path, put it on PATH, "
                "or build it with scripts/record.sh"
            )
        if not self.model.is_file():
            raise ConfigError(f"model file not found: {self.model}")
        if self._requested_port is not None:
            _check_port_free(self._requested_port)
        port = self._requested_port if self._requested_port is not None else _free_port()
        threads = self.threads if self.threads is not None else default_threads()
        argv = [
            *command,
            *("-m", str(self.model), "--host", _HOST, "--port", str(port), "-c", str(self.ctx_size)),
            # Two slots share the context (8192 tokens each): two articles are extracted in one batch,
            # measured 1.25x faster than one slot, one article after the other, on 2 cores (BENCHMARKS.md).
            *("-np", str(self.slots), "-t", str(threads), "--alias", self.alias),
        ]
        self._port = port
        try:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            _prune_logs(self.log_dir)
            with self.log_path.open("wb") as log:
                # Its own session: a terminal's Ctrl-C reaches only us, and we stop the whole group ourselves.
                proc = subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=_die_with_parent(),
                )
        except OSError as e:
            self._port = None
            raise ConfigError(f"could not start {command[0]}: {e.strerror or e}") from e
        self._proc, self._pid = proc, proc.pid
        stop_at_exit(self)
        try:
            self._wait_ready(proc, port)
        except BaseException:
            # __exit__ never runs when __enter__ fails, and Ctrl-C during a slow model load lands here.
            self.stop()
            raise
        return self

    def _wait_ready(self, proc: subprocess.Popen[bytes], port: int) -> None:
        url = f"http://{_HOST}:{port}/health"
        deadline = time.monotonic() + self.startup_timeout
        while True:
            code = proc.poll()
            if code is not None:
                raise BackendError(
                    f"the local model server exited with code {code} while starting: "
                    f"{_log_tail(self.log_path)} (full log: {self.log_path})"
                )
            # A 200 counts only while our own child is still alive to have sent it.
            if _healthy(url) and proc.poll() is None:
                return
            if time.monotonic() >= deadline:
                raise BackendError(
                    f"the local model server was not ready after {self.startup_timeout:g} s: "
                    f"{_log_tail(self.log_path)} (full log: {self.log_path})"
                )
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server's process group: SIGTERM, then SIGKILL after stop_timeout; safe to call twice."""
        proc = self._proc
        if proc is None:
            return
        try:
            if proc.poll() is None:
                _signal_group(proc, hard=False)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=self.stop_timeout)
        finally:
            # Also runs when a second Ctrl-C interrupts the wait: the server must not outlive us.
            if proc.poll() is None:
                _signal_group(proc, hard=True)
                proc.wait()
            self._proc = None
            stopped(self)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a child-side hook that has the kernel SIGKILL the server when this process dies.

    A run killed with SIGKILL (or by the OOM killer) runs no atexit hook and no signal handler, so
    nothing of ours could stop its server; the kernel can. prctl is looked up here, before the fork,
    so the child only makes one call.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def hook() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return hook


def _signal_group(proc: subprocess.Popen[bytes], *, hard: bool) -> None:
    # Only called before the child is reaped, so its pid (= its group id) cannot have been reused yet.
    if sys.platform == "win32":
        if hard:
            proc.kill()
        else:
            proc.terminate()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL if hard else signal.SIGTERM)
