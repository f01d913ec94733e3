"""Fixtures for the real-browser tests: a private JupyterLab server, Chromium, a page.

* ``lab``: JupyterLab on 127.0.0.1, a random free port and a random token, serving a
  COPY of ``notebooks/`` (Lab autosaves; the committed files are never opened), with
  throwaway config, data, runtime, workspaces, settings, IPython and matplotlib folders.
  The server is stopped by its own process id when the session ends.
* ``browser`` / ``page``: Debian's Chromium (``/usr/bin/chromium``) driven by Playwright.

Without Chromium or the ``playwright`` package the browser tests are skipped with a
message saying what is missing, unless ``NAM_REQUIRE_BROWSER=1`` (set by ``.ci/run``),
which turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
SCREENSHOTS = REPO / "build" / "screenshots"
TIMINGS = REPO / "build" / "browser-timings.json"
# Debian's Chromium; NAM_CHROMIUM may point elsewhere (another distribution's chromium binary).
CHROMIUM = Path(os.environ.get("NAM_CHROMIUM", "/usr/bin/chromium"))
# The flags from ../shared/notes/jupyter-recipes.md, plus --disable-dev-shm-usage
# (CI containers often have a tiny /dev/shm).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
REQUIRE_ENV = "NAM_REQUIRE_BROWSER"
SERVER_START_TIMEOUT = 90  # seconds; about 3 s on a 2-core machine
WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"

_skip_reason: list[str] = []  # shown in the terminal summary
_timings: dict[str, dict[str, float]] = {}  # lesson -> {"open": s, "run": s, "total": s}


def missing_requirements() -> list[str]:
    """What this machine lacks for the browser tests (empty when everything is there)."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} not found (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright is not installed (pip install -e '.[test]')")
    return missing


@pytest.fixture(scope="session")
def browser_requirements() -> None:
    missing = missing_requirements()
    if not missing:
        return
    message = "browser tests need Chromium and Playwright: " + "; ".join(missing)
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message} ({REQUIRE_ENV}=1: required here, so this is a failure, not a skip)", pytrace=False)
    _skip_reason.append(message)
    pytest.skip(f"{message} (set {REQUIRE_ENV}=1 to make this a failure)")


# --------------------------------------------------------------------------- the server


