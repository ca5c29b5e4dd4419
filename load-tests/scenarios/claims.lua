-- Claim storm: settlements across many insured people; 5% go to a few hot people, 2% are retries of an
-- earlier settlement, 1% are reversals. Each wrk thread numbers its own settlement IDs.
package.path = package.path .. ";" .. os.getenv("LT_DIR") .. "/scenarios/?.lua"
require "common"

-- counter is global so that done() can read it from each thread (thread:get reads globals).
counter = 0
local people, hot, token, run, admission = nil, nil, nil, nil, nil
local issued = {}
local last_body = nil
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  people = read_lines(os.getenv("LT_PEOPLE"))
  hot = {}
  for i = 1, 20 do hot[i] = people[i] end
  token = os.getenv("LT_HOSPITAL_TOKEN")
  -- thread_id is set by setup() in this thread's state; the time keeps warm-up and measured IDs apart.
  run = os.getenv("LT_RUN") .. "-" .. os.time()
  admission = os.getenv("LT_ADMISSION")
  math.randomseed(os.time() * 100 + thread_id)
end

local function body(id, person)
  return string.format('{"settlementId":"%s","idNumber":"%s","careType":"INPATIENT","admissionDate":"%s",' ..
    '"dischargeDate":"%s","totalAmount":73000.00,"basicFundPaid":60000.00,"criticalIllnessPaid":10000.00,' ..
    '"medicalAssistancePaid":0.00,"otherFundPaid":0.00,"inPolicySelfPay":2000.00,"outOfPolicySelfPay":1000.00,' ..
    '"overLimitSelfPay":0.00}', id, person, admission, admission)
end

function request()
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  local roll = math.random()
  -- Reverse only settlements issued a while ago: a just-issued one may still be in flight on another connection.
  if roll < 0.01 and #issued > 100 then
    local id = issued[math.random(#issued - 100)]
    return wrk.format("POST", "/api/v1/hospital/settlements/" .. id .. "/reversal", headers, "")
  end
  if roll < 0.03 and last_body ~= nil then
    return wrk.format("POST", "/api/v1/hospital/settlements", headers, last_body)
  end
  counter = counter + 1
  local id = run .. "-" .. thread_id .. "-" .. counter
  local person
  if math.random() < 0.05 then person = hot[math.random(#hot)] else person = people[math.random(#people)] end
  last_body = body(id, person)
  if #issued < 5000 then issued[#issued + 1] = id end
  return wrk.format("POST", "/api/v1/hospital/settlements", headers, last_body)
end

function done(summary, latency, requests)
  report(summary, latency, requests)
  local issued_total = 0
  for _, thread in ipairs(threads) do issued_total = issued_total + thread:get("counter") end
  io.write("ISSUED " .. issued_total .. "\n")
end

