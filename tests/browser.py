"""Headless Chromium driven over the DevTools protocol on a pipe: no port, no websocket, no pip package.

`--remote-debugging-pipe` makes Chromium read protocol messages from fd 3 and write them to fd 4, each
a JSON object ended by a NUL byte. That is all the driver needs: the distribution's chromium, the
standard library, and nothing that downloads a browser of its own.

Regenerate the README screenshot (with the distribution's emoji font, `apt-get install
fonts-noto-color-emoji`, or the verdicts' ✅ ⚠️ ❌ show as empty boxes):
    .venv/bin/python -m tests.browser docs/report.png
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The first Chromium on PATH, or None."""
    for name in BINARIES:
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    """Chromium answered with an error, closed the pipe, or took too long."""


class Browser:
    """One headless Chromium and one page in it."""

    def __init__(self, binary: str, *, timeout: float = 15.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="summarizer-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:
            # Chromium expects the protocol on fds 3 (in) and 4 (out) exactly. Copy both ends above 10
            # first: either pipe end may itself be fd 3 or 4, and one dup2 would clobber the other.
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(high_r, 3)  # dup2 leaves the copy inheritable, so it survives exec
            os.dup2(high_w, 4)

        args = [
            binary,
            "--headless",
            "--remote-debugging-pipe",
            # Containers (CI runs as root) have no user namespaces for the sandbox; the page is our own file.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--hide-scrollbars",
            f"--user-data-dir={self._profile.name}",
            "about:blank",
        ]
        self._proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # the pipes' ends are close-on-exec; only the fds 3 and 4 made in wire() pass
            preexec_fn=wire,  # dup2 onto fixed fd numbers needs code in the child before exec
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("no answer from Chromium in time")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise BrowserError(f"Chromium closed the pipe (exit {self._proc.poll()})")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events met meanwhile are kept in `events`."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the page."""
        return self.call(method, self._session, **params)

    def wait_for(self, event: str) -> dict[str, Any]:
        """Wait for a page event (kept or still to come)."""
        deadline = time.monotonic() + self.timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == event:
                    return self.events.pop(i)
            self.events.append(self._read(deadline))

    def viewport(self, width: int, height: int, *, mobile: bool = False) -> None:
        """Emulate a screen: a phone is `mobile`, so the page's viewport meta applies as on a phone."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """Evaluate in the page and return the value; a thrown exception fails."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression!r}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (press and release) at the middle of the element, scrolled into view."""
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        x, y = box
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def key(self, key: str, code: str, key_code: int) -> None:
        """Press and release one key in the focused element."""
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=key_code)
        if key == "Enter":
            # Enter activates a link through the keypress that follows the key down.
            self.send("Input.dispatchKeyEvent", type="char", text="\r", key=key, code=code)

    def screenshot(self, path: Path, *, full_page: bool = False) -> None:
        """A PNG of the viewport, or of the whole page."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        data = self.send("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Ask Chromium to quit, then make sure it did; only our own process is touched."""
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close")
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def main(argv: list[str]) -> int:
    """Render the seeds report (replayed from its cassette) and screenshot it for the README."""
    from typer.testing import CliRunner

    from summarizer.cli import app  # here, so importing this helper stays light

    root = Path(__file__).resolve().parents[1]
    out = Path(argv[0]) if argv else root / "docs" / "report.png"
    binary = find_chromium()
    if binary is None:
        print("no chromium on PATH", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        report_json = Path(tmp) / "report.json"
        seeds = sorted(str(p) for p in (root / "seeds").glob("*.txt"))
        args = [
            *seeds,
            "--replay",
            str(root / "cassettes" / "seeds.yaml"),
            "-f",
            "json",
            "-o",
            str(report_json),
        ]
        result = CliRunner().invoke(app, args)
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            return 1
        from summarizer.html import to_html
        from summarizer.models import Report

        page = Path(tmp) / "report.html"
        page.write_text(to_html(Report.model_validate_json(report_json.read_text())), encoding="utf-8")
        with Browser(binary) as browser:
            browser.viewport(1200, 1500)
            browser.open(page.as_uri())
            browser.click("a.cite")  # show an opened citation: the point of the page
            browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1)
            browser.js("window.scrollTo(0, 0)")
            out.parent.mkdir(parents=True, exist_ok=True)
            browser.screenshot(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
