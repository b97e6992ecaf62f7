-- wrk script: rotates over the request paths given after `--`, each thread starting at a different
-- one, and ends with one machine-readable line that bench/run.sh turns into its table:
--   BENCH requests=N duration_us=N rps=R p50_us=N p90_us=N p99_us=N max_us=N non2xx=N errors=N
-- Headers given with -H (the API token) ride on every request through wrk.headers.
-- Usage: wrk -s bench/mix.lua URL -- /api/v1/a?x=1 /api/v1/b ...

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local paths = {}
local i = 0

function init(args)
  for _, p in ipairs(args) do
    table.insert(paths, p)
  end
  if #paths == 0 then
    table.insert(paths, wrk.path)
  end
  i = (id or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
