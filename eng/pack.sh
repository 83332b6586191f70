#!/usr/bin/env bash
# Packs every Mace package (Mace, Mace.Runtime, Mace.Generator, Mace.Services, Mace.Hosting,
# Mace.Simulation, Mace.Checking, the Mace.Cli tool and Mace.Templates) into artifacts/packages,
# one version for all (VersionPrefix in Directory.Build.props). The folder is emptied first, so it
# holds exactly one version. MACE_VERSION_SUFFIX=ci.1 packs 0.2.0-ci.1 instead (the packaging test
# uses a fresh suffix so NuGet's cache never serves it an older build under the same version).
set -euo pipefail
# pwd -P: through a symlinked checkout, MSBuild would see other project paths than the ones the
# restore recorded, and the tool package would come out without its project references.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
out="$root/artifacts/packages"
rm -rf "$out"
suffix=()
if [[ -n "${MACE_VERSION_SUFFIX:-}" ]]; then suffix=("-p:VersionSuffix=$MACE_VERSION_SUFFIX"); fi
dotnet pack "$root/Mace.slnx" -c Release -o "$out" -nologo -v quiet "${suffix[@]}"
echo "packed into $out:"
ls -1 "$out"
