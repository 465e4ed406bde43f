# Shell helpers shared by the benchmark scripts (source it; needs node and curl, both installed
# by scripts/install-deps.sh --test).

# A TCP port on 127.0.0.1 that is free right now.
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Waits up to 60 s for URL/healthz to answer 200.
wait_for() { for _ in $(seq 600); do curl -sf "$1/healthz" >/dev/null && return 0; sleep 0.1; done; return 1; }
