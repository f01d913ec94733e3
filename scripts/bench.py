"""Measure the speed budget on this machine and write docs/benchmarks.md.

Usage (from the repository root; ``make bench`` runs it with the project's venv):

    python scripts/bench.py                    # (a)-(d), including a full `make test`
    python scripts/bench.py --skip-make-test   # quick: without (d)
    python scripts/bench.py --fresh-install    # also time a new user's venv + pip install
    python scripts/bench.py --date 2026-11-22 --strict
    make bench BENCH_ARGS=--skip-make-test

In one run it measures

(a) the floor: a fresh kernel, started by nbclient the way lessons are run, that imports
    pandas, matplotlib.pyplot, ipywidgets and namlib and shuts down (median of 3), and
    what one more code cell that does nothing costs (the kernel's messages);
(b) each lesson notebooks/NN-*.ipynb executed headless by nbclient in a fresh kernel (median of 3),
    its ratio to the floor, and where the time above the floor goes (figure cells, the
    kernel's per-cell messages, the rest);
(c) ``import namlib`` and loading every table: cold (a new Python process, median of 3)
    and warm (in this process, after a first load; median of 5);
(d) the full ``make test`` (lint, validation, unit tests, doctests, nbval, browser tests);
    when that run includes the browser tests, their per-lesson times are shown too.

Budgets (issue 7; issue 17 tightened the lessons' from 2x): each lesson within 1.5x the
floor; all lessons together under 60 s; all tables loaded warm under 0.2 s; ``make test``
under 10 minutes. It prints a table,
flags what is over budget, and writes docs/benchmarks.md (documentation, so it carries
the date). ``--strict`` exits with 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
OUTPUT = REPO / "docs" / "benchmarks.md"
MAKE_TEST_LOG = REPO / "build" / "bench-make-test.log"
BROWSER_TIMINGS = REPO / "build" / "browser-timings.json"
KERNEL_LOG = REPO / "build" / "bench-kernels.log"

LESSON_FACTOR = 1.5  # each lesson within 1.5x the floor (issue 17; 2x before)
ALL_LESSONS_S = 60.0
TABLES_WARM_S = 0.2
MAKE_TEST_S = 600.0
GRADE_S = 180.0  # thirty submissions of one lesson (issue 16)
GRADE_CLASS = 30
FLOOR_CODE = "import pandas\nimport matplotlib.pyplot\nimport ipywidgets\nimport namlib"
INLINE = "module://matplotlib_inline.backend_inline"

COLD_CODE = """
import json, time
t0 = time.perf_counter()
import namlib
t1 = time.perf_counter()
frames = [namlib.load(name) for name in namlib.table_names()]
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "tables": len(frames), "rows": sum(map(len, frames))}))
"""


# --------------------------------------------------------------------------- measuring


def run_notebook(nb, path: Path, timeout: int = 300) -> float:
    """Execute ``nb`` (in memory) in a fresh kernel, as scripts/notebooks.py does; return seconds."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, kernel_name="python3", timeout=timeout, record_timing=True, resources={"metadata": {"path": str(path)}}
    )
    started = time.perf_counter()
    with open(KERNEL_LOG, "a", encoding="utf-8") as log:  # the kernels' own warnings, not the table
        client.execute(stderr=log)
    return time.perf_counter() - started


def measure_floor(repeat: int = 3) -> list[float]:
    import nbformat

    times = []
    for _ in range(repeat):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CODE)])
        times.append(run_notebook(nb, NOTEBOOKS))
    return times


def measure_round_trip(floor_s: float, cells: int = 60) -> float:
    """Seconds one more code cell costs in a kernel when it does nothing: the kernel's own
    messages (request, busy, input, reply, idle). A lesson pays it once per code cell."""
    import nbformat

    code = [FLOOR_CODE] + ["pass"] * cells
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in code])
    return max(0.0, (run_notebook(nb, NOTEBOOKS) - floor_s) / cells)


