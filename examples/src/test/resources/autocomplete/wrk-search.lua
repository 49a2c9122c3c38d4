-- wrk script: GET /api/search with the 3,000 prefixes of wrk-queries.lua, as fast as the
-- connections allow. Usage: see docs/autocomplete.md.
-- The query list sits next to this script, wherever wrk is started from.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local queries = dofile(here .. "wrk-queries.lua")
local counter = 0
request = function()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", "/api/search?limit=8&q=" .. q)
end
-- Prints the percentiles wrk's --latency table leaves out, and the error counts.
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2f ms, p99.9 %.2f ms, errors: connect %d read %d write %d status %d timeout %d\n",
    latency:percentile(95) / 1000, latency:percentile(99.9) / 1000, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
