-- Shared by the wrk scenarios: read a file of lines, and print one JSON line of results at the end.
function read_lines(path)
  local lines = {}
  for line in io.lines(path) do lines[#lines + 1] = line end
  return lines
end

function report(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"p999_ms":%.2f,"max_ms":%.2f,"errors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end

-- LT_DEBUG=1 prints the first few failed answers (off in measured runs: a response() callback costs time).
if os.getenv("LT_DEBUG") then
  local shown = 0
  function response(status, headers, body)
    if status >= 400 and shown < 3 then
      shown = shown + 1
      io.write("FAILED " .. status .. " " .. (body or "") .. "\n")
    end
  end
end
