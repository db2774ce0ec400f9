-- Autosave replay for wrk (see README.md): every request is one student's autosave,
-- `PUT /api/attempts/{id}/answers/{slot}` with that student's session cookie, CSRF token, a
-- valid answer and a sequence number above any earlier run's. Lines come from the file
-- `exam-day-spike` writes (EXAM_SAVES_FILE); thread k of n takes lines k, k+n, k+2n …
--
--   wrk -t2 -c2000 -d60s --latency -s saves.lua http://127.0.0.1:PORT -- 2 200 600
--   (threads, think time min and max in ms; 0 0 = as fast as the server answers)

local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  nthreads = tonumber(args[1] or "1")
  think_min = tonumber(args[2] or "0")
  think_max = tonumber(args[3] or args[2] or "0")
  -- Above every earlier run's numbers, so each save is new to the server.
  seq_base = (os.time() - 1700000000) * 10000
  lines = {}
  local i = 0
  for line in io.lines(os.getenv("EXAM_SAVES_FILE") or "target/exam-day-saves.tsv") do
    if i % nthreads == id then
      local fields = {}
      for f in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = f end
      local answers = {}
      for k = 4, #fields do
        local slot, json = string.match(fields[k], "^(%d+)=(.*)$")
        answers[#answers + 1] = { slot = slot, json = json }
      end
      lines[#lines + 1] = {
        headers = { ["Cookie"] = fields[1], ["X-CSRF-Token"] = fields[2],
                    ["Content-Type"] = "application/json" },
        attempt = fields[3], answers = answers, seq = 0 }
    end
    i = i + 1
  end
  cursor = 0
  math.randomseed(id + 1)
end

function request()
  cursor = cursor % #lines + 1
  local s = lines[cursor]
  s.seq = s.seq + 1
  local a = s.answers[(s.seq - 1) % #s.answers + 1]
  local body = string.format('{"seq":%d,"response":%s}', seq_base + s.seq, a.json)
  return wrk.format("PUT", "/api/attempts/" .. s.attempt .. "/answers/" .. a.slot, s.headers, body)
end

function delay()
  if think_max <= 0 then return 0 end
  return math.random(think_min, think_max)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "autosaves: %d in %.1f s = %.0f/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; " ..
    "non-2xx %d, connect %d, read %d, write %d, timeout %d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
