-- Coverage lookups from hospitals: read-only, random insured people.
package.path = package.path .. ";" .. os.getenv("LT_DIR") .. "/scenarios/?.lua"
require "common"

local people, headers

function init(args)
  people = read_lines(os.getenv("LT_PEOPLE"))
  headers = {["Authorization"] = "Bearer " .. os.getenv("LT_HOSPITAL_TOKEN")}
end

function request()
  return wrk.format("GET", "/api/v1/hospital/coverage/" .. people[math.random(#people)], headers)
end

done = report
