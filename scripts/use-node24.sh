#!/usr/bin/env bash
# Puts Node 24 LTS first on PATH when the machine's Node is older than the project's engines
# (>=22). Node 24 comes from the npm registry's official binary package (node-linux-<arch>), so no
# download outside the package registries is needed. Source it: `source scripts/use-node24.sh`.
# NODE24_HOME (default ~/.cache/territory-node24) keeps the install between runs.

_tp_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_tp_node_major)" -lt 22 ]; then
    case "$(uname -m)" in
        x86_64) _tp_arch=x64 ;;
        aarch64 | arm64) _tp_arch=arm64 ;;
        *) echo "use-node24: no Node binary package for $(uname -m)" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    _tp_home="${NODE24_HOME:-$HOME/.cache/territory-node24}"
    _tp_bin="$_tp_home/node_modules/node-linux-$_tp_arch/bin/node"
    if [ ! -x "$_tp_bin" ]; then
        echo "use-node24: installing Node 24 (node-linux-$_tp_arch@24) into $_tp_home" >&2
        mkdir -p "$_tp_home"
        npm install --prefix "$_tp_home" --no-save --no-audit --no-fund --loglevel=error \
            "node-linux-$_tp_arch@24" >&2
    fi
    mkdir -p "$_tp_home/bin"
    ln -sf "$_tp_bin" "$_tp_home/bin/node"
    export PATH="$_tp_home/bin:$PATH"
    hash -r
    unset _tp_arch _tp_bin _tp_home
fi
echo "use-node24: node $(node --version), npm $(npm --version)" >&2
unset -f _tp_node_major
