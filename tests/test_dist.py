"""The Debian/UOS package, built for real: frozen with PyInstaller, packed with dpkg-deb,
unpacked with `dpkg -x`, and the frozen program run (`--self-test`, a CLI command).

Slow (a few minutes on two cores): it runs the same script as `make dist`
(installer/linux/build_deb.py), into a temporary folder. `make dist-check` points it at the
package `make dist` just built instead (DANGJIAN_DEB=path), so nothing is built twice.
Skipped only where dpkg-deb does not exist (not a Debian-based system).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian_desktop import APP_ID, APP_NAME, __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BUILD_DEB = ROOT / "installer" / "linux" / "build_deb.py"
MAX_DEB = 200 * 1024 * 1024
APP = Path("opt") / "apps" / APP_ID


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("dpkg-deb") is None:
        pytest.skip(
            "dpkg-deb not found: the .deb is built and checked on Debian-based systems only"
        )
    given = os.environ.get("DANGJIAN_DEB")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, str(BUILD_DEB), "--dist", str(out / "dist"), "--work", str(out / "work")],
        check=True,
        cwd=ROOT,
        timeout=1800,
    )
    built = sorted((out / "dist").glob("*.deb"))
    assert len(built) == 1, built
    return built[0]


@pytest.fixture(scope="module")
def unpacked(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _frozen_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGJIAN_", "PYTHON"))}
    env.update(
        HOME=str(home), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home / ".local/share")
    )
    env.pop("VIRTUAL_ENV", None)
    return env


def test_package_is_small_enough_and_well_described(deb: Path) -> None:
    assert deb.name == f"{APP_ID}_{__version__}_amd64.deb"
    assert deb.stat().st_size < MAX_DEB, f"{deb.stat().st_size >> 20} MB"

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == APP_ID
    assert field("Version") == __version__ and len(__version__.split(".")) == 4
    assert field("Architecture") == "amd64"
    depends = field("Depends")
    for package in ("libxcb-cursor0", "libegl1", "libgl1", "libxkbcommon-x11-0", "libc6 (>="):
        assert package in depends
    description = field("Description")
    assert APP_NAME in description and "township" in description


def test_uos_layout(unpacked: Path) -> None:
    app = unpacked / APP
    assert sorted(p.name for p in unpacked.iterdir()) == ["opt"]  # nothing outside /opt/apps
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APP_ID and info["version"] == __version__
    desktop = (app / "entries" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Name={APP_NAME}" in desktop and "Categories=Office;" in desktop
    exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec=/{APP}/files/dangjian-desktop"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (app / f"entries/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    internal = app / "files" / "_internal"
    migrations = internal / "dangjian_desktop" / "store" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert sorted(p.name for p in (migrations / "versions").glob("0*.py"))
    assert (internal / "resources" / "fonts" / "uming.ttc").is_file()
    assert list((internal / "resources" / "fonts").glob("LICENSE-*.txt"))
    assert list(internal.rglob("qtbase_zh_CN.qm"))
    assert (internal / "defusedxml").is_dir() or list(internal.rglob("defusedxml*"))
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6WebEngineCore.so.6"):
        assert unwanted not in names
    assert not (internal / "alembic" / "templates").exists()


def test_frozen_program_passes_its_self_test(unpacked: Path, tmp_path: Path) -> None:
    program = unpacked / APP / "files" / "dangjian-desktop"
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [str(program), "--self-test"],
        capture_output=True,
        text=True,
        env=_frozen_env(home),
        cwd=tmp_path,
        timeout=300,
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    for check in ("字体", "数据库迁移", "业务流程", "荣誉证书", "通知", "Excel名册", "界面组件"):
        assert any(line.startswith(f"✓ {check}") for line in lines), check
    assert lines[-1].startswith("自检全部通过")
    assert not (home / ".local" / "share" / "dangjian-desktop").exists()


def test_frozen_program_works_as_a_command_line_tool(unpacked: Path, tmp_path: Path) -> None:
    program = str(unpacked / APP / "files" / "dangjian-desktop")
    env = _frozen_env(tmp_path)
    data = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [program, *args], capture_output=True, text=True, env=env, timeout=300, check=False
        )

    version = run("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    demo = run("--data-dir", data, "demo", "--branches", "6", "--members", "30")
    assert demo.returncode == 0, demo.stderr
    assert "演示数据已建好" in demo.stdout
    status = run("--data-dir", data, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)
    wrong = run("no-such-command")
    assert wrong.returncode == 2 and "用法错误" in wrong.stderr
