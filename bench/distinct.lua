-- wrk script: every request a different address, so that no kept page answers it.
-- Set PATTERN (with {n} for a number from 1 to N, {word} and {word2} for words of the synthetic titles,
-- {r} for a unique counter) and N in the environment: PATTERN='/projects/synthetic-{n}?r={r}' N=100000.
local pattern = os.getenv("PATTERN") or "/projects/synthetic-{n}?r={r}"
local n_max = tonumber(os.getenv("N") or "100000")
local words = {
  "labour", "sexual", "victim", "child", "forced", "online", "supply", "shelter", "financial", "cross",
  "border", "data", "prosecution", "mapping", "preventing", "measuring", "understanding", "disrupting",
  "supporting", "monitoring", "baltic", "balkan", "mediterranean", "central", "europe", "port", "cities",
  "university", "institute", "research", "foundation", "observatory", "exploitation", "identification",
  "trafficking", "criminality", "recruitment", "chains", "provision", "investigations", "cooperation",
  "collection", "traffickers", "route", "region", "across", "synthetic", "project",
}
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tonumber(wrk.thread:get("thread_id")) or 1
  math.randomseed(thread_id * 7919)
end

function request()
  counter = counter + 1
  local r = tostring(thread_id) .. "x" .. tostring(counter)
  local path = pattern
    :gsub("{n}", tostring(math.random(1, n_max)))
    :gsub("{word2}", words[math.random(1, #words)])
    :gsub("{word}", words[math.random(1, #words)])
    :gsub("{r}", r)
  return wrk.format("GET", path)
end
