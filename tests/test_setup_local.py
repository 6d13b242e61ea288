"""scripts/setup-local.sh run with stand-ins for pip, the engine check and CMake: nothing is built or loaded.

By default it installs the prebuilt engine (a wheel only) where the CPU runs it and builds nothing; where
the CPU cannot, or no wheel installs, or with SUMMARIZER_LOCAL_ENGINE=llama-server, it builds llama-server,
unless one is installed already.

Its standard output stays empty, so `setup-local.sh && summarizer FILES > report` holds the report only;
the build's own noise (llama.cpp's "fatal: not a git repository", CMake's warnings) goes to a log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from summarizer import weights

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "setup-local.sh"
VERSION = "llama_cpp_python-0.3.36"

# pip stands in by noting what it was asked to install and saying what pip may say on its standard output,
# the engine check by answering as $FAKE_ENGINE says, or failing with $FAKE_ENGINE_ERROR (summarizer.engines
# decides for real; tests/test_engines.py); anything else is the real interpreter.
FAKE_PYTHON = f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
  echo "$@" >> "$PIP_LOG"
  case "$*" in *xllamacpp*) if [ -n "$FAKE_NO_WHEEL" ]; then echo "ERROR: no wheel" >&2; exit 1; fi ;; esac
  echo "Successfully installed summarizer"; exit 0
fi
if [ "$1" = "-m" ] && [ "$2" = "summarizer.engines" ]; then
  if [ "$3" = "--prebuilt" ]; then
    [ -z "$FAKE_UNSUPPORTED" ] && exit 0; echo "$FAKE_UNSUPPORTED" >&2; exit 1
  fi
  if [ "$3" = "--server" ]; then
    if [ "$FAKE_SERVER" = bad ]; then echo "SUMMARIZER_LLAMA_SERVER=x is not an executable" >&2; exit 2; fi
    [ -n "$FAKE_SERVER" ] && exit 0; exit 1
  fi
  if [ -n "$FAKE_ENGINE_ERROR" ]; then echo "$FAKE_ENGINE_ERROR" >&2; exit 2; fi
  echo "$FAKE_ENGINE"; exit 0
fi
exec {sys.executable} "$@"
"""
LACKS = "this CPU lacks avx2, which the prebuilt xllamacpp needs"

# CMake says what llama.cpp's does from an sdist; the build makes the binary, or fails if told to.
FAKE_CMAKE = """#!/bin/sh
echo "fatal: not a git repository (or any of the parent directories): .git" >&2
echo "fatal: not a git repository (or any of the parent directories): .git" >&2
echo "CMake Warning at common/CMakeLists.txt:32 (message):" >&2
echo "-- Configuring done"
if [ "$1" = "--build" ]; then
  if [ -n "$FAIL_BUILD" ]; then echo "error: server.cpp: compilation failed" >&2; exit 2; fi
  mkdir -p "$2/bin" && printf '#!/bin/sh\\n' > "$2/bin/llama-server" && chmod +x "$2/bin/llama-server"
fi
"""


def _setup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run the script with the stand-ins and an assembled, stamped model; returns it and the build cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    model = weights.model_path()
    model.parent.mkdir(parents=True)
    with model.open("wb") as f:
        f.truncate(weights.MODEL_SIZE)  # sparse, and vouched for by its stamp: nothing is hashed
    st = model.stat()
    stamp = model.with_name(model.name + ".sha256")
    stamp.write_text(f"{weights.MODEL_SHA256} {st.st_size} {st.st_mtime_ns}\n", encoding="ascii")

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("python", FAKE_PYTHON), ("cmake", FAKE_CMAKE)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    build = tmp_path / "build"
    vendored = tmp_path / VERSION / "vendor" / "llama.cpp"
    vendored.mkdir(parents=True)
    (vendored / "CMakeLists.txt").write_text("project(llama.cpp)\n")
    (build / "sdist").mkdir(parents=True)
    with tarfile.open(build / "sdist" / f"{VERSION}.tar.gz", "w:gz") as tar:
        tar.add(tmp_path / VERSION, arcname=VERSION)

    run_env = {
        **os.environ,
        "FAKE_ENGINE": "xllamacpp",
        "FAKE_ENGINE_ERROR": "",
        "FAKE_UNSUPPORTED": "",
        "FAKE_NO_WHEEL": "",
        "FAKE_SERVER": "",
        "PIP_LOG": str(tmp_path / "pip.log"),
        "SUMMARIZER_LOCAL_ENGINE": "",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "SUMMARIZER_BUILD_CACHE": str(build),
        **env,
    }
    done = subprocess.run(
        ["bash", str(SCRIPT), str(bin_dir / "python")],
        capture_output=True,
        text=True,
        env=run_env,
        timeout=120,
    )
    return done, build


