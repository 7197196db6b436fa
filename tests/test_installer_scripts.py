"""The installer scripts, read as text: what cannot be built here must still say the right things.

The Windows setup (installer/windows/dangjian-desktop.iss) is only compiled on Windows, so its
promises are checked by parsing it: a fixed AppId, per-user install, refusal while the program
runs, old program files removed on upgrade, users' data never deleted and named on uninstall.
The Linux package's metadata and maintainer scripts are checked the same way (the package itself
is built and run by tests/test_dist.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dangjian_desktop import APP_ID, APP_NAME, __version__
from dangjian_desktop.paths import APP_DIR_NAME
from dangjian_desktop.winmutex import MUTEX_NAME, hold_windows_mutex

ROOT = Path(__file__).resolve().parent.parent
ISS = ROOT / "installer" / "windows" / "dangjian-desktop.iss"
SPEC = ROOT / "installer" / "dangjian-desktop.spec"
BUILD_DEB = ROOT / "installer" / "linux" / "build_deb.py"


def _sections(text: str) -> dict[str, list[str]]:
    """[Section] -> its lines, without comments and blank lines (preprocessor lines kept)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[([A-Za-z]+)\]", line)
        if match:
            current = match.group(1).lower()
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


def _directives(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip().lower()] = value.strip()
    return out


def _defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M))


def _expand(value: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value)


@pytest.fixture(scope="module")
def iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs a UTF-8 BOM to read the Chinese"
    return raw.decode("utf-8-sig")


def test_app_id_is_a_fixed_guid(iss: str) -> None:
    setup = _directives(_sections(iss)["setup"])
    # `{{` is Inno's escape for a literal brace: AppId={{GUID}
    assert re.fullmatch(
        r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["appid"]
    ), setup["appid"]
    assert "{#" not in setup["appid"], "the AppId must not change between builds"


def test_per_user_install_without_admin_rights(iss: str) -> None:
    setup = _directives(_sections(iss)["setup"])
    assert setup["privilegesrequired"] == "lowest"
    assert setup["defaultdirname"].lower().startswith("{localappdata}\\programs\\")
    assert "privilegesrequiredoverridesallowed" not in setup


def test_refuses_while_the_program_runs_with_the_programs_own_mutex(iss: str) -> None:
    setup = _directives(_sections(iss)["setup"])
    names = [_expand(n.strip(), _defines(iss)) for n in setup["appmutex"].split(",")]
    assert MUTEX_NAME in names
    assert hold_windows_mutex() is (sys.platform == "win32")


def test_version_comes_from_the_one_place(iss: str) -> None:
    setup = _directives(_sections(iss)["setup"])
    assert setup["appversion"] == "{#AppVersion}"
    assert "#ifndef AppVersion" in iss and "#error" in iss
    readme = (ISS.parent / "README.md").read_text(encoding="utf-8")
    assert "/DAppVersion=" in readme and "dangjian_desktop.__version__" in readme


def test_upgrade_removes_the_old_program_files(iss: str) -> None:
    defines = _defines(iss)
    entries = [_expand(e, defines) for e in _sections(iss)["installdelete"]]
    assert any('Name: "{app}\\_internal"' in e and "filesandordirs" in e for e in entries)
    assert any('Name: "{app}\\dangjian-desktop.exe"' in e for e in entries)
    files = _sections(iss)["files"]
    assert any("dist\\dangjian-desktop\\*" in line and "recursesubdirs" in line for line in files)


def test_users_data_is_never_deleted(iss: str) -> None:
    defines = _defines(iss)
    data_dir = _expand("{#DataDirConst}", defines)
    assert data_dir.lower() == "{localappdata}\\" + APP_DIR_NAME  # platformdirs' folder
    for section in ("uninstalldelete", "installdelete"):
        for entry in _sections(iss).get(section, []):
            name = re.search(r'Name:\s*"([^"]+)"', _expand(entry, defines))
            assert name is not None, entry
            # only things inside the install folder, and never the whole of it
            assert name.group(1) == "{app}" or name.group(1).startswith("{app}\\"), entry
            assert name.group(1) != "{app}" or "dirifempty" in entry, entry
            assert not name.group(1).endswith("\\*"), entry


