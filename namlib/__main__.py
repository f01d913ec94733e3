"""Command line: ``python -m namlib validate [PATH]``, ``tables``, ``grade PATH...``, ``curriculum``, ``exercises ...``.

``curriculum`` reports every technique a lesson uses before the lesson that teaches it (see
:mod:`namlib.curriculum`).

``grade PATH... --out DIR [--feedback]`` grades a class's notebooks (see :mod:`namlib.grading`).

``exercises`` has eight commands: ``list`` (the bank), ``check`` (every solution passes,
every known wrong answer is rejected), ``variants`` (every right answer written another
way is accepted, every wrong answer and wrong method refused), ``encode PATH.toml`` (encode the answers of a bank
file written in plain text), ``key [--out FILE]`` (the teacher's answer key in Markdown),
``solutions [--out DIR]`` (the teacher's edition of every notebook), ``teacher [--out DIR]``
(those editions and the key as offline HTML pages with an index) and ``nbgrader [--out DIR]``
(an nbgrader course folder with the source version of every lesson, see
:mod:`namlib.grading.nbgrader`).
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m namlib", description="The NAM teaching dataset.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check the data against its schema and the domain rules")
    check.add_argument("path", nargs="?", help="folder with datapackage.json (default: the shipped data)")
    check.add_argument("--no-schema", action="store_true", help="skip the Frictionless pass (faster)")
    sub.add_parser("tables", help="list the tables with their sizes")
    grading = sub.add_parser("grade", help="grade students' notebooks: gradebook, class report, feedback")
    grading.add_argument("paths", nargs="+", help="submitted notebooks, or folders of them (one per student)")
    grading.add_argument("--out", required=True, help="folder for gradebook.csv, report.html and report.md")
    grading.add_argument("--feedback", action="store_true", help="also write feedback/STUDENT.html per submission")
    grading.add_argument("--timeout", type=float, default=120, help="seconds a cell may run (default: 120)")
    grading.add_argument("--notebooks", default="notebooks", help="the lessons as shipped (default: notebooks)")
    taught = sub.add_parser("curriculum", help="check that each lesson uses only what it or an earlier one teaches")
    taught.add_argument("--notebooks", default="notebooks", help="the lessons (default: notebooks)")
    _add_exercise_commands(sub)
    args = parser.parse_args(argv)

    from namlib.errors import NamlibError

    try:
        if args.command == "validate":
            from namlib.validation import validate

            report = validate(args.path, schema=not args.no_schema)
            print(report)
            return 0 if report.ok else 1
        if args.command == "tables":
            from namlib.loading import list_tables

            with pd.option_context("display.max_colwidth", 60, "display.width", 120):
                print(list_tables()[["table", "rows", "columns", "title"]].to_string(index=False))
            return 0
        if args.command == "exercises":
            return _exercises(args)
        if args.command == "grade":
            return _grade(args)
        if args.command == "curriculum":
            return _curriculum(args)
    except NamlibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 2


def _add_exercise_commands(sub) -> None:
    exercises = sub.add_parser("exercises", help="the exercise bank: list, check, encode, answer key, solutions")
    commands = exercises.add_subparsers(dest="exercises_command", required=True)
    bank_help = "folder with the bank's NN.toml files (default: NAMLIB_EXERCISE_BANK or the shipped bank)"
    listing = commands.add_parser("list", help="list the exercises: id, kind, title")
    listing.add_argument("--bank", help=bank_help)
    selftest = commands.add_parser("check", help="prove every exercise: solution passes, wrong answers rejected")
    selftest.add_argument("--bank", help=bank_help)
    variants = commands.add_parser(
        "variants", help="prove every right-answer form is accepted and every wrong answer or method refused"
    )
    variants.add_argument("--bank", help=bank_help)
    encode = commands.add_parser("encode", help="encode answer/accept/solution/model_answer/notes in bank files")
    encode.add_argument("paths", nargs="+", help="bank files (NN.toml) to rewrite in place")
    key = commands.add_parser("key", help="write the teacher's answer key (Markdown)")
    key.add_argument("--out", help="file to write (default: print it)")
    key.add_argument("--bank", help=bank_help)
    teacher = commands.add_parser("teacher", help="the teacher's editions and answer key as HTML, with an index")
    teacher.add_argument("--out", default="build/teacher", help="folder to write (default: build/teacher)")
    teacher.add_argument("--notebooks", default="notebooks", help="folder of NN-*.ipynb (default: notebooks)")
    teacher.add_argument("--bank", help=bank_help)
    solutions = commands.add_parser("solutions", help="write the teacher's edition of every notebook")
    solutions.add_argument("--out", default="build/solutions", help="folder to write (default: build/solutions)")
    solutions.add_argument("--notebooks", default="notebooks", help="folder of NN-*.ipynb (default: notebooks)")
    solutions.add_argument("--bank", help=bank_help)
    nbgrader = commands.add_parser(
        "nbgrader", help="write an nbgrader course folder: source/NN-slug/NN-slug.ipynb and nbgrader_config.py"
    )
    nbgrader.add_argument("--out", default="build/nbgrader", help="course folder to write (default: build/nbgrader)")
    nbgrader.add_argument("--notebooks", default="notebooks", help="folder of NN-*.ipynb (default: notebooks)")
    nbgrader.add_argument("--bank", help=bank_help)
    nbgrader.add_argument(
        "--auto-points",
        type=float,
        default=1.0,
        help="points per auto-checked exercise (default: 1; 0 records them without counting)",
    )


def _exercises(args) -> int:
    commands = {
        "list": _list_exercises,
        "check": _check_exercises,
        "variants": _prove_variants,
        "encode": _encode,
        "key": _answer_key,
        "teacher": _teacher_site,
        "solutions": _solutions,
        "nbgrader": _nbgrader,
    }
    return commands[args.exercises_command](args)


def _list_exercises(args) -> int:
    from namlib.exercises import bank

    specs = bank.load_bank(args.bank)
    for spec in specs.values():
        print(f"{spec.id:>6}  {spec.kind:<7} {spec.title}")
    print(f"{len(specs)} exercises in {bank.bank_dir(args.bank)}")
    return 0


def _check_exercises(args) -> int:
    from namlib.exercises import bank, solutions

    specs = bank.load_bank(args.bank)
    failed = 0
    for spec in specs.values():
        problems = solutions.self_test(spec)
        failed += bool(problems)
        for problem in problems:
            print(f"{spec.id}: {problem}")
    print(f"{len(specs) - failed} of {len(specs)} exercises pass their self-test.")
    return 1 if failed else 0


def _prove_variants(args) -> int:
    from namlib.exercises import bank
    from namlib.exercises.variants import prove, summary

    proofs = [prove(spec) for spec in bank.load_bank(args.bank).values()]
    failures = [failure for proof in proofs for failure in proof.failures]
    for failure in failures:
        print(failure)
    print(summary(proofs))
    return 1 if failures else 0


def _encode(args) -> int:
    from namlib.exercises import bank

    for path in args.paths:
        changed = bank.encode_file(path)
        print(f"{path}: encoded {len(changed)} value(s)" + (f" ({', '.join(changed)})" if changed else ""))
    return 0


def _answer_key(args) -> int:
    from pathlib import Path

    from namlib.exercises import solutions

    text = solutions.answer_key(args.bank)
    if not args.out:
        print(text, end="")
        return 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _lessons_or_say_why(args):
    """The folder of lessons for a teacher's command, or None after saying how to point at it."""
    folder = _lessons_folder(args.notebooks)
    if folder is None:
        print(
            f"error: there are no lesson notebooks (NN-*.ipynb) in {args.notebooks!r}. Run this in the "
            "repository's root folder, or give the folder with --notebooks PATH.",
            file=sys.stderr,
        )
    return folder


