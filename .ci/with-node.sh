#!/usr/bin/env bash
# Runs a command on a given Node.js: `.ci/with-node.sh 24.21.0 npx vitest run`, or `system` for
# the Node already on PATH. Used by .ci/run to test every supported Node; works in a work tree too.
#
# A version other than `system` comes from the npm registry's `node` package (a complete build,
# headers included), installed once into .cache/node/VERSION (git-ignored; TRUSTLINE_NODE_CACHE
# moves it). It is not a project dependency, so users' `npm ci` never downloads it.
#
# SQLite's driver depends on the Node (src/lib/server/db/driver.ts): better-sqlite3 13, whose
# prebuilt Node-API binary runs on Node 22 and 24 as it is installed, or better-sqlite3 12 on
# Node 20, a native module compiled for one Node ABI. For a Node that uses 12, each runtime's
# build is kept in the cache and copied into node_modules before the command; on exit the build
# for the Node on PATH is put back, so `npm test` keeps working after a run on another Node.
# A Node that uses 13 leaves node_modules as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
	echo "usage: .ci/with-node.sh VERSION|system COMMAND [ARGS...]" >&2
	exit 2
fi
version=$1
shift

cache=${TRUSTLINE_NODE_CACHE:-$PWD/.cache/node}
sqlite_addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
sqlite_version=$(node -p 'require("./node_modules/better-sqlite3/package.json").version')
system_node=$(command -v node)

# Prints the path of Node VERSION's binary, installing it into the cache first if needed.
runtime_node() {
	local prefix="$cache/$1"
	if ! compgen -G "$prefix/node_modules/node/node_modules/node-*/bin/node" >/dev/null; then
		echo "== installing Node $1 into $prefix" >&2
		mkdir -p "$prefix"
		# npm 11 runs a dependency's install script only when the project allows it; the `node`
		# package's preinstall is what fetches the binary for this platform.
		printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$prefix/package.json"
		npm install --prefix "$prefix" --save-exact --no-audit --no-fund "node@$1" >&2
	fi
	local bins=("$prefix"/node_modules/node/node_modules/node-*/bin/node)
	echo "${bins[0]}"
}

# The cache's better-sqlite3 build for the Node at $1.
saved_build() {
	echo "$cache/better-sqlite3/$sqlite_version-node-$("$1" -p process.versions.node).node"
}

# Whether node_modules' better-sqlite3 loads in the Node at $1.
sqlite_loads() {
	"$1" -e 'new (require("better-sqlite3"))(":memory:")' 2>/dev/null
}

# Keeps node_modules' better-sqlite3 in the cache as the build for the Node at $1, if it is one.
keep_sqlite_build() {
	local saved
	saved=$(saved_build "$1")
	if ! cmp -s "$sqlite_addon" "$saved" && sqlite_loads "$1"; then
		mkdir -p "$(dirname "$saved")"
		cp "$sqlite_addon" "$saved"
	fi
}

# Puts a better-sqlite3 build for the Node at $1 into node_modules: the cached one, or a fresh
# compile against that Node's headers (its prefix: bin/.. holds include/node), then cached.
use_sqlite_for() {
	local node=$1 saved
	saved=$(saved_build "$node")
	# Replaced by renaming, never rewritten in place: a running server may have the old one mapped.
	if [ -f "$saved" ]; then
		cp "$saved" "$sqlite_addon.tmp" && mv -f "$sqlite_addon.tmp" "$sqlite_addon"
	fi
	if ! sqlite_loads "$node"; then
		echo "== compiling better-sqlite3 for Node $("$node" --version)" >&2
		PATH="$(dirname "$node"):$PATH" npm_config_nodedir="$(dirname "$(dirname "$node")")" \
			npm rebuild better-sqlite3 >&2
	fi
	keep_sqlite_build "$node"
}

# The package driver.ts opens on the Node at $1 (asked of the module itself, so the rule is in
# one place; tsx runs the TypeScript on any Node).
driver_for() {
	"$1" --import tsx -e 'import("./src/lib/server/db/driver.ts").then((m) => console.log(m.driverPackage))'
}

if [ "$version" = system ]; then
	node=$system_node
else
	node=$(runtime_node "$version")
fi
driver=$(driver_for "$node")
if [ "$driver" = better-sqlite3 ]; then
	if [ "$node" != "$system_node" ]; then
		# `npm ci` compiled it for the Node on PATH: keep that build before swapping it out.
		keep_sqlite_build "$system_node"
		trap 'use_sqlite_for "$system_node"' EXIT
	fi
	use_sqlite_for "$node"
elif ! "$node" -e "new (require('$driver'))(':memory:').close()"; then
	echo "$driver does not load on Node $("$node" --version): run npm ci again" >&2
	exit 1
fi

PATH="$(dirname "$node"):$PATH"
npm_config_nodedir=$(dirname "$(dirname "$node")")
export PATH npm_config_nodedir
echo "== on Node $(node --version) ($node), SQLite through $driver"
"$@"