def _stamp(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _cell_seconds(cell) -> float | None:
    """How long a code cell ran, from nbclient's timing metadata; None when it was not timed."""
    timing = cell.get("metadata", {}).get("execution", {})
    if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
        return (_stamp(timing["shell.execute_reply"]) - _stamp(timing["iopub.execute_input"])).total_seconds()
    return None


def slowest_cell(nb) -> tuple[int, float, str] | None:
    """(index, seconds, first code line) of the slowest code cell, from nbclient's timing metadata."""
    best = None
    for index, cell in enumerate(nb.cells):
        seconds = _cell_seconds(cell)
        if seconds is not None:
            if best is None or seconds > best[1]:
                code = [line for line in cell.source.splitlines() if line.strip() and not line.startswith(("#", "%"))]
                best = (index, seconds, (code[0] if code else cell.source.strip())[:48])
    return best


def draws_a_figure(cell) -> bool:
    """A code cell that shows a picture: a figure (its PNG) or an explorer (which draws one)."""
    shown = any("image/png" in output.get("data", {}) for output in cell.get("outputs", []))
    return shown or "namlib.widgets." in cell.get("source", "")


def time_parts(nb) -> dict:
    """How many code cells a run lesson has, and the seconds spent in those that draw figures."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    return {"cells": len(code), "figures": sum(_cell_seconds(c) or 0.0 for c in code if draws_a_figure(c))}


def measure_lessons(repeat: int = 3) -> list[dict]:
    """Each lesson ``repeat`` times in a fresh kernel; the median, like the floor (kernel start-up varies)."""
    import nbformat

    results = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        row = {"lesson": path.stem, "seconds": None, "slowest": None, "error": None}
        try:
            times = []
            for _ in range(repeat):
                nb = nbformat.read(path, as_version=4)
                times.append(run_notebook(nb, path.parent))
            row["seconds"] = statistics.median(times)
            row["slowest"] = slowest_cell(nb)
            row.update(time_parts(nb))
        except Exception as error:  # a failing lesson is reported, the others still measured
            row["error"] = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:200] if str(error) else ''}"
        results.append(row)
        shown = f"{row['seconds']:.1f} s" if row["seconds"] is not None else f"FAILED ({row['error']})"
        print(f"  {path.stem}: {shown}", flush=True)
    return results


def measure_tables(env: dict[str, str], repeat_cold: int = 3, repeat_warm: int = 5) -> dict:
    cold = []
    for _ in range(repeat_cold):
        out = subprocess.run([sys.executable, "-c", COLD_CODE], capture_output=True, text=True, env=env, cwd=REPO)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        cold.append(json.loads(out.stdout.strip().splitlines()[-1]))
    import namlib

    names = namlib.table_names()
    for name in names:  # warm-up: the first load in this process
        namlib.load(name)
    warm = []
    for _ in range(repeat_warm):
        started = time.perf_counter()
        for name in names:
            namlib.load(name)
        warm.append(time.perf_counter() - started)
    return {
        "tables": cold[0]["tables"],
        "rows": cold[0]["rows"],
        "import_cold": statistics.median(c["import"] for c in cold),
        "load_cold": statistics.median(c["load"] for c in cold),
        "load_warm": statistics.median(warm),
    }


def measure_grading(env: dict[str, str], students: int = GRADE_CLASS) -> dict:
    """(e) ``python -m namlib grade`` on a class of lesson 03: a third complete, a third
    untouched, a third with a recorded wrong answer."""
    import tempfile

    sys.path.insert(0, str(REPO))
    from namlib.exercises.solutions import read_notebook, solution_notebook, with_answers, write_notebook

    lesson = NOTEBOOKS / "03-how-nam-works.ipynb"
    starter = read_notebook(lesson)
    complete = solution_notebook(starter, name=lesson.name)
    wrong = with_answers(starter, {"03.2": "answer = 137"})
    with tempfile.TemporaryDirectory() as room:
        for n in range(students):
            write_notebook([complete, starter, wrong][n % 3], Path(room) / f"student-{n:02d}.ipynb")
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "namlib", "grade", room, "--out", str(Path(room) / "out")],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "returncode": run.returncode,
        "students": students,
        "summary": (run.stdout.strip().splitlines() or [""])[-1],
    }


def measure_make_test(env: dict[str, str]) -> dict:
    MAKE_TEST_LOG.parent.mkdir(parents=True, exist_ok=True)
    started_wall = time.time()
    started = time.perf_counter()
    with open(MAKE_TEST_LOG, "w", encoding="utf-8") as log:
        code = subprocess.run(["make", "test"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    seconds = time.perf_counter() - started
    text = MAKE_TEST_LOG.read_text(encoding="utf-8", errors="replace")
    summaries = re.findall(r"^=+ (.+ in [\d.]+s.*?) =+$", text, re.M)
    browser = None
    if BROWSER_TIMINGS.exists() and BROWSER_TIMINGS.stat().st_mtime >= started_wall:
        browser = json.loads(BROWSER_TIMINGS.read_text(encoding="utf-8"))
    # make test runs pytest twice (the suite, then the nbgrader round trip): show both lines
    summary = "; ".join(summaries) if summaries else None
    return {"seconds": seconds, "returncode": code, "summary": summary, "browser": browser}


def measure_fresh_install(env: dict[str, str]) -> dict:
    """A new user's install: a new venv and ``pip install .[lab,test]`` (pip's cache helps, if any)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nam-bench-venv-") as tmp:
        venv = Path(tmp) / "venv"
        started = time.perf_counter()
        steps = [
            ["python3", "-m", "venv", str(venv)],
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", f"{REPO}[lab,test]"],
        ]
        code = 0
        for step in steps:
            code = subprocess.run(step, cwd=tmp, env=env, capture_output=True, text=True).returncode
            if code:
                break
        return {"seconds": time.perf_counter() - started, "returncode": code}


