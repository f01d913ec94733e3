"""Run the browser suite several times in a row with the CPU kept busy beside it.

CI runs on loaded 2-core machines; a browser test that waits for time instead of for the
event it needs fails there now and then. This proves the suite does not:

    .venv/bin/python scripts/browser_under_load.py            # 10 runs, 2 busy processes
    .venv/bin/python scripts/browser_under_load.py --runs 3 --workers 1

The load is bounded: each busy process stops after ``--max-seconds`` (default 3 hours) or
when this script ends, whichever comes first. Prints one line per run and a summary; exits
1 when any run failed. A log per run goes to build/under-load/.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def burn(deadline: float) -> None:
    """Keep one core busy until the deadline (the parent also terminates us when it is done)."""
    x = 0
    while time.monotonic() < deadline:
        for _ in range(100_000):
            x = (x * 31 + 7) % 1_000_003


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="busy processes beside the tests (default 2)")
    parser.add_argument("--max-seconds", type=float, default=3 * 3600, help="the load stops after this at the latest")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest (e.g. -k harness)")
    args = parser.parse_args(argv)

    logs = REPO / "build" / "under-load"
    logs.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.max_seconds
    workers = [mp.Process(target=burn, args=(deadline,), daemon=True) for _ in range(args.workers)]
    for worker in workers:
        worker.start()
    env = {**os.environ, "NAM_REQUIRE_BROWSER": "1"}
    command = [sys.executable, "-m", "pytest", "-m", "browser", "tests/browser", "-p", "no:cacheprovider", "-q",
               *args.pytest_args]  # fmt: skip
    results = []
    try:
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            log = logs / f"run-{run:02d}.log"
            with log.open("w", encoding="utf-8") as out:
                code = subprocess.run(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
            seconds = time.perf_counter() - started
            summary = [line for line in log.read_text(encoding="utf-8").splitlines() if re.search(r" in [\d.]+s", line)]
            results.append((run, code, seconds))
            verdict = "passed" if code == 0 else "FAILED"
            print(f"run {run:2d}: {verdict} in {seconds:.0f} s  {summary[-1] if summary else ''}", flush=True)
    finally:
        for worker in workers:
            worker.terminate()
    failed = [r for r in results if r[1] != 0]
    times = [r[2] for r in results]
    print(f"{len(results) - len(failed)} of {len(results)} runs passed with {args.workers} busy processes beside them; "
          f"{min(times):.0f}-{max(times):.0f} s per run")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
