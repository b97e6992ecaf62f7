-- wrk script for bench/ingest.sh: POSTs AI observations to /api/v1/observations as multipart/form-data
-- (a part "observation" in JSON, a part "snapshot" with a JPEG), as an AI box does, and ends with
-- the same machine-readable line as bench/mix.lua:
--   BENCH requests=N duration_us=N rps=R p50_us=N p90_us=N p99_us=N max_us=N non2xx=N errors=N
-- Each request: a camera at random from the cameras file, a label at random from the list, a score
-- from 0.70 to 0.99, observed_at = now, an idempotency key of its own (run nonce, thread, counter),
-- and the JPEG with a COM segment (right after SOI and the JFIF APP0 segment) whose text names the
-- request, so that every snapshot is a different, valid JPEG of the same size and hashes differently
-- (the server stores pictures by content hash: identical ones would be written once).
-- The first few answers other than 201 are printed, to show why.
-- Usage: wrk -s bench/ingest.lua -H 'Authorization: Bearer T' URL -- jpeg=F cameras=F labels=a,b nonce=S

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local COM_TEXT = 40 -- as bench/ingest_raw.c
local BOUNDARY = "shian-bench-7f3a9c2e51d04b6a8e1f"
local jpeg_head, jpeg_tail, cams, labels, nonce = "", "", {}, {}, "x"
local n, shown = 0, 0

local function read_all(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function init(args)
  local opt = {}
  for _, a in ipairs(args) do
    local k, v = a:match("^([%w_]+)=(.*)$")
    if k then opt[k] = v end
  end
  local jpeg = read_all(assert(opt.jpeg, "jpeg=FILE is required"))
  assert(jpeg:byte(1) == 0xFF and jpeg:byte(2) == 0xD8, "not a JPEG: " .. opt.jpeg)
  local at = 2
  if jpeg:byte(3) == 0xFF and jpeg:byte(4) == 0xE0 then -- after the JFIF APP0 segment
    at = 4 + jpeg:byte(5) * 256 + jpeg:byte(6)
  end
  jpeg_head = jpeg:sub(1, at) .. "\255\254\0" .. string.char(2 + COM_TEXT)
  jpeg_tail = jpeg:sub(at + 1)
  assert(opt.cameras, "cameras=FILE is required")
  for line in io.lines(opt.cameras) do
    local id = line:match("^(%d+)")
    if id then table.insert(cams, tonumber(id)) end
  end
  assert(#cams > 0, "no cameras in " .. opt.cameras)
  for l in (opt.labels or "smoking,no_mask,cat,phone"):gmatch("[^,]+") do
    table.insert(labels, l)
  end
  nonce = opt.nonce or tostring(os.time())
  math.randomseed(1000 + (id or 0))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. BOUNDARY
end

function request()
  n = n + 1
  local cam = cams[math.random(#cams)]
  local label = labels[math.random(#labels)]
  local score = 0.70 + math.random(0, 2900) / 10000
  local key = string.format("%s-t%d-%d", nonce, id or 0, n)
  local obs = string.format(
    '{"camera_id":%d,"observed_at":%d,"label":"%s","score":%.4f,"box":[0.3,0.35,0.2,0.4],' ..
    '"idempotency_key":"%s","source":"ai_box"}', cam, os.time() * 1000, label, score, key)
  local text = string.format("shian-bench %s", key)
  text = (text .. string.rep(" ", COM_TEXT)):sub(1, COM_TEXT)
  local body = table.concat({
    "--", BOUNDARY, "\r\n",
    'Content-Disposition: form-data; name="observation"\r\n',
    "Content-Type: application/json\r\n\r\n",
    obs, "\r\n--", BOUNDARY, "\r\n",
    'Content-Disposition: form-data; name="snapshot"; filename="snapshot.jpg"\r\n',
    "Content-Type: image/jpeg\r\n\r\n",
    jpeg_head, text, jpeg_tail,
    "\r\n--", BOUNDARY, "--\r\n",
  })
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 201 and shown < 3 then
    shown = shown + 1
    io.stderr:write(string.format("ingest.lua: thread %d got %d: %s\n", id or 0, status, (body or ""):sub(1, 300)))
  end
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
