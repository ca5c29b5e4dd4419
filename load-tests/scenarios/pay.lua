-- Campaign peak, step 2: the payment provider's signed notifications for the orders of step 1.
-- Lines of LT_PAYMENTS: "signature body"; each thread takes every n-th line once.
package.path = package.path .. ";" .. os.getenv("LT_DIR") .. "/scenarios/?.lua"
require "common"

local threads = {}
local payments, index, stride

function setup(thread)
  thread:set("thread_id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  payments = read_lines(os.getenv("LT_PAYMENTS"))
  index = thread_id + 1
  stride = tonumber(os.getenv("LT_THREADS"))
end

function request()
  local line = payments[index] or payments[1]
  index = index + stride
  local signature, body = line:match("(%S+) (.+)")
  return wrk.format("POST", "/api/v1/payments/notifications",
    {["Content-Type"] = "application/json", ["X-Signature"] = signature}, body)
end

done = report
