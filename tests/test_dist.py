"""The Debian/UOS package, built for real: frozen with PyInstaller, packed with dpkg-deb,
unpacked with `dpkg -x`, and the frozen program run (`--self-test`, a CLI command).

`make dist-check` points these tests at the package `make dist` just built (DANGJIAN_DEB=path).
With DANGJIAN_BUILD_DEB=1 instead they run the same script as `make dist`
(installer/linux/build_deb.py) into a temporary folder (10-20 minutes on two cores); with
neither they are skipped.
Skipped only where dpkg-deb does not exist (not a Debian-based system).

Marked `dist`: these run in `make dist-check`, not in the default `make test`. They include
the ELF ceiling (every ELF file runs on the C library the package carries, nothing is run by
the system's loader), the fcitx plugin's link check against the bundled Qt, and the install
into a Debian 11 root (glibc 2.31, as Kylin V10) with `dpkg -i` and `--self-test` there.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dangjian_desktop import APP_ID, APP_NAME, __version__

pytestmark = [pytest.mark.slow, pytest.mark.dist]

ROOT = Path(__file__).resolve().parent.parent
BUILD_DEB = ROOT / "installer" / "linux" / "build_deb.py"
MAX_DEB = 120 * 1024 * 1024
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
    if os.environ.get("DANGJIAN_BUILD_DEB") != "1":
        # building it here takes 10-20 minutes (PyInstaller, the trixie root, the fcitx plugin)
        pytest.skip("no package given: run `make dist-check` (or set DANGJIAN_BUILD_DEB=1)")
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
    for package in ("libxcb-cursor0", "libegl1", "libgl1", "libxkbcommon-x11-0"):
        assert package in depends
    libc = re.search(r"libc6 \(>= ([0-9.]+)\)", depends)
    assert libc is not None and libc.group(1) == "2.28", depends  # UOS 20
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


# ------------------------------------------------------------------ reach: old glibc, Windows


def _load(name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, BUILD_DEB.parent / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(BUILD_DEB.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BUILD_DEB.parent))
    return module


def _is_elf(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == b"\x7fELF"


def _versions(path: Path, prefix: str, *, defined: bool) -> set[tuple[int, ...]]:
    if defined:
        out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        out = out.split("Version definitions:", 1)[-1].split("Version References:", 1)[0]
        lines = out.splitlines()
    else:
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        lines = [line for line in out.splitlines() if "*UND*" in line]
    found = set()
    for line in lines:
        for match in re.finditer(rf"\b{prefix}_(\d+(?:\.\d+)+)\b", line):
            found.add(tuple(int(x) for x in match.group(1).split(".")))
    return found


def test_every_elf_file_runs_on_the_bundled_c_library(unpacked: Path) -> None:
    """The ELF ceiling. The package carries glibc + libstdc++ (files/_internal/runtime/) and
    starts the program through that loader, so the target's own glibc only has to be new enough
    for its own libraries: every ELF file of ours must be satisfied by the bundled ones, and no
    ELF file of ours is started by the system's loader."""
    if shutil.which("objdump") is None:
        pytest.skip("objdump (binutils) not installed")
    files = unpacked / APP / "files"
    runtime = files / "_internal" / "runtime"
    glibc = max(_versions(runtime / "libc.so.6", "GLIBC", defined=True))
    cxx = max(_versions(runtime / "libstdc++.so.6", "GLIBCXX", defined=True))
    abi = max(_versions(runtime / "libstdc++.so.6", "CXXABI", defined=True))
    assert glibc >= (2, 36) and cxx >= (3, 4, 30)
    elves = [
        p
        for p in files.rglob("*")
        if p.is_file() and not p.is_symlink() and p.parent != runtime and _is_elf(p)
    ]
    assert len(elves) > 50
    too_new = []
    highest_c: tuple[int, ...] = ()
    for path in elves:
        need_c = max(_versions(path, "GLIBC", defined=False), default=())
        need_cxx = max(_versions(path, "GLIBCXX", defined=False), default=())
        need_abi = max(_versions(path, "CXXABI", defined=False), default=())
        highest_c = max(highest_c, need_c)
        if need_c > glibc or need_cxx > cxx or need_abi > abi:
            too_new.append((path.relative_to(files).as_posix(), need_c, need_cxx, need_abi))
    assert not too_new, too_new
    print(f"{len(elves)} ELF files, highest GLIBC_{'.'.join(map(str, highest_c))}")
    # What the clerk starts (menu entry, /usr/bin link) is the launcher, not an ELF file.
    launcher = files / "dangjian-desktop"
    assert launcher.read_bytes().startswith(b"#!/bin/sh\n")
    assert (files / "dangjian-desktop.bin").is_file() and _is_elf(files / "dangjian-desktop.bin")
    # GPL-3 libraries the program does not use are not in the bundle
    names = {p.name for p in files.rglob("*")}
    assert not any(n.startswith(("libreadline", "libgdbm", "libncurses")) for n in names), names


