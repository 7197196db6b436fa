"""Open (create or upgrade) a data folder, as the program does at start; killed by fault tests.

`python opener.py DATA_DIR`: prints "ready" once imported, then opens the database.
"""

from __future__ import annotations

import sys

from dangjian_desktop.store.db import open_database


def main() -> None:
    print("ready", flush=True)
    open_database(sys.argv[1]).close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
