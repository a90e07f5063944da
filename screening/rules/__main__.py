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
        return _jsonl(sys.stdin.buffer, sys.stdout.buffer, as_of, today)
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


# Input is read in chunks of whatever has arrived (up to this many bytes); the results of a
# chunk are written together and flushed before waiting for more, so a batch streams at full
# speed and a caller feeding one household at a time still gets each answer at once.
CHUNK_BYTES = 1 << 16


def _jsonl(stream, out, as_of, today) -> int:
    """One household per line of the binary ``stream``, one result (or error) per line to ``out``."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    status = 0
    number = 0
    pending = b""
    while True:
        chunk = stream.read1(CHUNK_BYTES)
        if chunk:
            *lines, pending = (pending + chunk).split(b"\n")
        else:
            lines, pending = ([pending] if pending else []), b""
        results = []
        for raw in lines:
            number += 1
            if not raw.strip():
                continue
            try:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise InputError(f"line {number}", f"is not UTF-8 text (byte {error.start + 1})") from None
                results.append(encode(evaluate_json(_load(text, f"line {number}"), as_of=as_of, today=today)))
            except InputError as error:
                print(f"error: line {number}: {error.field}: {error.message}", file=sys.stderr)
                results.append(encode({"error": {"line": number, "field": error.field, "message": error.message}}))
                status = 2
        if results:
            out.write(("\n".join(results) + "\n").encode("utf-8"))
            out.flush()
        if not chunk:
            return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(0)
