"""Opt-in: the collection on a multi-user JupyterHub (`make test-hub`; docs/hub.md explains it).

What it does, all on 127.0.0.1 with random ports:

1. serves a bare clone of this repository (its committed HEAD) over plain HTTP, standing in
   for GitHub;
2. creates two system users with private home folders (mode 700) and starts JupyterHub with
   configurable-http-proxy (from npm) and the LocalProcessSpawner: each user's server is a
   process running as that user, rooted in that user's home;
3. gives each student the lessons through an nbgitpuller link, as a teacher would;
4. runs lesson 00 in both servers at the same time through the Jupyter REST and kernel
   websocket API, and saves each run as the student's own copy;
5. checks that neither student can reach the other's files: not through the hub, not through
   their own server's API, not from Python in their own kernel (the OS refuses); that the
   lesson wrote nothing outside the student's home; and that namlib's caches are not shared.

It needs root (to create the users), git, and the hub environment that `make test-hub`
builds in build/hub/. Without NAMLIB_HUB_TEST=1 every test here is skipped, so `make test`
never runs it. A summary of the run is written to build/hub/last-run.json.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import http.cookiejar
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
HUB_DIR = REPO / "build" / "hub"
VENV = Path(os.environ.get("NAM_HUB_VENV", HUB_DIR / "venv")).resolve()
PROXY = Path(os.environ.get("NAM_HUB_PROXY", HUB_DIR / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"))
CONFIG = Path(__file__).with_name("jupyterhub_config.py")
USERS = ("namhub-ana", "namhub-ben")
TARGET = "nam-notebooks"  # the folder nbgitpuller creates in each home
LESSON = "notebooks/00-start-here.ipynb"
MY_COPY = "notebooks/00-start-here-mine.ipynb"  # "keep your own copy", as lesson 00 asks
SUMMARY: dict = {"users": {}}

pytestmark = pytest.mark.skipif(
    os.environ.get("NAMLIB_HUB_TEST") != "1", reason="opt-in multi-user check: run `make test-hub` (docs/hub.md)"
)


# --------------------------------------------------------------------------- helpers


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def request(method: str, url: str, token: str, body=None, timeout: float = 30) -> tuple[int, object]:
    """One HTTP call with a token; returns (status, JSON body or text), never raises on an HTTP error."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"token {token}"})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode(errors="replace")
    try:
        return status, json.loads(text) if text else None
    except json.JSONDecodeError:
        return status, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_in(base: str, user: str, password: str):
    """A browser-like session: the hub's login form, then cookies (JupyterHub takes no API token on its pages)."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    browser.open(f"{base}/hub/login", timeout=30).read()
    xsrf = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
    form = urlencode({"username": user, "password": password, "_xsrf": xsrf}).encode()
    with browser.open(f"{base}/hub/login", form, timeout=60) as response:
        assert response.status == 200, response.status
    return browser, jar


def first_response(url: str, jar) -> tuple[int, str]:
    """Status and Location of one GET with the session's cookies, without following redirects."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def wait_for(check, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def preconditions():
    problems = []
    if os.geteuid() != 0:
        problems.append("run as root: the check creates two system users (sudo make test-hub)")
    for path in (VENV / "bin" / "jupyterhub", VENV / "bin" / "jupyterhub-singleuser", PROXY):
        if not path.exists():
            problems.append(f"missing {path} (make test-hub installs it)")
    if not shutil.which("git"):
        problems.append("git is needed (nbgitpuller runs it as each student)")
    if shutil.which("useradd") is None:
        problems.append("useradd is needed")
    if problems:
        pytest.fail("; ".join(problems))
    # The students' servers run the hub environment's Python: every folder on its way must be
    # open to other users (a Python under /root, mode 700, would not do).
    python = Path(os.path.realpath(VENV / "bin" / "python"))
    for folder in [python, *python.parents, VENV, *VENV.parents]:
        if folder.exists() and not os.stat(folder).st_mode & 0o001:
            pytest.fail(
                f"{folder} is not open to other users; build the hub environment with HUB_PYTHON=/usr/bin/python3"
            )