def test_the_default_installs_the_prebuilt_engine_from_a_wheel_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done, build = _setup(tmp_path, monkeypatch)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    installed = (tmp_path / "pip.log").read_text().splitlines()
    assert installed[0].endswith(f"{ROOT}[local]")
    assert "--only-binary=xllamacpp" in installed[1] and installed[1].endswith(f"{ROOT}[xllamacpp]")
    assert f"model ready: {weights.model_path()} (engine: xllamacpp)" in done.stderr
    assert not (build / "build.log").exists() and not (build / "llama.cpp").exists()


def test_where_the_cpu_cannot_run_the_prebuilt_engine_llama_server_is_built_with_its_noise_in_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done, build = _setup(tmp_path, monkeypatch, FAKE_UNSUPPORTED=LACKS, FAKE_ENGINE="llama-server")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert f"{LACKS}: llama-server will be built" in done.stderr
    assert "xllamacpp" not in (tmp_path / "pip.log").read_text()  # no 100 MB it cannot use
    assert f"model ready: {weights.model_path()}" in done.stderr
    assert "fatal:" not in done.stderr and "CMake Warning" not in done.stderr
    log = (build / "build.log").read_text()
    assert "fatal: not a git repository" in log and "CMake Warning" in log
    assert f"in {build / 'build.log'}" in done.stderr  # the one line that says where the build's words went
    assert (build / "llama.cpp" / "build" / "bin" / "llama-server").is_file()


def test_where_no_prebuilt_wheel_installs_llama_server_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done, build = _setup(tmp_path, monkeypatch, FAKE_NO_WHEEL="1", FAKE_ENGINE="llama-server")
    assert done.returncode == 0, done.stderr
    assert "the prebuilt engine did not install from a wheel here: llama-server will be built" in done.stderr
    assert "uninstall -q -y xllamacpp" in (tmp_path / "pip.log").read_text()  # nothing half-installed stays
    assert (build / "llama.cpp" / "build" / "bin" / "llama-server").is_file()


def test_a_failed_build_shows_the_end_of_its_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"SUMMARIZER_LOCAL_ENGINE": "llama-server", "FAKE_ENGINE": "llama-server", "FAIL_BUILD": "1"}
    done, build = _setup(tmp_path, monkeypatch, **env)
    assert done.returncode != 0 and done.stdout == ""
    assert f"the llama-server build failed; the end of {build / 'build.log'}:" in done.stderr
    assert "error: server.cpp: compilation failed" in done.stderr
    assert "model ready" not in done.stderr


def test_llama_server_when_asked_installs_no_engine_wheel_and_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done, build = _setup(
        tmp_path, monkeypatch, SUMMARIZER_LOCAL_ENGINE="llama-server", FAKE_ENGINE="llama-server"
    )
    assert done.returncode == 0, done.stderr
    installed = (tmp_path / "pip.log").read_text()
    assert f"{ROOT}[local]" in installed and "xllamacpp" not in installed
    assert (build / "llama.cpp" / "build" / "bin" / "llama-server").is_file()


def test_an_installed_llama_server_is_not_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"SUMMARIZER_LOCAL_ENGINE": "llama-server", "FAKE_ENGINE": "llama-server", "FAKE_SERVER": "1"}
    done, build = _setup(tmp_path, monkeypatch, **env)
    assert done.returncode == 0, done.stderr
    assert "building" not in done.stderr and not (build / "llama.cpp").exists()


def test_the_prebuilt_engine_when_asked_installs_its_extra_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done, build = _setup(tmp_path, monkeypatch, SUMMARIZER_LOCAL_ENGINE="xllamacpp")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert f"{ROOT}[local,xllamacpp]" in (tmp_path / "pip.log").read_text()
    assert f"model ready: {weights.model_path()} (engine: xllamacpp)" in done.stderr
    assert "building" not in done.stderr
    assert not (build / "build.log").exists() and not (build / "llama.cpp").exists()


def test_a_cpu_that_cannot_run_the_prebuilt_engine_stops_the_setup_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = "SUMMARIZER_LOCAL_ENGINE=xllamacpp, but this CPU lacks avx2"
    done, build = _setup(tmp_path, monkeypatch, SUMMARIZER_LOCAL_ENGINE="xllamacpp", FAKE_ENGINE_ERROR=reason)
    assert done.returncode != 0 and done.stdout == ""
    assert reason in done.stderr
    assert "model ready" not in done.stderr and not (build / "llama.cpp").exists()


def test_a_llama_server_named_that_cannot_run_stops_the_setup_before_any_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"SUMMARIZER_LOCAL_ENGINE": "llama-server", "FAKE_ENGINE": "llama-server", "FAKE_SERVER": "bad"}
    done, build = _setup(tmp_path, monkeypatch, **env)
    assert done.returncode != 0 and "is not an executable" in done.stderr
    assert "building" not in done.stderr and not (build / "llama.cpp").exists()
