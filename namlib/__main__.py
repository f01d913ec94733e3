"""Command line: ``python -m namlib validate [PATH]`` and ``python -m namlib tables``."""

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
    except NamlibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
