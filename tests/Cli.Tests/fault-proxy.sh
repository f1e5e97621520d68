#!/usr/bin/env bash
# A fault-injecting proxy for end-to-end tests of `run --adapter exec:...`: it starts the adapter program,
# forwards requests to it (the program writes its replies straight to our stdout), and at the Nth request
# after the handshake misbehaves instead of forwarding it.
#   usage: fault-proxy.sh <mode> <N> <once-file | -> <program> [args...]
# Modes: crash (the adapter dies, status 3), exit0 (it exits with status 0), hang (it stops answering),
#        garbage (it answers a line that is not JSON, then stops); and, for N = 0 (the handshake itself):
#        wrong-version (answers hello with protocol 99), unknown-feature (claims a feature spec/ does not define).
# With a once-file, only the first process to find the file missing misbehaves (it creates the file);
# processes started after it (the client's restarts) run the program directly. With "-", every process
# misbehaves at its Nth request. Needs bash and coreutils only.
set -u
mode="$1" at="$2" once="$3"
shift 3
if [[ $once != - && -e $once ]]; then
  exec "$@"
fi
exec 3> >(exec "$@")
child=$!
n=0
while IFS= read -r line; do
  hello=0
  [[ $line == *'"op":"hello"'* ]] && hello=1 || n=$((n + 1))
  if (( at == 0 ? hello : n == at )); then
    [[ $once == - ]] || : > "$once"
    echo "fault-proxy: $mode at request $n" >&2
    # The adapter has the requests before this one: let it answer them first, so that the fault hits this request
    # (a batch arrives at once; without the pause the kill could beat the previous reply out of the adapter).
    (( at == 0 )) || sleep 0.5
    case "$mode" in
      crash) kill -9 "$child"; exit 3 ;;
      exit0) kill -9 "$child"; exit 0 ;;
      hang) exec sleep 1000 ;;
      garbage) printf '\xff\xfe garbage, not a reply\n'; exec sleep 1000 ;;
      wrong-version|unknown-feature)
        [[ $line =~ \"id\":([0-9]+) ]] || exit 4
        proto=1; feature=core
        [[ $mode == wrong-version ]] && proto=99 || feature=zero.imaginary
        printf '{"id":%s,"ok":true,"result":{"protocol":%s,"runtime":{"name":"proxy","version":"0"},"arch":{"wordBits":64,"byteOrder":"little"},"features":["core","%s"]}}\n' "${BASH_REMATCH[1]}" "$proto" "$feature"
        exec sleep 1000 ;;
      *) echo "fault-proxy: unknown mode $mode" >&2; exit 2 ;;
    esac
  fi
  printf '%s\n' "$line" >&3
done
exec 3>&-
wait "$child"
