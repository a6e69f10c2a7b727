"""A minimal WebDriver client (W3C protocol over HTTP/JSON, standard library only) for Debian's chromedriver and
headless Chromium, used by scripts/browser_test.py.

chromedriver runs in its own session (setsid); Chromium and its helpers are its descendants and stay in that session,
so stop() can find and end every one of them by session id and check that none is left.
"""
import base64
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
CHROMIUM_BINARIES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]


class WebDriverError(Exception):
    """A WebDriver command failed (its error code and message) or chromedriver did not answer."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_processes(sid):
    """Pids of the processes whose session id is `sid` (field 6 of /proc/PID/stat)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()   # after "(comm)": state ppid pgrp session ...
        if len(fields) > 3 and fields[3] == str(sid):
            pids.append(int(entry))
    return pids


class Browser:
    """One chromedriver, one headless Chromium session."""

    def __init__(self, log_path, timeout=60):
        self.port = free_port()
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="dp-browser-profile.")
        self.log_path = log_path
        self.session = None
        with open(log_path, "ab") as log:
            self.driver = subprocess.Popen(
                ["chromedriver", f"--port={self.port}", "--allowed-ips=127.0.0.1"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 20
        while True:
            try:
                if self._http("GET", "/status").get("ready"):
                    break
            except (OSError, WebDriverError):
                pass
            if self.driver.poll() is not None or time.time() > deadline:
                self.stop()
                raise WebDriverError("chromedriver did not start (see its log)")
            time.sleep(0.1)
        binary = next((b for b in CHROMIUM_BINARIES if os.access(b, os.X_OK)), None)
        options = {
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={self.profile}", "--window-size=1280,800", "--lang=zh-CN",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--metrics-recording-only", "--password-store=basic",
            ],
        }
        if binary:
            options["binary"] = binary
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options, "goog:loggingPrefs": {"browser": "ALL"},
            "unhandledPromptBehavior": "ignore", "pageLoadStrategy": "normal"}}}
        try:
            self.session = self._http("POST", "/session", caps)["sessionId"]
        except Exception:
            self.stop()
            raise

    # -- transport ----------------------------------------------------------------------------------------------
    def _http(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            payload = json.dumps(body).encode() if body is not None else None
            headers = {"Content-Type": "application/json; charset=utf-8"} if payload is not None else {}
            conn.request(method, path, payload, headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        try:
            answer = json.loads(raw or b"{}")
        except ValueError as error:
            raise WebDriverError(f"{method} {path}: HTTP {response.status} without JSON") from error
        value = answer.get("value") if isinstance(answer, dict) else None
        if response.status >= 400:
            err = value if isinstance(value, dict) else {}
            message = str(err.get("message", "")).split("\n")[0]
            raise WebDriverError(f"{method} {path}: {err.get('error', response.status)}: {message}")
        return value

    def cmd(self, method, path, body=None):
        return self._http(method, f"/session/{self.session}{path}", body)

    # -- navigation and script ----------------------------------------------------------------------------------
    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        """Runs `script` as a function body (use `return`); arguments as `arguments[i]`."""
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def cdp(self, command, params=None):
        return self.cmd("POST", "/goog/cdp/execute", {"cmd": command, "params": params or {}})

    # -- elements ----------------------------------------------------------------------------------------------
    def find(self, css):
        return self.cmd("POST", "/element", {"using": "css selector", "value": css})[ELEMENT_KEY]

    def click(self, css):
        self.cmd("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css, text, clear=True):
        element = self.find(css)
        if clear:
            self.cmd("POST", f"/element/{element}/clear", {})
        if text:
            self.cmd("POST", f"/element/{element}/value", {"text": text})

    def text(self, css):
        return self.cmd("GET", f"/element/{self.find(css)}/text")

    # -- dialogs ----------------------------------------------------------------------------------------------
    def alert_text(self):
        return self.cmd("GET", "/alert/text")

    def accept_alert(self):
        self.cmd("POST", "/alert/accept", {})

    # -- viewport and pictures ----------------------------------------------------------------------------------
    def viewport(self, width, height, mobile=False):
        """Exact CSS viewport (headless window sizes include no chrome, but this does not depend on it)."""
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))

    def full_page_screenshot(self, path):
        size = self.js("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shot = self.cdp("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def console_log(self):
        """Chromium's console entries since the last call ([] when chromedriver does not offer them)."""
        try:
            return self.cmd("POST", "/se/log", {"type": "browser"}) or []
        except WebDriverError:
            return []

    # -- shutdown -------------------------------------------------------------------------------------------------
    def stop(self):
        """Ends the session, chromedriver and every process of its session: (pids signalled, pids still alive)."""
        if self.session:
            try:
                self._http("DELETE", f"/session/{self.session}")
            except (OSError, WebDriverError):
                pass
            self.session = None
        sid = self.driver.pid
        if self.driver.poll() is None:
            self.driver.terminate()
            try:
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
                self.driver.wait(5)
        # Chromium quits with its session; anything of chromedriver's session still there gets TERM, then KILL.
        killed = []
        for sig, grace in ((None, 5), (signal.SIGTERM, 3), (signal.SIGKILL, 2)):
            left = session_processes(sid)
            if sig is not None:
                for pid in left:
                    try:
                        os.kill(pid, sig)
                        killed.append(pid)
                    except ProcessLookupError:
                        pass
            deadline = time.time() + grace
            while session_processes(sid) and time.time() < deadline:
                time.sleep(0.1)
            if not session_processes(sid):
                break
        shutil.rmtree(self.profile, ignore_errors=True)
        return sorted(set(killed)), session_processes(sid)
