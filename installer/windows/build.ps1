# 党建先进单位创建管理 — the Windows setup, built unattended on Windows 10/11 x64 (or a Windows
# CI runner: .github/workflows/windows.yml runs exactly this script).
#
#   powershell -NoProfile -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# 1. a fresh venv (.venv-win) from Python 3.11 x64 (the `py` launcher or -Python);
# 2. the pinned dependencies from installer\windows\requirements.lock, hashes checked;
# 3. PyInstaller with installer\dangjian-desktop.spec -> dist\dangjian-desktop\;
# 4. the frozen program's --self-test;
# 5. Inno Setup (ISCC.exe) -> dist\dangjian-desktop-setup-VERSION.exe;
# 6. a silent per-user install of that setup into a scratch folder, the installed program's
#    --self-test, and a silent uninstall.
# Any failing step stops the script with a non-zero exit code.

[CmdletBinding()]
param(
    [string] $Python = "",
    [string] $Iscc = "",
    [switch] $SkipInstallTest
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
Set-Location $Root

function Invoke-Step {
    param([string] $What, [scriptblock] $Block)
    Write-Host "==> $What"
    & $Block
    if ($LASTEXITCODE -ne 0) {
        throw "$What failed (exit code $LASTEXITCODE)"
    }
}

function Find-Python {
    if ($Python) { return @($Python) }
    if (Get-Command py -ErrorAction SilentlyContinue) { return @('py', '-3.11') }
    if (Get-Command python -ErrorAction SilentlyContinue) { return @('python') }
    throw 'Python 3.11 (64-bit) not found: install it from python.org or pass -Python C:\path\python.exe'
}

function Find-Iscc {
    if ($Iscc) { return $Iscc }
    $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, "$env:LOCALAPPDATA\Programs")) {
        if (-not $dir) { continue }
        $candidate = Join-Path $dir 'Inno Setup 6\ISCC.exe'
        if (Test-Path $candidate) { return $candidate }
    }
    throw 'Inno Setup 6 (ISCC.exe) not found: install it (choco install innosetup) or pass -Iscc'
}

$py = Find-Python
$pyExe = $py[0]
$pyArgs = @()
if ($py.Count -gt 1) { $pyArgs = $py[1..($py.Count - 1)] }

Invoke-Step 'Python version check' {
    & $pyExe @pyArgs -c "import struct, sys; assert sys.version_info[:2] == (3, 11), sys.version; assert struct.calcsize('P') == 8, '64-bit Python needed'"
}

$venv = Join-Path $Root '.venv-win'
if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
Invoke-Step 'venv' { & $pyExe @pyArgs -m venv $venv }
$venvPy = Join-Path $venv 'Scripts\python.exe'

Invoke-Step 'pinned dependencies (requirements.lock, hashes checked)' {
    & $venvPy -m pip install --no-deps --require-hashes -r installer\windows\requirements.lock
}

Invoke-Step 'PyInstaller' {
    & $venvPy -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\dangjian-desktop.spec
}

$frozen = Join-Path $Root 'dist\dangjian-desktop\dangjian-desktop.exe'
Invoke-Step 'frozen program --self-test' {
    $proc = Start-Process -FilePath $frozen -ArgumentList '--self-test' -Wait -PassThru -NoNewWindow
    $global:LASTEXITCODE = $proc.ExitCode
}

$version = (& $venvPy -c "import sys; sys.path.insert(0, 'src'); import dangjian_desktop; print(dangjian_desktop.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $version) { throw 'could not read dangjian_desktop.__version__' }
Write-Host "version $version"

$isccExe = Find-Iscc
Invoke-Step 'Inno Setup' {
    & $isccExe "/DAppVersion=$version" installer\windows\dangjian-desktop.iss
}
$setup = Join-Path $Root "dist\dangjian-desktop-setup-$version.exe"
if (-not (Test-Path $setup)) { throw "setup not found: $setup" }

if (-not $SkipInstallTest) {
    $scratch = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { $env:TEMP }
    $target = Join-Path $scratch 'dangjian-desktop-install-test'
    if (Test-Path $target) { Remove-Item -Recurse -Force $target }
    Invoke-Step 'silent install' {
        $proc = Start-Process -FilePath $setup -ArgumentList @('/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART', "/DIR=`"$target`"") -Wait -PassThru
        $global:LASTEXITCODE = $proc.ExitCode
    }
    $installed = Join-Path $target 'dangjian-desktop.exe'
    Invoke-Step 'installed program --self-test' {
        $proc = Start-Process -FilePath $installed -ArgumentList '--self-test' -Wait -PassThru -NoNewWindow
        $global:LASTEXITCODE = $proc.ExitCode
    }
    $uninstaller = Get-ChildItem -Path $target -Filter 'unins*.exe' | Select-Object -First 1
    if (-not $uninstaller) { throw "no uninstaller in $target" }
    Invoke-Step 'silent uninstall' {
        $proc = Start-Process -FilePath $uninstaller.FullName -ArgumentList @('/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART') -Wait -PassThru
        $global:LASTEXITCODE = $proc.ExitCode
    }
}

Write-Host "done: $setup"
exit 0
