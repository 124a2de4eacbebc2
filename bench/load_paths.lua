-- wrk script for bench/load.py: asks the paths given after "--" in turn (a path listed twice is
-- asked twice as often) and prints one line of JSON with the results, so load.py needs no
-- parsing of wrk's text. Latencies in microseconds; "status" counts answers of 400 and above;
-- "hits" and "misses" count the page cache's X-Cache header (hit, or miss on a cacheable page).
--   wrk -t2 -c8 -d15s -s bench/load_paths.lua http://127.0.0.1:8105 -- /nl/ /static/x.css

local paths = {}
local counter = 0
local threads = {}
hits, misses = 0, 0 -- globals: done() reads them from every thread

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for index, path in ipairs(args) do
    paths[index] = path
  end
  if #paths == 0 then
    paths[1] = "/"
  end
  -- Threads start at different places in the list, so two threads do not ask in step.
  counter = math.random(#paths) - 1
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  local cache = headers["X-Cache"] or headers["x-cache"]
  if cache == "hit" then
    hits = hits + 1
  elseif cache == "miss" then
    misses = misses + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local all_hits, all_misses = 0, 0
  for _, thread in ipairs(threads) do
    all_hits = all_hits + thread:get("hits")
    all_misses = all_misses + thread:get("misses")
  end
  io.write(string.format(
    'LOADJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "hits": %d, "misses": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, all_hits, all_misses
  ))
end
