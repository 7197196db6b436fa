"""Run one command-line command in a child process: `python importer.py ARG...` (exit code kept)."""

from __future__ import annotations

import sys

from dangjian_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
