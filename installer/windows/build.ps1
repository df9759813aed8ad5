# Build the CityOps bundle on Windows: dist\cityops\cityops.exe with everything beside it.
# NOT TESTED: written from the Linux build (installer/build.sh), which is the one that is built
# and started by the test suite. Expect to adjust it on the first real Windows build.
# Needs Python 3.11 (64-bit, python.org installer, "py" launcher). Run from any folder:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root
$start = Get-Date

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "[installer] creating .venv"
    py -3.11 -m venv .venv
}
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q --disable-pip-version-check -r requirements.txt -c constraints.txt
if ($LASTEXITCODE -ne 0) { throw "installing the console's packages failed" }
& $py -m pip install -q --disable-pip-version-check -r installer\requirements.txt -c constraints.txt
if ($LASTEXITCODE -ne 0) { throw "installing PyInstaller failed" }

& $py -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\installer installer\cityops.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$exe = "dist\cityops\cityops.exe"
if (-not (Test-Path $exe)) { throw "the build finished without $exe" }
$bytes = (Get-ChildItem -Recurse -File dist\cityops | Measure-Object -Sum Length).Sum
$mb = [math]::Round($bytes / 1MB)
$secs = [math]::Round(((Get-Date) - $start).TotalSeconds)
Write-Host "[installer] bundle: dist\cityops ($mb MB); start it with $exe"
Write-Host "[installer] built in $secs s"
