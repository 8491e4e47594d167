# Shared by the measurement scripts: free_ports N puts N distinct free TCP ports in the array `ports`.
# Sourced, not executed.
# Each is distinct, has nothing listening on it, and lies below the kernel's ephemeral range: a port in
# it can be taken, between this check and the bind, by an outgoing connection (the host's own to
# Azurite, or one the tests before left in TIME_WAIT).
free_ports() {
  local ephemeral_low port
  ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$ephemeral_low" -gt 16000 ] || ephemeral_low=32768
  ports=()
  while [ ${#ports[@]} -lt "$1" ]; do
    port=$((15000 + RANDOM % (ephemeral_low - 15000)))
    if [[ " ${ports[*]-} " != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      ports+=("$port")
    fi
  done
}

# Waits until the system on $PORT answers, or fails naming what it printed ($1: its log, $2: its pid).
wait_for_system() {
  local deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/sectors" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "The system did not start:" >&2; cat "$1" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "The system did not answer within 180 s:" >&2; cat "$1" >&2; exit 1; }
    sleep 0.5
  done
}
