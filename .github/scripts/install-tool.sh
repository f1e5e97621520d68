#!/usr/bin/env bash
# Packs this checkout's suite as the .NET tool and installs it into DIR/bin from the local folder DIR/feed,
# as the README's quick start does, so that CI runs the suite the way its users do. In GitHub Actions it
# also puts DIR/bin on the job's PATH (GITHUB_PATH).
#   usage: install-tool.sh DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:?usage: install-tool.sh DIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
rm -rf "$dir/feed" "$dir/bin"
dotnet pack "$root/src/Conformance.Cli" -c Release -o "$dir/feed" -nologo -v q >&2
package="$(cd "$dir/feed" && ls go-zero-conformance.*.nupkg)"
version="${package#go-zero-conformance.}"; version="${version%.nupkg}"
# The version is pinned so that no other configured source can supply another build.
dotnet tool install --tool-path "$dir/bin" --add-source "$dir/feed" --version "$version" go-zero-conformance >&2
if [ -n "${GITHUB_PATH:-}" ]; then echo "$dir/bin" >> "$GITHUB_PATH"; fi
echo "install-tool.sh: go-zero-conformance $("$dir/bin/go-zero-conformance" --version) in $dir/bin"