# --------------------------------------------------------------------------- describing the machine


def _first(path: str, pattern: str) -> str | None:
    try:
        match = re.search(pattern, Path(path).read_text(encoding="utf-8", errors="replace"), re.M)
    except OSError:
        return None
    return match.group(1).strip() if match else None


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    mem_kb = _first("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return {
        "CPU": _first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor() or "unknown",
        "cores (nproc)": str(cpus),
        "memory": f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb else "unknown",
        "system": _first("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)') or platform.platform(),
        "load average at start (1, 5, 15 min)": load,
        "Python": platform.python_version(),
        "packages": ", ".join(
            f"{name} {_version(name)}"
            for name in ("pandas", "matplotlib", "ipywidgets", "ipykernel", "nbclient", "jupyterlab", "playwright")
        ),
    }


# --------------------------------------------------------------------------- reporting


def fmt(seconds: float | None, digits: int = 1) -> str:
    return "n/a" if seconds is None else f"{seconds:.{digits}f}"


def build_report(
    date: str, info: dict, floor: list[float], lessons: list[dict], tables: dict, make: dict | None,
    install: dict | None = None, grade: dict | None = None, round_trip: float | None = None,
):  # fmt: skip
    floor_s = statistics.median(floor)
    limit = LESSON_FACTOR * floor_s
    ran = [row for row in lessons if row["seconds"] is not None]
    total = sum(row["seconds"] for row in ran)
    browser = (make or {}).get("browser") or {}
    misses = []

    lesson_rows = []
    for row in lessons:
        if row["seconds"] is None:
            verdict = f"FAILED: {row['error']}"
            misses.append(f"{row['lesson']} failed to run")
        elif row["seconds"] > limit:
            verdict = f"OVER (> {LESSON_FACTOR:g}x floor)"
            misses.append(f"{row['lesson']}: {row['seconds']:.1f} s is {row['seconds'] / floor_s:.1f}x the floor")
        else:
            verdict = "ok"
        slow = row["slowest"]
        lesson_rows.append(
            [
                row["lesson"],
                fmt(row["seconds"]),
                "n/a" if row["seconds"] is None else f"{row['seconds'] / floor_s:.2f}",
                *_parts(row, floor_s, round_trip),
                f"{slow[1]:.2f} s, cell {slow[0]}: `{slow[2]}`" if slow else "n/a",
                fmt(browser[row["lesson"]]["total"]) if row["lesson"] in browser else "not measured",
                verdict,
            ]
        )
    total_ok = total < ALL_LESSONS_S and len(ran) == len(lessons)
    if not total_ok:
        misses.append(f"all lessons together: {total:.1f} s (budget {ALL_LESSONS_S:.0f} s)")
    warm_ok = tables["load_warm"] < TABLES_WARM_S
    if not warm_ok:
        misses.append(f"tables warm: {tables['load_warm']:.3f} s (budget {TABLES_WARM_S} s)")
    if make is not None:
        make_cell = f"{make['seconds']:.0f} s (pytest: {make['summary'] or 'no summary line'})"
        if make["returncode"] != 0:
            make_verdict = f"FAILED (exit {make['returncode']}, see {MAKE_TEST_LOG.relative_to(REPO)})"
            misses.append(f"make test failed (exit {make['returncode']}); its time was {make['seconds']:.0f} s")
        elif make["seconds"] >= MAKE_TEST_S:
            make_verdict = "OVER"
            misses.append(f"make test: {make['seconds']:.0f} s")
        else:
            make_verdict = "ok"
    else:
        make_cell, make_verdict = "not measured (--skip-make-test)", "n/a"
    if install is not None and make is not None:
        new_user = install["seconds"] + make["seconds"]
        install_cell = f"{install['seconds']:.0f} s (exit {install['returncode']}); with make test: {new_user:.0f} s"
        install_verdict = "ok" if install["returncode"] == 0 and new_user < MAKE_TEST_S else "OVER or FAILED"
        if install_verdict != "ok":
            misses.append(f"a new user's install + make test: {new_user:.0f} s, install exit {install['returncode']}")
    elif install is not None:
        install_cell, install_verdict = f"{install['seconds']:.0f} s (exit {install['returncode']})", "n/a"
    else:
        install_cell, install_verdict = "not measured (use --fresh-install)", "n/a"

    if grade is not None:
        grade_cell = f"{grade['seconds']:.0f} s for {grade['students']} notebooks ({grade['summary']})"
        grade_verdict = "ok (< 3 min)" if grade["returncode"] == 0 and grade["seconds"] < GRADE_S else "OVER or FAILED"
        if grade_verdict.startswith("OVER"):
            misses.append(
                f"grading {grade['students']} notebooks: {grade['seconds']:.0f} s, exit {grade['returncode']}"
            )
    else:
        grade_cell, grade_verdict = "not measured (--skip-grading)", "n/a"

    headers = ["lesson", "headless (s)", "x floor", "code cells", "figure cells (s)", "kernel messages (s)",
               "rest above floor (s)", "slowest cell", "in JupyterLab (s)", "budget"]  # fmt: skip
    summary_rows = [
        ["(a) floor: fresh kernel importing pandas, matplotlib, ipywidgets, namlib",
         f"{floor_s:.2f} s (median of {', '.join(f'{x:.2f}' for x in floor)})", "reference"],
        ["(a) one more code cell that does nothing (the kernel's messages)",
         "not measured" if round_trip is None else f"{round_trip * 1000:.1f} ms", ""],
        ["(b) all lessons headless, total", f"{total:.1f} s for {len(ran)} of {len(lessons)} lessons",
         f"{'ok' if total_ok else 'OVER'} (< {ALL_LESSONS_S:.0f} s)"],
        ["(c) import namlib, cold (new process)", f"{tables['import_cold']:.3f} s", ""],
        [f"(c) load all {tables['tables']} tables ({tables['rows']} rows), cold", f"{tables['load_cold']:.3f} s", ""],
        [f"(c) load all {tables['tables']} tables, warm", f"{tables['load_warm']:.4f} s",
         f"{'ok' if warm_ok else 'OVER'} (< {TABLES_WARM_S} s)"],
        ["(d) make test (no installs)", make_cell, f"{make_verdict} (< {MAKE_TEST_S / 60:.0f} min)"],
        ["(d) a new user: new venv + pip install .[lab,test], then make test", install_cell,
         f"{install_verdict} (< {MAKE_TEST_S / 60:.0f} min)"],
        [f"(e) python -m namlib grade: {GRADE_CLASS} notebooks of lesson 03", grade_cell, grade_verdict],
    ]  # fmt: skip
    return headers, lesson_rows, summary_rows, misses, floor_s


def _parts(row: dict, floor_s: float, round_trip: float | None) -> list[str]:
    """Where a lesson's time above the floor goes: figure cells, the kernel's per-cell messages, the rest."""
    if row["seconds"] is None or "cells" not in row:
        return ["n/a"] * 4
    messages = row["cells"] * round_trip if round_trip is not None else None
    rest = row["seconds"] - floor_s - row["figures"] - (messages or 0.0)
    return [str(row["cells"]), f"{row['figures']:.2f}", fmt(messages, 2), f"{rest:.2f}"]


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False))  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def md_table(headers: list[str], rows: list[list[str]]) -> str:
    esc = lambda s: str(s).replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def markdown(date: str, info: dict, headers, lesson_rows, summary_rows, misses, floor_s) -> str:
    verdict = "All budgets met." if not misses else "Over budget:\n\n" + "\n".join(f"- {m}" for m in misses)
    return f"""# Benchmarks

Generated by `make bench` (`scripts/bench.py`) on {date}. One run on the machine below;
numbers move by 10-20 % between runs and more when the machine is busy (see the load
average). Re-run it after changing a lesson or `namlib`, and commit the new file.

## Machine

{md_table(["", ""], [[k, v] for k, v in info.items()])}

## Budgets (issue 7)

{md_table(["measure", "result", "budget"], summary_rows)}

{verdict}

## Lessons

"headless" is `nbclient` executing the lesson in a fresh kernel (start, all cells,
shutdown), as `scripts/notebooks.py run` and nbval do; "x floor" divides it by (a),
{floor_s:.2f} s, and the budget is {LESSON_FACTOR:g}x. The next four columns say where the time
above the floor goes: "figure cells" is the time of the cells that draw a figure or an
explorer (the first one also imports matplotlib, which the floor counts too);
"kernel messages" is the number of code cells times (a)'s cost of a cell that does
nothing; "rest" is what is left (tables shown, exercise cards, pandas, less that import;
it also carries the run-to-run noise, so it can be below zero). "slowest cell" is the code cell that
took longest (index counts all cells from 0). "in JupyterLab" is the browser test (open
the lesson in Chromium, run all cells, check and use its widgets, screenshot) from the
`make test` run above, "not measured" when that run was skipped.

{md_table(headers, lesson_rows)}

## How to read and keep these numbers

- When a lesson is over {LESSON_FACTOR:g}x the floor, make it faster rather than the budget looser:
  precompute in `namlib`, draw fewer figures, redraw explorers in place.
- The floor is the price of a fresh kernel plus the imports every lesson needs; a
  lesson's own work is its time minus the floor.
- `make test` here runs on an installed `.venv`. A new user's first `make test` also
  creates the venv and installs the packages: `--fresh-install` times that in a throwaway
  venv (pip's download cache, when there is one, makes it faster than a truly first
  install). CI also installs Debian's `chromium` (about 30 s, see `.ci/run`).
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="date written in the report")
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test` (d)")
    parser.add_argument("--skip-grading", action="store_true", help="do not time grading a class (e)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="markdown file to write")
    parser.add_argument("--no-write", action="store_true", help="print only, do not write the markdown file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument(
        "--fresh-install", action="store_true", help="also time a new venv + pip install .[lab,test] (uses PyPI)"
    )
    args = parser.parse_args(argv)

    original_env = os.environ.copy()
    KERNEL_LOG.parent.mkdir(parents=True, exist_ok=True)
    KERNEL_LOG.write_text("", encoding="utf-8")
    # Kernels inherit this process's environment: give them the inline backend a student's
    # kernel has (CI exports MPLBACKEND=Agg, which would skip drawing figures as outputs).
    os.environ["MPLBACKEND"] = INLINE
    info = machine()
    print("machine:", "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    print("(a) floor ...", flush=True)
    floor = measure_floor()
    print(f"  {statistics.median(floor):.2f} s (runs: {', '.join(f'{x:.2f}' for x in floor)})", flush=True)
    round_trip = measure_round_trip(statistics.median(floor))
    print(f"  one more code cell: {round_trip * 1000:.1f} ms", flush=True)
    print("(b) lessons ...", flush=True)
    lessons = measure_lessons()
    print("(c) namlib and tables ...", flush=True)
    tables = measure_tables(original_env)
    make = None
    if not args.skip_make_test:
        print("(d) make test ... (log: build/bench-make-test.log)", flush=True)
        make = measure_make_test(original_env)

    grade = None
    if not args.skip_grading:
        print(f"(e) grading {GRADE_CLASS} notebooks ...", flush=True)
        grade = measure_grading(original_env)
    install = None
    if args.fresh_install:
        print("(d) a new user's install ...", flush=True)
        install = measure_fresh_install(original_env)
    headers, lesson_rows, summary_rows, misses, floor_s = build_report(
        args.date, info, floor, lessons, tables, make, install, grade, round_trip
    )
    print()
    print(text_table(["measure", "result", "budget"], summary_rows))
    print()
    print(text_table(headers, lesson_rows))
    print()
    print("All budgets met." if not misses else "OVER BUDGET:\n" + "\n".join(f"  - {m}" for m in misses))
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(
            markdown(args.date, info, headers, lesson_rows, summary_rows, misses, floor_s), encoding="utf-8"
        )
        print(f"wrote {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")
    failed = failures(lessons, make, install, grade)
    for failure in failed:
        print(f"FAILED: {failure}")
    return 1 if failed or (args.strict and misses) else 0


def failures(lessons: list[dict], make: dict | None, install: dict | None, grade: dict | None = None) -> list[str]:
    """What did not run at all: a lesson, make test, grading or the fresh install (exit 1, even without --strict)."""
    out = [f"lesson {row['lesson']}: {row['error']}" for row in lessons if row.get("error")]
    if grade is not None and grade["returncode"] != 0:
        out.append(f"grading a class exited {grade['returncode']}")
    if make is not None and make["returncode"] != 0:
        out.append(f"make test exited {make['returncode']} (log: {MAKE_TEST_LOG.relative_to(REPO)})")
    if install is not None and install["returncode"] != 0:
        out.append(f"the fresh install exited {install['returncode']}")
    return out


if __name__ == "__main__":
    sys.exit(main())
