"""The local model's engine: xllamacpp (llama.cpp prebuilt, in-process) or llama-server (built from source).

`scripts/setup-local.sh` installs xllamacpp wherever this CPU runs it, so a fresh machine builds nothing;
it builds llama-server only where xllamacpp cannot run or when asked ($SUMMARIZER_LOCAL_ENGINE). A run
takes llama-server whenever one is installed, as it was built on purpose. With the bundled model's
defaults (no restatement, no repair: the merge and a few judge questions) the two are as fast on 2 cores
(the seeds 34.0 s against 34.1 s, a BASIL triplet 37.2 s against 40.6 s); with `--restate` xllamacpp was
4.6 times slower (the seeds: 431 s against 94 s), its schema-constrained generation of many restatements
at two slots being what it is slower at (BENCHMARKS.md §1).

xllamacpp's wheel for x86-64 is compiled for AVX2 (with FMA, F16C and BMI2: Intel Haswell, 2013, AMD
Excavator, 2015, and later); on an older CPU importing it would kill the process with an illegal
instruction, so its flags are read from /proc/cpuinfo before anything is imported.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import platform
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

from summarizer.errors import BackendError, ConfigError
from summarizer.llama_server import (
    SERVED_MODEL,
    SERVER_ENV,
    default_threads,
    find_server,
    stop_at_exit,
    stopped,
)

ENGINE_ENV = "SUMMARIZER_LOCAL_ENGINE"
XLLAMACPP = "xllamacpp"
LLAMA_SERVER = "llama-server"
ENGINES = (XLLAMACPP, LLAMA_SERVER)
# What the x86-64 wheel reports it was compiled with (xllamacpp.get_system_info()).
PREBUILT_FLAGS = frozenset({"avx", "avx2", "fma", "f16c", "bmi2"})

_HOST = "127.0.0.1"
_CPUINFO = Path("/proc/cpuinfo")


def cpu_flags(cpuinfo: Path = _CPUINFO) -> frozenset[str] | None:
    """The CPU's feature flags as /proc/cpuinfo lists them, or None where there is no such file."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


def prebuilt_unsupported(flags: frozenset[str] | None, machine: str | None = None) -> str | None:
    """Why the prebuilt engine cannot run on this CPU, or None if it can."""
    machine = (machine if machine is not None else platform.machine()).lower()
    # Other wheels (aarch64's armv8-a, macOS's) target their platform's baseline; only x86-64's needs more.
    if machine not in ("x86_64", "amd64") or flags is None:
        return None
    missing = sorted(PREBUILT_FLAGS - flags)
    if not missing:
        return None
    return f"this CPU lacks {', '.join(missing)}, which the prebuilt xllamacpp needs"


def _importable() -> bool:
    # find_spec does not load the extension, so this is safe on any CPU.
    try:
        return importlib.util.find_spec(XLLAMACPP) is not None
    except (ImportError, ValueError):
        return False


def choose_engine(
    env: Mapping[str, str] | None = None,
    *,
    flags: frozenset[str] | None = None,
    importable: bool | None = None,
    machine: str | None = None,
    server_found: bool | None = None,
) -> str:
    """As $SUMMARIZER_LOCAL_ENGINE says; else an installed llama-server; else xllamacpp where it runs."""
    env = os.environ if env is None else env
    forced = env.get(ENGINE_ENV, "").strip()
    if forced:
        if forced not in ENGINES:
            raise ConfigError(f"{ENGINE_ENV}={forced} is not an engine: use {' or '.join(ENGINES)}")
        if forced == XLLAMACPP:
            unsupported = prebuilt_unsupported(cpu_flags() if flags is None else flags, machine)
            if unsupported is not None:
                raise ConfigError(
                    f"{ENGINE_ENV}={XLLAMACPP}, but {unsupported}: build llama-server with "
                    "bash scripts/setup-local.sh, and leave the variable unset"
                )
            if not (_importable() if importable is None else importable):
                raise ConfigError(
                    f"{ENGINE_ENV}={XLLAMACPP}, but it is not installed: "
                    f"{ENGINE_ENV}={XLLAMACPP} bash scripts/setup-local.sh"
                )
        return forced
    # A binary named explicitly is a choice of engine too.
    if env.get(SERVER_ENV):
        return LLAMA_SERVER
    # A llama-server on this machine was built or installed on purpose: it is the one asked for.
    if server_found if server_found is not None else find_server() is not None:
        return LLAMA_SERVER
    if not (_importable() if importable is None else importable):
        return LLAMA_SERVER  # whose not-found error says how to install an engine
    if prebuilt_unsupported(cpu_flags() if flags is None else flags, machine) is not None:
        return LLAMA_SERVER
    return XLLAMACPP


