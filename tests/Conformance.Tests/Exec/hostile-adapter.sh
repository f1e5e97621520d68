#!/usr/bin/env bash
# A small hostile exec-protocol adapter for the client's fault tests. It answers the handshake and
# then misbehaves as told, at the Nth non-hello request (counted per process).
#   usage: hostile-adapter.sh <mode> [N] [wordBits] [protocol]
# Modes: ok hang crash exit0 garbage bigline wrongid partial slow flood lie error nofield emptyalloc
# Needs bash and coreutils only.
mode="${1:-ok}" at="${2:-1}" bits="${3:-64}" proto="${4:-1}" n=0
pointer() { printf '{"id":%s,"ok":true,"result":{"pointer":"%s","allocated":{"objects":"0x0","bytes":"0x0"}}}\n' "$1" "$2"; }
while IFS= read -r line || [[ -n $line ]]; do
  [[ $line =~ \"id\":([0-9]+) ]] && id=${BASH_REMATCH[1]}
  [[ $line =~ \"op\":\"([a-zA-Z]+)\" ]] && op=${BASH_REMATCH[1]}
  if [[ $op == hello ]]; then
    printf '{"id":%s,"ok":true,"result":{"protocol":%s,"runtime":{"name":"hostile","version":"%s"},"arch":{"wordBits":%s,"byteOrder":"little"},"features":["core","small.table"]}}\n' "$id" "$proto" "$mode" "$bits"
    echo "hostile: hello answered" >&2
    continue
  fi
  n=$((n + 1))
  p=$(printf '0x%x' $((0x1000 + 8 * n)))
  if (( n >= at )); then
    case "$mode" in
      hang) sleep 1000 ;;
      crash) echo "hostile: crashing on purpose" >&2; exit 3 ;;
      exit0) exit 0 ;;
      garbage) printf '\xff\xfe\x00 not json\n'; continue ;;
      bigline) head -c 100000000 /dev/zero | tr '\0' 'a'; printf '\n'; continue ;;
      wrongid) pointer $((id + 1000)) "$p"; continue ;;
      partial) printf '{"id":%s,"ok":tr' "$id"; exit 0 ;;
      lie) pointer "$id" 0x100000000; continue ;;
      error) printf '{"id":%s,"ok":false,"error":{"code":"unsupported","message":"not here"}}\n' "$id"; continue ;;
      nofield) printf '{"id":%s,"ok":true,"result":{"pointer":"%s"}}\n' "$id" "$p"; continue ;;
      emptyalloc) printf '{"id":%s,"ok":true,"result":{"pointer":"%s","allocated":{}}}\n' "$id" "$p"; continue ;;
    esac
  fi
  case "$mode" in
    slow) sleep 0.3 ;;
    flood) yes 'stderr noise, not a result: {"id":1,"ok":true}' | head -c 3000000 >&2; head -c 2000000 /dev/zero >&2 ;;
  esac
  pointer "$id" "$p"
done
