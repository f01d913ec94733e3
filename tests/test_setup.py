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
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (path,) = out.glob("namlib-*.whl")
    return path


def test_wheel_ships_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "namlib/data/datapackage.json" in names
    assert "namlib/data/summits.csv" in names
    assert not any(n.startswith("data/") for n in names)


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