class InProcessServer:
    """xllamacpp's OpenAI-compatible server in this process, on a free loopback port, for a with-block.

    It cannot outlive the process; within it, stop() (the block's end, however it ends) drops the only
    reference to the engine, whose destructor stops its HTTP listener and its loop.
    """

    def __init__(
        self,
        model: Path,
        *,
        port: int | None = None,
        ctx_size: int = 16384,
        slots: int = 2,
        threads: int | None = None,
        alias: str = SERVED_MODEL,
        module: ModuleType | None = None,
    ) -> None:
        self.model = Path(model)
        self.requested_port = port
        self.ctx_size = ctx_size
        self.slots = slots
        self.threads = threads
        self.alias = alias
        self._module = module
        self._server: Any = None
        self._base_url: str | None = None

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible endpoint, e.g. http://127.0.0.1:PORT/v1."""
        if self._base_url is None:
            raise RuntimeError("InProcessServer has not been started")
        return self._base_url

    @property
    def pid(self) -> int:
        """The process serving: this one."""
        return os.getpid()

    @property
    def running(self) -> bool:
        """Whether the engine is loaded and serving."""
        return self._server is not None

    def _params(self, xlc: ModuleType) -> Any:
        threads = self.threads if self.threads is not None else default_threads()
        params = xlc.CommonParams()
        params.model.path = str(self.model)
        # The same settings as llama-server's command line (llama_server.py): two slots sharing the context.
        params.n_ctx = self.ctx_size
        params.n_parallel = self.slots
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.model_alias = {self.alias}
        params.hostnames = [_HOST]
        # 0: the system picks a free port as it binds, so no other process can take it first.
        params.port = self.requested_port or 0
        params.verbosity = 1  # errors only: the run's standard error is for its own notes
        return params

    def start(self) -> InProcessServer:
        """Load the model and start serving; BackendError if the engine cannot."""
        if self._server is not None:
            raise RuntimeError("InProcessServer is already running")
        if not self.model.is_file():
            raise ConfigError(f"model file not found: {self.model}")
        xlc = self._module if self._module is not None else importlib.import_module(XLLAMACPP)
        try:
            self._server = xlc.Server(self._params(xlc))
            self._base_url = self._server.listening_address.rstrip("/") + "/v1"
        except Exception as e:
            self.stop()
            raise BackendError(f"the local model could not start in-process (xllamacpp): {e}") from None
        stop_at_exit(self)
        return self

    def stop(self) -> None:
        """Stop serving and free the model; safe to call twice."""
        # The only reference goes: the destructor runs here and waits for the engine's loop to exit.
        self._server = None
        stopped(self)

    def __enter__(self) -> InProcessServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """For scripts/setup-local.sh: print the engine a run will use, or why the one asked for cannot run;
    `--prebuilt`: exit 1, saying why, where this CPU cannot run the prebuilt engine; `--server`: exit 1
    where no llama-server is installed."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        if args == ["--prebuilt"]:
            why = prebuilt_unsupported(cpu_flags())
            if why is not None:
                print(why, file=sys.stderr)
            return 0 if why is None else 1
        if args == ["--server"]:
            return 0 if find_server() is not None else 1  # $SUMMARIZER_LLAMA_SERVER unusable: exit 2
        if args:
            raise ConfigError(f"unknown arguments {' '.join(args)!r}: use --prebuilt, --server or none")
        print(choose_engine())
    except ConfigError as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
