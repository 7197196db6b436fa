"""The county suite's fixtures: one simulated county of 20 townships' packages for the whole
session, and a real PostgreSQL server started here in a temporary folder (Debian's postgresql,
`initdb` + `pg_ctl`). A test that needs the server and cannot start it skips saying why; with
DANGJIAN_REQUIRE_POSTGRES set (.ci/run sets it) it fails instead, so CI always runs it."""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian_desktop import clock

DEMO_TODAY = dt.date(2026, 9, 15)
TOWNSHIPS = 20


@pytest.fixture(scope="session")
def county_demo(tmp_path_factory: pytest.TempPathFactory) -> object:
    from dangjian_desktop.services.county_demo import build_county_demo

    clock.set_today(DEMO_TODAY)
    try:
        return build_county_demo(tmp_path_factory.mktemp("county_demo"), TOWNSHIPS)
    finally:
        clock.set_today(None)


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("DANGJIAN_REQUIRE_POSTGRES"):
        pytest.fail(f"PostgreSQL is required here but {reason}")
    pytest.skip(f"no PostgreSQL server for the county tests: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a fresh PostgreSQL server, stopped at the end of the session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install 'psycopg[binary]')")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        _unavailable("initdb/pg_ctl not found (apt-get install postgresql)")
    assert initdb is not None and pg_ctl is not None
    prefix: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="dangjian_pg_"))
    if os.geteuid() == 0:  # the server refuses to run as root: as the postgres user
        runuser = shutil.which("runuser")
        if runuser is None:
            _unavailable("running as root without runuser to start the server as postgres")
        assert runuser is not None
        prefix = [runuser, "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
        folder.chmod(0o700)
    data = folder / "data"
    port = _free_port()
    try:
        subprocess.run(
            [
                *prefix,
                initdb,
                "-D",
                str(data),
                "-U",
                "county",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [
                *prefix,
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        _unavailable(f"the server did not start: {exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql+psycopg://county@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh database on the session's server for one test."""
    import sqlalchemy as sa

    name = f"county_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    admin.dispose()
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def county(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A county database on SQLite, then on the PostgreSQL server."""
    from dangjian_desktop.store.county_db import open_county_database

    url = None
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
    db = open_county_database(tmp_path / "county", url)
    clock.set_today(DEMO_TODAY)
    yield db
    db.close()


@pytest.fixture
def second_instance(county: object) -> Iterator[object]:
    """A second program instance on the same county database (its own engine and pool)."""
    from dangjian_desktop.store.county_db import CountyDatabase, open_county_database

    assert isinstance(county, CountyDatabase)
    url = county.engine.url.render_as_string(hide_password=False)
    other = open_county_database(county.folder, url)
    yield other
    other.close()
