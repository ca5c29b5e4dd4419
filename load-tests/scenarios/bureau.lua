-- Bureau push: batches of 5,000 participant records with a higher seq, so every record is applied.
-- LT_BATCHES is a directory of batch files; each thread takes every n-th file once.
package.path = package.path .. ";" .. os.getenv("LT_DIR") .. "/scenarios/?.lua"
require "common"

local threads = {}
local index, stride, dir, count, headers

function setup(thread)
  thread:set("thread_id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  dir = os.getenv("LT_BATCHES")
  count = tonumber(os.getenv("LT_BATCH_COUNT"))
  index = thread_id
  stride = tonumber(os.getenv("LT_THREADS"))
  headers = {["Authorization"] = "Bearer " .. os.getenv("LT_BUREAU_TOKEN"), ["Content-Type"] = "application/json"}
end

function request()
  local file = io.open(string.format("%s/batch-%04d.json", dir, index % count), "r")
  local body = file:read("*a")
  file:close()
  index = index + stride
  return wrk.format("PUT", "/api/v1/bureau/participants", headers, body)
end

done = report
