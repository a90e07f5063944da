"""Command line: ``python -m screening.rules household.json`` (see screening-contract.md).

Exit status 0 on success; 2 with a message naming the field on stderr for invalid input.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

from screening.rules import InputError, evaluate_json
from screening.rules.parse import parse_date


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()


def _load(text: str, where: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(where, f"is not valid JSON ({error.msg}, line {error.lineno} column {error.colno})") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m screening.rules", description="Screening engine of the Infopoint Sozialleistungen.")
    parser.add_argument("file", nargs="?", default="-", help="household JSON file, or - for standard input")
    parser.add_argument("--jsonl", action="store_true", help="read one household per line from standard input")
    parser.add_argument("--as-of", help="date whose law applies (YYYY-MM-DD), overrides as_of")
    args = parser.parse_args(argv)
    today = _today()
    try:
        as_of = parse_date(args.as_of, "--as-of") if args.as_of else None
    except InputError as error:
        print(f"error: {error.field}: {error.message}", file=sys.stderr)
        return 2
    if args.jsonl:
        return _jsonl(sys.stdin, as_of, today)
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        print(f"error: {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        result = evaluate_json(_load(text, "household"), as_of=as_of, today=today)
    except InputError as error:
        print(f"error: {error.field}: {error.message}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _jsonl(stream, as_of, today) -> int:
    status = 0
    write = sys.stdout.write
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            result = evaluate_json(_load(line, f"line {number}"), as_of=as_of, today=today)
        except InputError as error:
            print(f"error: line {number}: {error.field}: {error.message}", file=sys.stderr)
            write(json.dumps({"error": {"line": number, "field": error.field, "message": error.message}}, ensure_ascii=False) + "\n")
            status = 2
            continue
        write(json.dumps(result, ensure_ascii=False) + "\n")
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(0)