def test_uninstaller_says_the_data_is_kept_and_where(iss: str) -> None:
    code = "\n".join(_sections(iss)["code"])
    step = code[code.index("procedure CurUninstallStepChanged") :]
    assert "usPostUninstall" in step and "MsgBox" in step
    assert "CustomMessage('DataKept')" in step and "DataFolderPath()" in step
    assert "ExpandConstant('{#DataDirConst}')" in code
    messages = _directives(_sections(iss)["custommessages"])
    assert "数据" in messages["datakept"] and "没有删除" in messages["datakept"]
    assert "%1" in messages["datakept"]  # the folder's path goes there


def test_chinese_texts_and_icon(iss: str) -> None:
    sections = _sections(iss)
    assert any("ChineseSimplified.isl" in line for line in sections["languages"])
    assert _defines(iss)["AppName"] == APP_NAME
    assert "正在运行" in _directives(sections["messages"])["setupapprunningerror"]
    icon = _directives(sections["setup"])["setupiconfile"].replace("{#Root}", "..\\..")
    assert (ISS.parent / icon.replace("\\", "/")).resolve() == ROOT / "resources/icons/app.ico"


def test_icons_are_there() -> None:
    icons = ROOT / "resources" / "icons"
    assert (icons / "app.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in (16, 32, 48, 64, 128, 256, 512):
        data = (icons / f"app-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)
    ico = (icons / "app.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"
    assert int.from_bytes(ico[4:6], "little") >= 5  # several sizes in one file


def _load_build_deb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_deb", BUILD_DEB)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_debian_metadata() -> None:
    build_deb = _load_build_deb()
    assert build_deb.deb_version() == __version__
    assert len(build_deb.deb_version().split(".")) == 4
    entry = build_deb.desktop_entry()
    assert f"Name={APP_NAME}" in entry
    assert "Categories=Office;" in entry
    assert f"Icon={APP_ID}" in entry
    assert f"Exec=/opt/apps/{APP_ID}/files/dangjian-desktop" in entry
    info = json.loads(build_deb.info_json("1.2.3.4"))
    assert info["appid"] == APP_ID and info["version"] == "1.2.3.4" and info["arch"] == ["amd64"]
    for package in ("libxcb-cursor0", "libegl1", "libgl1", "libxkbcommon-x11-0"):
        assert package in build_deb.DEPENDS


def test_maintainer_scripts_leave_users_data_alone() -> None:
    build_deb = _load_build_deb()
    for script in (build_deb.POSTINST, build_deb.POSTRM):
        assert script.startswith("#!/bin/sh\n")
        code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
        assert ".local" not in code and "HOME" not in code and "/home" not in code
        assert "rm -rf" not in code
    assert "remove|purge)" in build_deb.POSTRM  # links go on remove, not on upgrade
    assert "upgrade" not in build_deb.POSTRM.split("case")[1]


def test_spec_bundles_what_the_program_loads_by_path() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert "upx=False" in spec and "exclude_binaries=True" in spec  # onedir, no UPX
    assert '"dangjian_desktop/store/migrations"' in spec
    assert "script.py.mako" in spec and 'glob("*.py")' in spec
    assert '(str(RESOURCES), "resources")' in spec
    assert "qtbase_zh_CN.qm" in spec and '"defusedxml"' in spec
    assert "console=not WINDOWS" in spec
    for module in ("QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore", "QtMultimedia", "QtDesigner"):
        assert f'"{module}"' in spec
    assert "entry.py" in spec


# ------------------------------------------------------------------ reach: old glibc, Windows

PS1 = ROOT / "installer" / "windows" / "build.ps1"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
LINUX_LOCK = ROOT / "installer" / "linux" / "requirements.lock"
WINDOWS_LOCK = ROOT / "installer" / "windows" / "requirements.lock"
FCITX = ROOT / "installer" / "linux" / "third_party" / "fcitx5-qt"


def test_windows_minimum_is_qts_minimum(iss: str) -> None:
    # Qt 6 supports Windows 10 1809 (build 17763) and newer
    assert _directives(_sections(iss)["setup"])["minversion"] == "10.0.17763"


def _powershell_tokens(text: str) -> list[tuple[str, int]]:
    """Brackets of a PowerShell script outside comments and strings, with their line numbers.
    Raises ValueError for an unterminated string or block comment."""
    out: list[tuple[str, int]] = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif text.startswith("<#", i):
            end = text.find("#>", i + 2)
            if end < 0:
                raise ValueError(f"line {line}: unterminated block comment")
            line += text.count("\n", i, end)
            i = end + 2
            continue
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif text.startswith(('@"', "@'"), i):
            close = text[i + 1] + "@"
            end = text.find("\n" + close, i)
            if end < 0:
                raise ValueError(f"line {line}: unterminated here-string")
            line += text.count("\n", i, end + 1)
            i = end + 3
            continue
        elif c in "\"'":
            j = i + 1
            while j < n:
                if c == '"' and text[j] == "`":
                    j += 2
                    continue
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:  # doubled quote
                        j += 2
                        continue
                    break
                if text[j] == "\n":
                    line += 1
                j += 1
            if j >= n:
                raise ValueError(f"line {line}: unterminated string")
            i = j + 1
            continue
        elif c == "`":  # escape: the next character is literal
            i += 2
            continue
        elif c in "(){}[]":
            out.append((c, line))
        i += 1
    return out


def test_windows_build_script_is_well_formed_and_complete() -> None:
    text = PS1.read_text(encoding="utf-8")
    stack: list[tuple[str, int]] = []
    pairs = {")": "(", "}": "{", "]": "["}
    for char, line in _powershell_tokens(text):
        if char in "({[":
            stack.append((char, line))
        else:
            assert stack and stack[-1][0] == pairs[char], f"build.ps1 line {line}: {char}"
            stack.pop()
    assert not stack, f"build.ps1: unclosed {stack}"
    # the broken-script cases the checker has to catch
    with pytest.raises(ValueError):
        _powershell_tokens("Write-Host 'never closed\n")
    assert [c for c, _ in _powershell_tokens("if ($a) { '}' } # }")] == list("(){}")

    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "$ErrorActionPreference = 'Stop'" in code
    assert "--require-hashes -r installer\\windows\\requirements.lock" in code
    assert "installer\\dangjian-desktop.spec" in code and "-m PyInstaller" in code
    assert '"/DAppVersion=$version"' in code and "installer\\windows\\dangjian-desktop.iss" in code
    assert code.count("'--self-test'") == 2  # the frozen program and the installed one
    assert "/VERYSILENT" in code and "unins*.exe" in code
    assert "exit 0" in code.splitlines()[-1]


def test_windows_ci_workflow_runs_the_build_script() -> None:
    # written as JSON (a subset of YAML) so the standard library can check it
    workflow = json.loads(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["setup"]
    assert job["runs-on"].startswith("windows-")
    steps = job["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"] == {"python-version": "3.11", "architecture": "x64"}
    assert any("innosetup" in s.get("run", "") for s in steps)
    assert any("installer/windows/build.ps1" in s.get("run", "") for s in steps)


def _lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    pins: dict[str, tuple[str, list[str]]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", line)
        if match:
            current = match.group(1).lower().replace("_", "-")
            pins[current] = (match.group(2), [])
            continue
        hashed = re.search(r"--hash=sha256:([0-9a-f]{64})", line)
        if hashed and current:
            pins[current][1].append(hashed.group(1))
    return pins


@pytest.mark.parametrize("lock", [LINUX_LOCK, WINDOWS_LOCK], ids=["linux", "windows"])
def test_lock_pins_every_dependency_with_hashes(lock: Path) -> None:
    import tomllib

    pins = _lock(lock)
    for name, (version, hashes) in pins.items():
        assert hashes, f"{name}=={version} has no hash"
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!]*", version), (name, version)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["build"]
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        assert name is not None
        assert name.group(0).lower().replace("_", "-") in pins, f"{requirement} not in {lock}"
    assert pins["pyside6-essentials"][0] == pins["pyside6-addons"][0] == pins["shiboken6"][0]
    assert pins["pyside6-essentials"][0].startswith("6.8.")


def test_make_dist_installs_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile
    assert "LOCK := installer/linux/requirements.lock" in makefile


def test_fcitx_plugin_sources_are_vendored_with_their_licences() -> None:
    assert (FCITX / "LICENSES" / "BSD-3-Clause.txt").is_file()
    assert (FCITX / "LICENSES" / "LGPL-2.1-or-later.txt").is_file()
    for name in ("qfcitxplatforminputcontext.cpp", "hybridinputcontext.cpp", "main.cpp"):
        assert (FCITX / "qt6" / "platforminputcontext" / name).resolve().is_file(), name
    cmake = (FCITX / "CMakeLists.txt").read_text(encoding="utf-8")
    assert "BUILD_ONLY_PLUGIN" in cmake and "ENABLE_QT6_WAYLAND_WORKAROUND" in cmake


def test_launcher_starts_the_program_through_the_bundled_c_library() -> None:
    spec = importlib.util.spec_from_file_location("native", BUILD_DEB.parent / "native.py")
    assert spec is not None and spec.loader is not None
    native = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(native)
    launcher = native.LAUNCHER
    assert launcher.startswith("#!/bin/sh\n")
    exec_line = next(line for line in launcher.splitlines() if line.startswith("exec "))
    assert '"$rt/ld-linux-x86-64.so.2" --library-path "$rt"' in exec_line
    assert exec_line.endswith('"$here/dangjian-desktop.bin" "$@"')
    # PyInstaller's restart only keeps LD_LIBRARY_PATH; the caller's value is handed over
    assert 'export LD_LIBRARY_PATH="$rt${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"' in launcher
    assert 'DANGJIAN_CALLER_LD_LIBRARY_PATH="${LD_LIBRARY_PATH-(unset)}"' in launcher
    for name in ("libc.so.6", "libstdc++.so.6", "ld-linux-x86-64.so.2"):
        assert name in native.RUNTIME_LIBRARIES
    assert "-DENABLE_QT6_WAYLAND_WORKAROUND=OFF" in native.CMAKE_OPTIONS
    assert "-DBUILD_ONLY_PLUGIN=ON" in native.CMAKE_OPTIONS


def test_spec_leaves_out_gpl3_libraries_the_program_does_not_use() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    for module in ("readline", "_gdbm", "dbm.gnu"):
        assert f'"{module}"' in spec


def test_project_licence_file() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted" in text


def test_programs_started_from_the_frozen_program_get_the_callers_library_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = importlib.util.spec_from_file_location("entry", ROOT / "installer" / "entry.py")
    assert spec is not None and spec.loader is not None
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    import os

    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/x/_internal:/opt/x/_internal/runtime")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/x/_internal/runtime")
    monkeypatch.setenv("DANGJIAN_CALLER_LD_LIBRARY_PATH", "(unset)")
    entry._restore_library_path()
    assert "LD_LIBRARY_PATH" not in os.environ and "LD_LIBRARY_PATH_ORIG" not in os.environ
    assert "DANGJIAN_CALLER_LD_LIBRARY_PATH" not in os.environ
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/x/_internal:/opt/x/_internal/runtime:/mine")
    monkeypatch.setenv("DANGJIAN_CALLER_LD_LIBRARY_PATH", "/mine")
    entry._restore_library_path()
    assert os.environ["LD_LIBRARY_PATH"] == "/mine"
    entry._restore_library_path()  # not started by the launcher: nothing changes
    assert os.environ["LD_LIBRARY_PATH"] == "/mine"
