#!/usr/bin/env bash
# Re-record every cassette from the real local model served on 127.0.0.1 (CI never runs this).
#
#   bash scripts/record.sh [seeds|single|hostile|baseline|basil|judge|summedits]   # default: all of them
#
# It installs the local model and builds llama-server if needed (scripts/setup-local.sh), serves the
# model with `summarizer serve` on a free loopback port, records each cassette with one run of the
# CLI, and stops the server by its pid however the script ends.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
cd "$here"

bash scripts/setup-local.sh "$python"

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" -m summarizer serve --port "$port" > /tmp/summarizer-serve.log 2>&1 &
pid=$!
# TERM, not INT: a background job of a script ignores SIGINT; `summarizer` turns TERM into a clean stop.
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat /tmp/summarizer-serve.log >&2; exit 1; }
  sleep 1
done
export SUMMARIZER_BASE_URL="http://127.0.0.1:$port/v1"

# Runs record with --no-repair --no-restate: the bundled model served by URL runs as it does on the local
# backend. The seeds and the single article keep --restate: they are the recordings of that step.
record() {  # record NAME COMMAND...: one CLI run, its traffic to cassettes/NAME.yaml
  local name=$1; shift
  echo "recording cassettes/$name.yaml…" >&2
  "$python" -m summarizer "$@" --record "cassettes/$name.yaml" -f json -o "/tmp/summarizer-$name.json" || true
}
want() { [ "${1:-all}" = all ] || [ "$1" = "$2" ]; }
only=${1:-all}
want "$only" seeds && record seeds run --no-repair --restate seeds/*.txt
want "$only" single && record single run --no-repair --restate seeds/000_311b8b04ab76fc5e.txt
want "$only" hostile && record hostile run --no-repair --no-restate tests/data/hostile.txt
want "$only" baseline && record baseline baseline seeds/*.txt
want "$only" basil && "$python" benchmarks/basil_runs.py --record
want "$only" judge && "$python" benchmarks/judge.py --base-url "$SUMMARIZER_BASE_URL" --record cassettes/judge_probe.yaml
summedits=${SUMMEDITS:-$here/../shared/datasets/summedits/summedits_news_dev.json}
want "$only" summedits && "$python" benchmarks/summedits.py --data "$summedits" \
  --base-url "$SUMMARIZER_BASE_URL" --record cassettes/summedits.yaml
echo "done" >&2
