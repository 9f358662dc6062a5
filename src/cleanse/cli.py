"""The ``cleanse`` command (placeholder: ``explain`` only, until the CLI lands)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cleanse

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cleanse`` console script."""
    parser = argparse.ArgumentParser(prog="cleanse", description=__doc__)
    parser.add_argument("--version", action="version", version=cleanse.__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    explain = sub.add_parser("explain", help="print the clean text and every change")
    explain.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.files:
        result = cleanse.clean(path.read_text(encoding="utf-8"))
        print(f"==> {path}")
        print(result.text)
        print(result.explain())
        print()
    sys.stdout.flush()
    return 0
