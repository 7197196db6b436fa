; 党建先进单位创建管理 — Windows setup (Inno Setup 6).
;
; Built from the PyInstaller onedir output (dist\dangjian-desktop\) on Windows 10/11 x64:
;   iscc /DAppVersion=0.1.0.0 installer\windows\dangjian-desktop.iss
; The version comes from dangjian_desktop.__version__ (see installer\windows\README.md, which
; passes it in), so it is written in one place only.
;
; - per-user install, no administrator rights: %LOCALAPPDATA%\Programs\dangjian-desktop
; - refuses to install or uninstall while the program runs (AppMutex; the program creates the
;   mutex at start, dangjian_desktop/winmutex.py)
; - an upgrade first removes the old program files, so no stale library survives
; - users' data (%LOCALAPPDATA%\dangjian-desktop) is never listed here: installing, upgrading
;   and uninstalling leave it as it is, and the uninstaller says where it is.
; This file is UTF-8 with a byte-order mark (Inno Setup needs it for the Chinese texts).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=A.B.C.D (dangjian_desktop.__version__)
#endif

#define AppName "党建先进单位创建管理"
#define AppExe "dangjian-desktop.exe"
#define AppMutexName "cn.dangjian.desktop.running"
#define DataDirConst "{localappdata}\dangjian-desktop"
#define Root "..\.."

[Setup]
; Fixed for every version: Windows knows an upgrade by it. Never change it.
AppId={{A148541D-88B8-46E8-8A45-B1066A46EC9C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}开发组
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\dangjian-desktop
DisableDirPage=auto
UsePreviousAppDir=yes
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
AppMutex={#AppMutexName}
SetupMutex=cn.dangjian.desktop.setup
CloseApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809, the oldest Windows that Qt 6 supports
MinVersion=10.0.17763
WizardStyle=modern
ShowLanguageDialog=no
SetupIconFile={#Root}\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=dangjian-desktop-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes

[Languages]
; Chinese wizard texts: ChineseSimplified.isl from the Inno Setup installation (newer Inno 6
; releases ship it) or, for older ones, a copy of the translation put beside this script (see
; README.md). Without either, the wizard's own texts are English and everything this script
; says itself (below) is still Chinese.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the wizard's standard texts will be English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Messages]
; The messages that matter most, in Chinese whichever language file was found.
SetupAppRunningError=安装程序发现“%1”正在运行。%n%n请先关闭程序（包括所有窗口），再点击“确定”继续；点击“取消”退出安装。
UninstallAppRunningError=卸载程序发现“%1”正在运行。%n%n请先关闭程序（包括所有窗口），再点击“确定”继续；点击“取消”退出卸载。

[CustomMessages]
DataKept=程序已卸载。%n%n本单位的数据没有删除，仍保存在数据文件夹：%n%1%n%n其中有数据库、附件、备份和日志。重新安装本程序后会自动使用这些数据；确实不再需要时，可以先备份再手动删除这个文件夹。
DataFolderNote=数据保存在 %1，安装、升级和卸载都不会改动它。
CreateDesktopIconZh=在桌面上创建快捷方式
AdditionalIconsZh=附加快捷方式：
LaunchZh=立即运行 {#AppName}

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIconZh}"; GroupDescription: "{cm:AdditionalIconsZh}"

[InstallDelete]
; Upgrade: remove the previous version's program files before copying the new ones, so no
; library of the old build is left behind. Only the two things the build consists of are
; removed (never {app} as a whole: the uninstaller's log lives there too), and data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\{#AppExe}"

[Files]
Source: "{#Root}\dist\dangjian-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchZh}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave inside its install folder. The data folder
; ({localappdata}\dangjian-desktop) must never be listed here.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Code]
function DataFolderPath(): String;
begin
  Result := ExpandConstant('{#DataDirConst}');
end;

procedure CurPageChanged(CurPageID: Integer);
begin
  if CurPageID = wpReady then
    WizardForm.ReadyMemo.Lines.Add(#13#10 + FmtMessage(CustomMessage('DataFolderNote'), [DataFolderPath()]));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Tell where the office's data is, and that it was kept. }
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent()) then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataFolderPath()]), mbInformation, MB_OK);
end;
