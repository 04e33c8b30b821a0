; Inno Setup 6 (6.3 or later: x64compatible) script for pecdesk: a per-user install that needs no administrator rights.
;
; Build (on Windows, after `pyinstaller --noconfirm pecdesk.spec` made dist\pecdesk\):
;     iscc /DAppVersion=<version> packaging\windows\pecdesk.iss
; packaging\windows\build.ps1 does both and reads the version from pecdesk\__init__.py.
; Output: dist\installer\pecdesk-<version>-setup.exe. Sign it (and dist\pecdesk\pecdesk.exe
; before) with signtool when a code-signing certificate is available; see packaging/README.md.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z pecdesk.iss
#endif
#define AppName "pecdesk"
#define AppExe "pecdesk.exe"
#define Root "..\.."

[Setup]
; A fixed, never-changing id: upgrades find and replace the previous install through it.
AppId={{6B1E3C52-8F0A-4D7B-9A41-2C5E7D93F0A4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
; Per user, no UAC prompt: {autopf} resolves to %LOCALAPPDATA%\Programs, shortcuts go to the
; user's Start menu, uninstall info to HKCU.
; No PrivilegesRequiredOverridesAllowed: the installer never offers an all-users install.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#Root}\resources\icons\pecdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#Root}\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running pecdesk before files are replaced (Restart Manager).
CloseApplications=yes

[Languages]
Name: "it"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller onedir bundle.
Source: "{#Root}\dist\pecdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not leave an older bundle's libraries next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The user's data, settings and keychain entries are left in place on uninstall, on purpose:
; the send history is evidence. packaging/README.md says where they are.
