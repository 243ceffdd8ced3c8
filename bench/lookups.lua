-- wrk script for the sustained run of bench/load.sh: lookups over many postcodes and names, so the proxy's
-- caches fill, expire and answer both hits and misses (the misses reach the in-process sandbox).
local queries = {}
for plz = 1000, 9600, 25 do queries[#queries + 1] = "/v1/localities?q=" .. plz end
for _, name in ipairs({ "bern", "zur", "gen", "laus", "luz", "basel", "biel", "st%20gallen", "lug", "chur" }) do
  queries[#queries + 1] = "/v1/localities?q=" .. name
end
queries[#queries + 1] = "/v1/streets?postcode=3011&q=aarb"
queries[#queries + 1] = "/v1/house-numbers?postcode=3011&street=Aarbergergasse&q=1"
queries[#queries + 1] = "/v1/pickup-points?bbox=9.30,47.39,9.45,47.45&types=mypost24"
math.randomseed(20261123)
request = function()
  return wrk.format("GET", queries[math.random(#queries)])
end