def _teacher_site(args) -> int:
    from namlib.exercises.teacher_site import write_teacher_site

    folder = _lessons_or_say_why(args)
    if folder is None:
        return 1
    written = write_teacher_site(folder, args.out, bank=args.bank)
    print(f"wrote {len(written)} pages; open {written[0]}")
    return 0


def _solutions(args) -> int:
    from namlib.exercises import solutions

    folder = _lessons_or_say_why(args)
    if folder is None:
        return 1
    written = solutions.write_solution_notebooks(folder, args.out, bank=args.bank)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} teacher's edition notebook(s) in {args.out}")
    return 0


def _nbgrader(args) -> int:
    from pathlib import Path

    from namlib.grading.nbgrader import write_nbgrader_course

    folder = _lessons_or_say_why(args)
    if folder is None:
        return 1
    written, config = write_nbgrader_course(folder, args.out, bank=args.bank, auto_points=args.auto_points)
    for path in written:
        print(f"wrote {path}")
    if config is None:
        print(
            f"kept the existing {Path(args.out) / 'nbgrader_config.py'}: it needs the lines of "
            "namlib.grading.nbgrader.config_text() (the answer stubs), see docs/hub.md"
        )
    else:
        print(f"wrote {config}")
    print(
        f"{len(written)} nbgrader source notebook(s) in {Path(args.out) / 'source'}; "
        f"next, in {args.out}: nbgrader generate_assignment NN-slug"
    )
    return 0


def _grade(args) -> int:
    from pathlib import Path

    from namlib import grading

    try:
        found = grading.find_submissions(args.paths)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not found:
        print(f"error: no notebooks (.ipynb) in {', '.join(args.paths)}.", file=sys.stderr)
        return 1
    print(f"grading {len(found)} notebook(s); each runs in a fresh kernel", file=sys.stderr)
    graded = grading.grade(
        args.paths, timeout=args.timeout, lessons=_lessons_folder(args.notebooks), progress=grading.print_progress
    )
    out = Path(args.out)
    book = grading.gradebook(graded)
    for path in grading.write_report(book, graded, out):
        print(f"wrote {path}")
    if args.feedback:
        written = grading.write_feedback(graded, out)
        print(f"wrote {len(written)} feedback copies in {out / 'feedback'}")
    flagged = sum(bool(g.flags) for g in graded)
    print(f"{len(graded)} submission(s) graded, {flagged} flagged (see the report)")
    return 0


def _curriculum(args) -> int:
    from namlib import curriculum

    folder = _lessons_or_say_why(args)
    if folder is None:
        return 2
    text, ok = curriculum.report(folder)
    print(text)
    return 0 if ok else 1


def _lessons_folder(given: str):
    """The folder of lessons: the one given, or, for the default, the repository's next to the package."""
    from pathlib import Path

    from namlib.exercises.solutions import notebook_paths

    if notebook_paths(given):
        return Path(given)
    beside = Path(__file__).resolve().parents[1] / "notebooks"  # an editable install in the repository
    if given == "notebooks" and notebook_paths(beside):
        return beside
    return None


if __name__ == "__main__":
    sys.exit(main())
