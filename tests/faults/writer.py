"""A stream of committed writes, each member in its own transaction; prints each id once committed.

Run as a child process by the kill -9 fault test: `python writer.py DATA_DIR BRANCH_ID PREFIX`.
"""

from __future__ import annotations

import sys

from dangjian_desktop.services import registers
from dangjian_desktop.services.common import SYSTEM
from dangjian_desktop.store.db import open_database


def main() -> None:
    db = open_database(sys.argv[1])
    branch_id = int(sys.argv[2])
    prefix = sys.argv[3]
    n = 0
    while True:
        n += 1
        with db.transaction() as session:
            member = registers.add_member(
                session,
                actor=SYSTEM,
                data=registers.MemberInput(
                    name=f"{prefix}测试{n}", gender="男", ethnicity="汉族", branch_id=branch_id
                ),
            )
        print(member.id, flush=True)  # only after the commit returned


if __name__ == "__main__":
    main()
