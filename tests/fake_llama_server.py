"""A stand-in for llama-server: takes its flags, answers /health, and can fail or ignore SIGTERM on request.

    python tests/fake_llama_server.py [--health-delay S] [--fail MSG] [--ignore-sigterm] [--pid-file F] \
        -m MODEL --host 127.0.0.1 --port PORT ...
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--health-delay", type=float, default=0.0, help="answer 503 for this many seconds")
    parser.add_argument("--fail", default=None, help="print this to stderr and exit 1 at once")
    parser.add_argument("--ignore-sigterm", action="store_true", help="so only SIGKILL stops it")
    parser.add_argument("--pid-file", default=None, help="write our pid here once started")
    # Every other llama-server flag (-m, -c, -np, -t, --alias …) is accepted and ignored.
    args, _ = parser.parse_known_args()

    if args.pid_file:
        Path(args.pid_file).write_text(str(os.getpid()))
    print("fake llama-server starting", flush=True)
    if args.fail is not None:
        print(args.fail, file=sys.stderr, flush=True)
        return 1
    if args.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)

    ready_at = time.monotonic() + args.health_delay

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/health":
                self.send_error(404)
                return
            ok = time.monotonic() >= ready_at
            body = b'{"status":"ok"}' if ok else b'{"error":{"code":503,"message":"Loading model"}}'
            self.send_response(200 if ok else 503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer((args.host, args.port), Handler)
    print(f"listening on http://{args.host}:{args.port}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