@dataclass
class LabServer:
    """A running JupyterLab that this test session started."""

    proc: subprocess.Popen
    port: int
    token: str
    root: Path  # the served copy of notebooks/
    log: Path
    home: Path  # the throwaway config, data, runtime, settings... folders

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The Lab URL that opens ``path`` (relative to root) in a fresh workspace."""
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET", timeout: float = 10):
        request = urllib.request.Request(
            f"{self.base}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no server log)"

    def shutdown_kernels_for(self, path: str) -> None:
        """Delete the sessions (and so the kernels) of the notebook at ``path``: keeps 2 cores free."""
        try:
            for session in self.api("/api/sessions"):
                if session.get("path") == path:
                    self.api(f"/api/sessions/{session['id']}", method="DELETE", timeout=30)
        except (urllib.error.URLError, OSError):
            pass

    def stop(self) -> None:
        """Stop the server by its own process id: SIGTERM, then SIGKILL after a timeout."""
        if self.proc.poll() is None:
            self.proc.terminate()  # jupyter_server shuts its kernels down on SIGTERM
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_environment(home: Path) -> dict[str, str]:
    """The server's (and so the kernels') environment: private folders, nothing from the user's."""
    env = os.environ.copy()
    # .ci/run exports MPLBACKEND=Agg for the headless tests; a student's kernel has none, and
    # ipykernel only picks the inline backend (figures as PNG outputs) when MPLBACKEND is unset.
    env.pop("MPLBACKEND", None)
    folders = {
        "JUPYTER_CONFIG_DIR": "config",
        # JUPYTER_DATA_DIR only replaces the user's folder: the venv's share/jupyter (python3
        # kernelspec, the prebuilt ipywidgets labextension) stays on the path; checked below.
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
    }
    for variable, name in folders.items():
        (home / name).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / name)
    settings = home / "settings"
    # The "Jupyter news" toast would cover the page; no update checks either (offline).
    _write_json(
        settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings",
        {"fetchNews": "false", "checkForUpdates": False},
    )
    # Belt and braces: the served folder is a copy anyway.
    _write_json(settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings", {"autosave": False})
    return env


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def start_lab(root: Path, home: Path) -> LabServer:
    env = lab_environment(home)
    token = secrets.token_hex(24)
    log = home / "jupyter-server.log"
    # A free port found here can in principle be taken before the server binds it (a known
    # race); port_retries=0 makes that an early exit, and we try again with a new port.
    for attempt in range(3):
        port = free_port()
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}",
            f"--IdentityProvider.token={token}",
            "--LabApp.expose_app_in_browser=True",
        ]  # fmt: skip
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with open(log, "ab") as out:
            proc = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)  # fmt: skip
        server = LabServer(proc=proc, port=port, token=token, root=root, log=log, home=home)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                server.api("/api/status", timeout=2)
                return server
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.2)  # polling a socket: there is no event to wait on
        if proc.poll() is None:
            server.stop()
            raise RuntimeError(f"no answer from /api/status in {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
        if "already in use" not in server.log_tail() or attempt == 2:
            raise RuntimeError(f"JupyterLab exited with code {proc.returncode}:\n{server.log_tail()}")
    raise AssertionError("unreachable")


def check_server_sees_kernel_and_widgets(server: LabServer) -> None:
    """The private JUPYTER_DATA_DIR must not hide the venv's kernelspec or the widgets extension."""
    specs = server.api("/api/kernelspecs")
    assert "python3" in specs.get("kernelspecs", {}), f"no python3 kernelspec: {specs}"
    request = urllib.request.Request(f"{server.base}/lab?token={server.token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        page = response.read().decode("utf-8")
    start = page.index('id="jupyter-config-data"')
    start = page.index(">", start) + 1
    config = json.loads(page[start : page.index("</script>", start)])
    names = [ext.get("name") for ext in config.get("federated_extensions", [])]
    assert WIDGETS_EXTENSION in names, f"the ipywidgets labextension is not loaded: {names}"


@pytest.fixture(scope="session")
def lab(browser_requirements, tmp_path_factory) -> LabServer:
    home = tmp_path_factory.mktemp("jupyter-home")
    root = tmp_path_factory.mktemp("served") / "notebooks"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    server = start_lab(root, home)
    try:
        check_server_sees_kernel_and_widgets(server)
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser(browser_requirements):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the session, so Lab's JavaScript is fetched and compiled once (HTTP cache)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context):
    """A fresh page; page errors and console errors are collected in ``page.nam_errors``."""
    page = browser_context.new_page()
    page.set_default_timeout(60_000)
    page.nam_errors = []
    page.on("pageerror", lambda error: page.nam_errors.append(f"page error: {error}"))
    page.on("console", lambda msg: msg.type == "error" and page.nam_errors.append(f"console: {msg.text}"))
    try:
        yield page
    finally:
        page.close()


# --------------------------------------------------------------------------- reporting


def record_timing(name: str, **seconds: float) -> None:
    _timings[name] = {key: round(value, 2) for key, value in seconds.items()}


def pytest_sessionfinish(session):
    if _timings:
        TIMINGS.parent.mkdir(parents=True, exist_ok=True)
        TIMINGS.write_text(json.dumps(_timings, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    if _skip_reason:
        terminalreporter.write_sep("-", "browser tests skipped")
        terminalreporter.write_line(_skip_reason[0])
        terminalreporter.write_line(f"(CI sets {REQUIRE_ENV}=1, which makes this a failure)")
    if _timings:
        terminalreporter.write_sep("-", "lessons in JupyterLab (seconds: open = page to idle kernel, run = run all)")
        for name, t in sorted(_timings.items()):
            warnings = f"  stderr outputs (warnings) {t['stderr']:.0f}" if t.get("stderr") else ""
            terminalreporter.write_line(
                f"{name:34s} open {t.get('open', 0):5.1f}  run {t.get('run', 0):5.1f}  total {t.get('total', 0):5.1f}"
                + warnings
            )
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS.relative_to(REPO)}/")