@pytest.fixture(scope="module")
def students(preconditions):
    homes = {}
    for user in USERS:
        subprocess.run(["userdel", "--remove", user], capture_output=True)  # a leftover of an aborted run
        run("useradd", "--create-home", "--shell", "/usr/sbin/nologin", user)
        home = Path(pwd.getpwnam(user).pw_dir)
        os.chmod(home, 0o700)  # a private home folder, as a hub should give every student
        homes[user] = home
    yield homes
    for user in USERS:
        stop_processes_of(pwd.getpwnam(user).pw_uid)  # anything the hub left running as a test account
        subprocess.run(["userdel", "--remove", user], capture_output=True)


def stop_processes_of(uid: int) -> None:
    """Stop, by process id, the processes running as one of the two test accounts this check created."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                os.kill(int(status.parent.name), signal.SIGKILL)
        except (OSError, KeyError, ValueError):
            pass


@pytest.fixture(scope="module")
def lesson_repo(tmp_path_factory):
    """A bare clone of this repository (its committed HEAD) served over HTTP: the 'GitHub' of the test.

    nbgitpuller makes shallow clones, which need git's smart HTTP protocol: each request goes
    to ``git http-backend``, as a web server would run it.
    """
    root = tmp_path_factory.mktemp("git-server")
    branch = run("git", "-C", str(REPO), "branch", "--show-current").stdout.strip() or "main"
    run("git", "clone", "--quiet", "--bare", "--no-hardlinks", str(REPO), str(root / "nam-notebooks.git"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GitHTTPHandler, root=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/nam-notebooks.git", "branch": branch}
    server.shutdown()
    server.server_close()


class GitHTTPHandler(BaseHTTPRequestHandler):
    """Serve read-only git over HTTP by running ``git http-backend`` (a CGI program) per request."""

    def __init__(self, *args, root: str, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def do_GET(self):
        self.run_backend()

    def do_POST(self):
        self.run_backend()

    def run_backend(self):
        path, _, query = self.path.partition("?")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.root,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_PROJECT_ROOT": self.root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
            "HTTP_GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
        }
        result = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True)
        out = result.stdout  # CGI: header lines, a blank line, then the body
        ends = [(out.find(sep), sep) for sep in (b"\r\n\r\n", b"\n\n") if sep in out]
        cut, sep = min(ends) if ends else (len(out), b"")
        head, payload = out[:cut], out[cut + len(sep) :]
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hub(students, tmp_path_factory):
    state = tmp_path_factory.mktemp("hub-state")
    port, hub_port, api_port = free_ports(3)
    token = secrets.token_hex(32)
    password = secrets.token_hex(16)
    env = dict(
        os.environ,
        PATH=f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        NAM_HUB_STATE=str(state),
        NAM_HUB_PORT=str(port),
        NAM_HUB_HUB_PORT=str(hub_port),
        NAM_HUB_PROXY_API_PORT=str(api_port),
        NAM_HUB_PROXY_CMD=str(PROXY.resolve()),
        NAM_HUB_SINGLEUSER=str(VENV / "bin" / "jupyterhub-singleuser"),
        NAM_HUB_SERVICE_TOKEN=token,
        NAM_HUB_LOGIN_PASSWORD=password,
        NAM_HUB_USERS=",".join(USERS),
    )
    for key in ("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "NAMLIB_TEACHER", "MPLBACKEND"):
        env.pop(key, None)
    log = (state / "jupyterhub.log").open("w")
    started = time.monotonic()
    process = subprocess.Popen(
        [str(VENV / "bin" / "jupyterhub"), "-f", str(CONFIG)],
        cwd=state,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def up():
        if process.poll() is not None:
            raise AssertionError(f"JupyterHub exited: {tail(state / 'jupyterhub.log')}")
        try:
            return request("GET", f"{base}/hub/api/", token, timeout=2)[0] == 200
        except OSError:
            return False

    try:
        wait_for(up, 60, "JupyterHub to answer")
        SUMMARY["hub"] = {
            "url": base,
            "started_in_s": round(time.monotonic() - started, 1),
            "version": request("GET", f"{base}/hub/api/", token)[1].get("version"),
        }
        yield {"base": base, "token": token, "state": state, "password": password}
    finally:
        for user in USERS:
            try:
                request("DELETE", f"{base}/hub/api/users/{user}/server", token, timeout=10)
            except OSError:
                pass
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        proxy_pid = state / "proxy.pid"
        if proxy_pid.exists():  # the hub stops its proxy; make sure of it (only that pid)
            try:
                os.kill(int(proxy_pid.read_text().strip()), signal.SIGTERM)
            except (ProcessLookupError, ValueError):
                pass
        log.close()
        SUMMARY["hub_log_tail"] = tail(state / "jupyterhub.log", 15)
        HUB_DIR.mkdir(parents=True, exist_ok=True)
        (HUB_DIR / "last-run.json").write_text(json.dumps(SUMMARY, indent=2, default=str) + "\n", encoding="utf-8")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@pytest.fixture(scope="module")
def servers(hub):
    """Add both students to the hub, start their servers, and give each a token of their own."""
    base, token = hub["base"], hub["token"]
    tokens, started = {}, time.monotonic()
    for user in USERS:
        status, body = request("POST", f"{base}/hub/api/users/{user}", token)
        assert status in (201, 409), body
        status, body = request("POST", f"{base}/hub/api/users/{user}/server", token)
        assert status in (201, 202), body
    for user in USERS:

        def ready(user=user):
            status, body = request("GET", f"{base}/hub/api/users/{user}", token)
            assert status == 200, body
            server = (body.get("servers") or {}).get("")
            return server if server and server.get("ready") else None

        try:
            server = wait_for(ready, 120, f"{user}'s server")
        except AssertionError as error:
            raise AssertionError(f"{error}\n{tail(hub['state'] / 'jupyterhub.log')}") from None
        status, body = request(
            "POST", f"{base}/hub/api/users/{user}/tokens", token, {"note": "hub check", "expires_in": 3600}
        )
        assert status in (200, 201), body
        tokens[user] = body["token"]
        SUMMARY["users"][user] = {"server_url": server["url"]}
    SUMMARY["servers_ready_in_s"] = round(time.monotonic() - started, 1)
    return {"base": base, "tokens": tokens}


# --------------------------------------------------------------------------- running a notebook over the kernel API


async def run_notebook(base: str, user: str, token: str, path: str, extra_code: str) -> tuple[object, object, float]:
    """Run every code cell of ``path`` in a new kernel of ``user``'s server, then ``extra_code``; save the result."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    client = AsyncHTTPClient()
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
    api = f"{base}/user/{user}/api"

    async def call(method, url, body=None):
        response = await client.fetch(
            url,
            method=method,
            headers=headers,
            body=None if body is None else json.dumps(body),
            raise_error=False,
            request_timeout=60,
            allow_nonstandard_methods=True,
        )
        text = response.body.decode() if response.body else ""
        assert response.code < 300, f"{method} {url}: {response.code} {text[:500]}"
        return json.loads(text) if text else None

    model = await call("GET", f"{api}/contents/{quote(path)}?content=1")
    nb = nbformat.from_dict(model["content"])
    session = await call(
        "POST", f"{api}/sessions", {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
    )
    kernel_id, session_id = session["kernel"]["id"], uuid.uuid4().hex
    ws_url = f"{base.replace('http', 'ws', 1)}/user/{user}/api/kernels/{kernel_id}/channels?session_id={session_id}"
    ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}))

    async def execute(code: str, timeout: float = 120):
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "username": user,
            "session": session_id,
            "msg_type": "execute_request",
            "version": "5.3",
            "date": dt.datetime.now(dt.UTC).isoformat(),
        }
        content = {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        }
        await ws.write_message(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        outputs, reply, idle = [], None, False
        while reply is None or not idle:
            raw = await asyncio.wait_for(ws.read_message(), timeout)
            assert raw is not None, "the kernel websocket closed"
            if isinstance(raw, bytes):
                continue
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "execute_reply":
                reply = message["content"]
            elif kind == "status" and message["content"].get("execution_state") == "idle":
                idle = True
            elif kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(nbformat.v4.output_from_msg(message))
        return outputs, reply

    started = time.monotonic()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, reply = await execute(cell.source)
        cell.execution_count = reply.get("execution_count")
    elapsed = time.monotonic() - started
    extra, _ = await execute(extra_code)
    ws.close()
    await call("DELETE", f"{api}/sessions/{session['id']}")
    mine = str(Path(path).with_name(Path(MY_COPY).name))
    await call("PUT", f"{api}/contents/{quote(mine)}", {"type": "notebook", "format": "json", "content": nb})
    return nb, extra, elapsed


PROBE = """
import json, os, pwd
import namlib
other_home = {other_home!r}
found = {{"user": pwd.getpwuid(os.getuid()).pw_name, "cwd": os.getcwd(), "home": os.path.expanduser("~"),
          "namlib": namlib.__file__}}
for what, attempt in [("list_other_home", lambda: os.listdir(other_home)),
                      ("read_other_notebook", lambda: open(os.path.join(other_home, {lesson!r})).read())]:
    try:
        attempt()
        found[what] = "allowed"
    except PermissionError as error:
        found[what] = "PermissionError"
summits = namlib.load("summits")
summits.loc[0, "city"] = "changed by {user}"
found["city_after_changing_my_copy"] = namlib.load("summits").loc[0, "city"]
print(json.dumps(found))
"""


# --------------------------------------------------------------------------- the checks


def test_each_student_gets_the_lessons_through_an_nbgitpuller_link(hub, servers, lesson_repo, students):
    base = servers["base"]
    query = {"repo": lesson_repo["url"], "branch": lesson_repo["branch"], "targetpath": TARGET}
    for user in USERS:
        # A student logs in with a browser (cookies), then follows the link the teacher handed out
        # (docs/hub.md): the hub sends them to their own server's nbgitpuller page...
        browser, jar = log_in(base, user, hub["password"])
        link = f"{base}/hub/user-redirect/git-pull?" + urlencode({**query, "urlpath": f"lab/tree/{TARGET}/{LESSON}"})
        status, location = first_response(link, jar)
        assert status in (302, 303) and f"/user/{user}/git-pull" in unquote(location), (status, location)
        with browser.open(link, timeout=60) as page:
            assert page.status == 200 and f"/user/{user}/git-pull" in page.url, page.url
        # ...whose script then runs the pull through this API, streaming progress until it is done.
        phase, output = None, []
        with browser.open(f"{base}/user/{user}/git-pull/api?" + urlencode(query), timeout=180) as stream:
            for raw in stream:
                line = raw.decode(errors="replace").strip()
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                output.append(event.get("output", ""))
                phase = event.get("phase", phase)
                if phase in ("finished", "error"):
                    break
        assert phase == "finished", "".join(output)[-2000:]
        copy = students[user] / TARGET / LESSON
        assert copy.is_file()
        assert copy.stat().st_uid == pwd.getpwnam(user).pw_uid, "the student's copy belongs to the student"
        SUMMARY["users"][user]["pulled"] = str(copy)


def test_both_students_run_lesson_00_at_the_same_time(servers, students):
    base, tokens = servers["base"], servers["tokens"]
    SUMMARY["marker"] = time.time()
    time.sleep(1.1)  # file times below are compared with this moment

    async def both():
        jobs = []
        for user, other in zip(USERS, reversed(USERS), strict=True):
            code = PROBE.format(other_home=str(students[other]), lesson=f"{TARGET}/{LESSON}", user=user)
            jobs.append(run_notebook(base, user, tokens[user], f"{TARGET}/{LESSON}", code))
        return await asyncio.gather(*jobs)

    results = asyncio.run(both())
    for user, (nb, extra, elapsed) in zip(USERS, results, strict=True):
        errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{user}: {[(e.ename, e.evalue) for e in errors]}"
        texts = "\n".join(
            o.get("text", "") + o.get("data", {}).get("text/plain", "")
            for cell in nb.cells
            if cell.cell_type == "code"
            for o in cell.outputs
        )
        assert "(19, 13)" in texts and "Not attempted yet" in texts, "lesson 00's outputs as in the classroom"
        probe = json.loads("".join(o.get("text", "") for o in extra if o.output_type == "stream"))
        SUMMARY["users"][user].update(
            {
                "lesson_00_seconds": round(elapsed, 1),
                "code_cells": sum(c.cell_type == "code" for c in nb.cells),
                "probe": probe,
            }
        )
        assert probe["user"] == user, "the kernel runs as the student"
        assert probe["home"] == str(students[user]) and probe["cwd"].startswith(str(students[user]))
        assert probe["list_other_home"] == "PermissionError", "the OS keeps the other home closed"
        assert probe["read_other_notebook"] == "PermissionError"
        assert probe["city_after_changing_my_copy"] == "Belgrade", "namlib hands out copies; its cache stays clean"
        mine = students[user] / TARGET / MY_COPY
        assert mine.is_file() and mine.stat().st_uid == pwd.getpwnam(user).pw_uid
        saved = nbformat.read(mine, as_version=4)
        assert any(cell.get("outputs") for cell in saved.cells if cell.cell_type == "code")


def test_a_student_cannot_reach_the_other_students_files_through_the_hub(servers):
    base, tokens = servers["base"], servers["tokens"]
    denied = {}
    for user, other in zip(USERS, reversed(USERS), strict=True):
        token = tokens[user]
        checks = {
            "other server's files": request("GET", f"{base}/user/{other}/api/contents/{TARGET}", token)[0],
            "other server's kernels": request("GET", f"{base}/user/{other}/api/kernels", token)[0],
            "other user on the hub API": request("GET", f"{base}/hub/api/users/{other}", token)[0],
            "own server, path up and out": request("GET", f"{base}/user/{user}/api/contents/..%2F{other}", token)[0],
        }
        denied[user] = checks
        own = request("GET", f"{base}/user/{user}/api/contents/{TARGET}/notebooks", token)
        assert own[0] == 200 and Path(MY_COPY).name in {item["name"] for item in own[1]["content"]}
        for what, status in checks.items():
            assert status in (400, 403, 404), f"{user}: {what} answered {status}"
    SUMMARY["denied"] = denied


def test_the_lesson_wrote_only_in_the_students_own_folder(servers, students):
    marker = SUMMARY["marker"]
    namlib_dir = Path(SUMMARY["users"][USERS[0]]["probe"]["namlib"]).parent
    outside = [Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), REPO / "data", REPO / "notebooks", namlib_dir]
    for user in USERS:
        home, uid = students[user], pwd.getpwnam(user).pw_uid
        written = sorted(
            str(path.relative_to(home))
            for path in home.rglob("*")
            if path.is_file() and path.stat().st_mtime > marker and ".git" not in path.parts
        )
        SUMMARY["users"][user]["files_written_after_start"] = written
        elsewhere = [str(p) for folder in outside if folder.exists() for p in folder.rglob("*") if _owned_by(p, uid)]
        assert not elsewhere, f"{user} wrote outside their home: {elsewhere}"
    # The shared installation (the package and its data) is read-only for students.
    shared = [p for folder in (REPO / "data", namlib_dir) for p in [folder, *folder.rglob("*")]]
    open_to_all = [str(p) for p in shared if p.stat().st_mode & 0o002]
    assert not open_to_all, f"world-writable files in the shared installation: {open_to_all}"


def _owned_by(path: Path, uid: int) -> bool:
    try:
        return path.lstat().st_uid == uid
    except OSError:
        return False
