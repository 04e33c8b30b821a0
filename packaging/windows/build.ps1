# Build the pecdesk installer on Windows: bundle, self-test, installer, optional signing.
# Run from the repository root in PowerShell:  .\packaging\windows\build.ps1
# Needs: Python 3.11 x64, Inno Setup 6 (iscc on PATH or in its default folder);
# optional signing: $env:PECDESK_SIGN_CERT_SHA1 (certificate thumbprint in the user's store)
# and signtool.exe from the Windows SDK on PATH.
$ErrorActionPreference = "Stop"
$version = (Select-String -Path pecdesk\__init__.py -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value

if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install -q -e ".[build]"
Get-ChildItem resources\translations\*.ts | ForEach-Object {
  .\.venv\Scripts\pyside6-lrelease -silent $_.FullName -qm ($_.FullName -replace '\.ts$', '.qm')
}
.\.venv\Scripts\pyinstaller --noconfirm pecdesk.spec

# The windowed exe has no console; the self-test result is its exit code.
$p = Start-Process -FilePath dist\pecdesk\pecdesk.exe -ArgumentList "--self-test" -Wait -PassThru
if ($p.ExitCode -ne 0) { throw "self-test failed in the bundle (exit $($p.ExitCode)); rebuild with PECDESK_PYI_DEBUG=1 to see its output" }

function Sign($file) {
  if ($env:PECDESK_SIGN_CERT_SHA1) {
    signtool sign /sha1 $env:PECDESK_SIGN_CERT_SHA1 /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 $file
    if ($LASTEXITCODE -ne 0) { throw "signtool failed on $file" }
  }
}
Sign dist\pecdesk\pecdesk.exe

$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "$env:ProgramFiles (x86)\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\windows\pecdesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Sign "dist\installer\pecdesk-$version-setup.exe"
Write-Host "dist\installer\pecdesk-$version-setup.exe"
