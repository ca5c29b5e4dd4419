-- Campaign peak, step 1: distinct people enrol themselves and a spouse (SELF payer), each with its own token and
-- Idempotency-Key. Lines of LT_FAMILIES: "payerId spouseId token"; each thread takes every n-th line once.
package.path = package.path .. ";" .. os.getenv("LT_DIR") .. "/scenarios/?.lua"
require "common"

local threads = {}
local families, index, stride, plan

function setup(thread)
  thread:set("thread_id", #threads)
  thread:set("thread_count", 0)
  threads[#threads + 1] = thread
end

function init(args)
  families = read_lines(os.getenv("LT_FAMILIES"))
  plan = os.getenv("LT_PLAN")
  index = thread_id + 1
  stride = tonumber(os.getenv("LT_THREADS"))
end

function request()
  local line = families[index]
  index = index + stride
  if line == nil then
    line = families[1] -- exhausted: replays (answered from the idempotency record)
  end
  local payer, spouse, token = line:match("(%S+) (%S+) (%S+)")
  local body = string.format('{"plan":"%s","payer":"SELF","members":[' ..
    '{"idNumber":"%s","name":"参保人","relation":"SELF","consent":true},' ..
    '{"idNumber":"%s","name":"参保人","relation":"SPOUSE","consent":true}]}', plan, payer, spouse)
  return wrk.format("POST", "/api/v1/enrolments", {["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json", ["Idempotency-Key"] = "lt-" .. payer}, body)
end

done = report