def test_fcitx_plugin_is_bundled_and_linked_against_the_bundled_qt(unpacked: Path) -> None:
    if shutil.which("nm") is None:
        pytest.skip("nm (binutils) not installed")
    qt = unpacked / APP / "files" / "_internal" / "PySide6" / "Qt"
    plugin = qt / "plugins" / "platforminputcontexts" / "libfcitx5platforminputcontextplugin.so"
    assert plugin.is_file()
    assert (qt / "lib" / "libQt6DBus.so.6").is_file()  # the plugin talks to fcitx on D-Bus
    raw = plugin.read_bytes()
    # Qt keeps plugin metadata as CBOR: its "Keys" are the text strings "fcitx" and "fcitx5"
    # (major type 3 with the length in the first byte), the values QT_IM_MODULE may have
    assert b"\x65fcitx" in raw and b"\x66fcitx5" in raw

    def symbols(path: Path, *args: str) -> set[str]:
        out = subprocess.run(
            ["nm", "-D", "--with-symbol-versions", *args, str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return {line.split()[-1].replace("@@", "@") for line in out.splitlines() if line.strip()}

    needed = {s for s in symbols(plugin, "--undefined-only") if "@Qt_6" in s}
    assert len(needed) > 100
    provided: set[str] = set()
    for module in ("Core", "Gui", "DBus", "Widgets"):
        provided |= symbols(qt / "lib" / f"libQt6{module}.so.6", "--defined-only")
    assert not needed - provided, sorted(needed - provided)[:10]


def test_licence_texts_of_the_bundled_libraries(unpacked: Path) -> None:
    bundled = unpacked / APP / "files" / "_internal" / "resources" / "licenses" / "bundled"
    for name in ("libc6.txt", "libstdc++6.txt", "libgcc-s1.txt", "fcitx5-qt.txt"):
        assert (bundled / name).is_file(), name
    assert "GNU Lesser General Public License" in (bundled / "libc6.txt").read_text()
    fcitx = (bundled / "fcitx5-qt.txt").read_text()
    assert "Redistribution and use in source and binary forms" in fcitx  # BSD-3-Clause
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in fcitx
    internal = unpacked / APP / "files" / "_internal"
    dist_infos = {p.name.split("-")[0].lower() for p in internal.glob("*.dist-info")}
    for dist in ("pydantic_core", "typing_extensions", "mako", "pyside6_essentials"):
        assert dist in dist_infos, dist


BULLSEYE_EXTRA = ("ca-certificates",)


@pytest.fixture(scope="module")
def bullseye() -> Path:
    """A Debian 11 root (glibc 2.31, like Kylin V10) with the package's dependencies, made with
    debootstrap and kept in build/roots/ (about 3 minutes the first time)."""
    missing = [t for t in ("debootstrap", "chroot", "mount") if shutil.which(t) is None]
    if missing or os.geteuid() != 0:
        pytest.skip(f"needs root and {', '.join(missing) or 'debootstrap'}: not available here")
    build_deb = _load("build_deb")
    native = _load("native")
    depends = [d for d in build_deb.DEPENDS]  # type: ignore[attr-defined]
    return native.build_root(ROOT / "build", "bullseye", [*depends, *BULLSEYE_EXTRA])  # type: ignore[attr-defined,no-any-return]


def _chroot(root: Path, *cmd: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/tmp/clerk",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "DEBIAN_FRONTEND": "noninteractive",
    }
    return subprocess.run(
        ["chroot", str(root), *cmd], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_installs_with_dpkg_and_passes_its_self_test_on_debian_11(
    deb: Path, bullseye: Path
) -> None:
    ldd = _chroot(bullseye, "ldd", "--version")
    assert "2.31" in ldd.stdout.splitlines()[0], ldd.stdout  # the old glibc is what runs here
    shutil.copyfile(deb, bullseye / "tmp" / deb.name)
    proc = bullseye / "proc"
    mounted = (
        subprocess.run(["mount", "-t", "proc", "proc", str(proc)], check=False).returncode == 0
    )
    try:
        installed = _chroot(bullseye, "dpkg", "-i", f"/tmp/{deb.name}")
        print(installed.stdout, installed.stderr)
        assert installed.returncode == 0
        (bullseye / "tmp" / "clerk").mkdir(exist_ok=True)
        result = _chroot(bullseye, "dangjian-desktop", "--self-test")
        print(result.stdout, result.stderr)
        assert result.returncode == 0
        lines = result.stdout.splitlines()
        for check in (
            "字体",
            "数据库迁移",
            "业务流程",
            "荣誉证书",
            "通知",
            "Excel名册",
            "界面组件",
        ):
            assert any(line.startswith(f"✓ {check}") for line in lines), check
        assert lines[-1].startswith("自检全部通过")
        status = _chroot(bullseye, "dangjian-desktop", "--data-dir", "/tmp/clerk/d", "demo")
        assert status.returncode == 0 and "演示数据已建好" in status.stdout, status.stderr
    finally:
        _chroot(bullseye, "dpkg", "--purge", APP_ID)
        (bullseye / "tmp" / deb.name).unlink(missing_ok=True)
        shutil.rmtree(bullseye / "tmp" / "clerk", ignore_errors=True)
        if mounted:
            subprocess.run(["umount", str(proc)], check=False)
