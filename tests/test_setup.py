"""Set-up: pip and conda declare the same packages, the wheel works from anywhere, CI runs the README command."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile

import pytest
from conftest import REPO

CONDA_NAMES = {"playwright": "playwright-python"}  # PyPI name -> conda-forge name, where they differ


def normalise(requirement: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    name, spec = match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")
    return CONDA_NAMES.get(name, name), spec


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return dict(normalise(r) for r in reqs)


def conda_requirements() -> dict[str, str]:
    reqs = {}
    in_deps = False
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        item = re.match(r"^  - ([^#]+?)\s*$", line)
        if in_deps and item and not item.group(1).startswith(("pip", "python")):
            name, spec = normalise(item.group(1))
            reqs[name] = spec
    return reqs


def test_conda_and_pip_declare_the_same_packages():
    pip, conda = pyproject_requirements(), conda_requirements()
    only_pip, only_conda = set(pip.items()) - set(conda.items()), set(conda.items()) - set(pip.items())
    assert pip == conda, f"only in pyproject: {only_pip}; only in environment.yml: {only_conda}"


def test_packages_the_project_promises():
    names = set(pyproject_requirements())
    assert {"jupyterlab", "pandas", "matplotlib", "ipywidgets", "nbval"} <= names
    assert pyproject_requirements()["pandas"] == ">=3.0"


def test_environment_installs_this_package():
    assert "- -e ." in (REPO / "environment.yml").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", ci, re.M)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The wheel, and what the build printed (verbose, so that setuptools' warnings show)."""
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (path,) = out.glob("namlib-*.whl")
    return path, run.stdout + run.stderr


@pytest.fixture(scope="module")
def wheel(built):
    return built[0]


def test_wheel_ships_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "namlib/data/datapackage.json" in names
    assert "namlib/data/summits.csv" in names
    assert not any(n.startswith("data/") for n in names)


def test_wheel_ships_every_module_and_asset(wheel):
    """pyproject.toml lists the packages by hand: a new subpackage left out would be missing here."""
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "namlib"
    shipped = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    missing = sorted(str(p.relative_to(REPO)) for p in shipped if str(p.relative_to(REPO)) not in names)
    assert missing == [], f"not in the wheel (add the package to [tool.setuptools] packages): {missing}"


def test_building_the_wheel_warns_of_nothing_left_out(built):
    assert "would be ignored" not in built[1], "a data folder is not declared as a package"


def test_wheel_works_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import namlib, pathlib; "
        f"assert pathlib.Path(namlib.__file__).is_relative_to({str(target)!r}), namlib.__file__; "
        "print(len(namlib.load('summits')), namlib.validate(schema=False).ok)"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["19", "True"]


# --------------------------------------------------------------------------- the first hour: make, as root, old Pythons


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_lab_starts_jupyterlab_here_even_as_root_and_without_the_news_popup(tmp_path):
    """`make lab` as the user runs it (root in CI and in many containers): the server answers."""
    import json
    import os
    import signal
    import time
    import urllib.request

    port, token = _free_port(), "make-lab-test"
    config = tmp_path / "config"
    config.mkdir()
    server = {"ServerApp": {"port": port, "ip": "127.0.0.1", "open_browser": False, "token": token}}
    (config / "jupyter_server_config.json").write_text(json.dumps(server), encoding="utf-8")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
    }
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        ["make", "lab"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        status = None
        for _ in range(600):  # the server's own readiness endpoint, polled until it answers (at most 60 s)
            if proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1) as answer:
                    status = answer.status
                    break
            except OSError:
                time.sleep(0.1)
        assert status == 200, (tmp_path / "lab.log").read_text()[-2000:]
        url = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        with urllib.request.urlopen(url, timeout=10) as answer:
            schema = json.loads(answer.read())["schema"]["properties"]  # the project's overrides become the defaults
        assert schema["fetchNews"]["default"] == "false" and schema["checkForUpdates"]["default"] is False
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    if os.geteuid() == 0:
        assert "Running as root is not recommended" not in (tmp_path / "lab.log").read_text()


def _stub_python(path, version: str, new_enough: bool):
    """A `python` that says its version, passes or fails the version check, and makes stub venvs."""
    path.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "Python {version}"; exit 0; fi\n'
        f'if [ "$1" = "-c" ]; then exit {0 if new_enough else 1}; fi\n'
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; exit 0; fi\n'
        "exit 0\n",
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def test_make_stops_at_once_with_an_old_python_and_says_what_to_run(tmp_path):
    old = _stub_python(tmp_path / "python3.10", "3.10.12", new_enough=False)
    venv = tmp_path / "venv"
    run = subprocess.run(["make", f"VENV={venv}", f"PYTHON={old}", "install"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode != 0
    assert "needs Python 3.11 or newer" in run.stderr and "make PYTHON=python3.11" in run.stderr
    assert not venv.exists(), "no venv is left behind by the old Python"


def test_a_venv_left_by_an_older_python_is_rebuilt(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    _stub_python(venv / "bin" / "python", "3.10.12", new_enough=False)
    (venv / "left-over").write_text("from the old python", encoding="utf-8")
    new = _stub_python(tmp_path / "python3.12", "3.12.1", new_enough=True)
    run = subprocess.run(["make", f"VENV={venv}", f"PYTHON={new}", "install"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "was built by Python 3.10.12: rebuilding it" in run.stdout
    assert not (venv / "left-over").exists() and (venv / ".installed").exists()


def test_make_distclean_removes_the_venv_and_clean_does_not():
    dry = subprocess.run(["make", "-n", "clean"], cwd=REPO, capture_output=True, text=True).stdout
    assert ".venv" not in dry
    dry = subprocess.run(["make", "-n", "VENV=some-venv", "distclean"], cwd=REPO, capture_output=True, text=True).stdout
    assert "rm -rf some-venv" in dry


def test_skipped_tests_print_their_reason_in_the_summary(tmp_path):
    (tmp_path / "test_probe.py").write_text(
        "import pytest\n\n\n@pytest.mark.skip(reason='no Chromium on this machine')\ndef test_x():\n    pass\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"), "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert "SKIPPED [1]" in run.stdout and "no Chromium on this machine" in run.stdout, run.stdout[-1500:]


def test_the_readme_states_the_install_size_that_is_measured():
    import os

    total = 0
    for folder, _dirs, files in os.walk(sys.prefix):
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    measured_mb = total / 2**20
    stated = re.search(r"takes about (\d+) MB on disk", (REPO / "README.md").read_text(encoding="utf-8"))
    assert stated, "the README states the size of .venv"
    assert abs(int(stated.group(1)) - measured_mb) <= 0.2 * measured_mb, f"measured {measured_mb:.0f} MB"
