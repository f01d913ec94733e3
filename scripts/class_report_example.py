"""Grade an example class of lesson 03 and take a picture of its report for the docs.

Twelve notebooks made from the lesson itself (four complete, four untouched, four with
recorded wrong answers), graded with ``python -m namlib grade``; the report opens in
Chromium and is saved as ``docs/images/class-report.png``.

Usage: ``.venv/bin/python scripts/class_report_example.py [--out build/class-report]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from namlib.exercises.solutions import read_notebook, solution_notebook, with_answers, write_notebook  # noqa: E402

WRONG = {"03.2": "answer = 137", "03.1": 'answer = "Baku"', "03.8": "answer = 3"}
NAMES = ["amina", "bogdan", "chen", "dilnoza", "emeka", "farida", "gabriel", "hana", "ivan", "jamila", "kofi", "lena"]


def make_class(room: Path) -> None:
    lesson_path = REPO / "notebooks" / "03-how-nam-works.ipynb"
    lesson = read_notebook(lesson_path)
    complete = solution_notebook(lesson, name=lesson_path.name)
    for n, name in enumerate(NAMES):
        nb = [complete, lesson, with_answers(lesson, dict(list(WRONG.items())[: 1 + n % 4]))][n % 3]
        (room / name).mkdir(parents=True, exist_ok=True)
        write_notebook(nb, room / name / "03-how-nam-works.ipynb")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "class-report")
    parser.add_argument("--image", type=Path, default=REPO / "docs" / "images" / "class-report.png")
    args = parser.parse_args()
    room = args.out / "class"
    make_class(room)
    subprocess.run(
        [sys.executable, "-m", "namlib", "grade", str(room), "--out", str(args.out / "report")], check=True, cwd=REPO
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1000, "height": 1300})
        page.goto((args.out / "report" / "report.html").resolve().as_uri())
        page.screenshot(path=str(args.image), full_page=False)
        browser.close()
    print(f"wrote {args.image}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
