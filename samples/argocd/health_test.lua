-- Runs health.lua against status fixtures, as Argo CD would (obj is a global).
-- Usage: lua5.4 samples/argocd/health_test.lua   (prints "N passed, N failed"; exit 1 on failure)
local here = arg[0]:match("(.*/)") or "./"
local check = assert(loadfile(here .. "health.lua", "t"))

local function cond(type, status, reason, message)
  return { type = type, status = status, reason = reason, message = message or "" }
end

local function pipeline(generation, status)
  return { metadata = { name = "p", generation = generation }, status = status }
end

local healthy = {
  observedGeneration = 3,
  conditions = {
    cond("Ready", "True", "ConsumersReady", "3/3 consumers ready"),
    cond("Progressing", "False", "RolloutComplete", "all consumers run the spec"),
    cond("Degraded", "False", "AsExpected", "no failure seen"),
  },
}

local function with(base, type, replacement)
  local copy = { observedGeneration = base.observedGeneration, conditions = {} }
  for _, c in ipairs(base.conditions) do
    copy.conditions[#copy.conditions + 1] = (c.type == type) and replacement or c
  end
  return copy
end

local cases = {
  { "no status yet", pipeline(1, nil), "Progressing", "Waiting for the operator" },
  { "all ready", pipeline(3, healthy), "Healthy", "ConsumersReady: 3/3" },
  { "spec changed, not yet observed", pipeline(4, healthy), "Progressing", "generation 4" },
  { "observedGeneration missing", pipeline(2, { conditions = healthy.conditions }), "Progressing", "generation 2" },
  { "rolling out", pipeline(3, with(healthy, "Progressing", cond("Progressing", "True", "RollingOut", "1/3 updated"))),
    "Progressing", "RollingOut: 1/3 updated" },
  { "degraded", pipeline(3, with(healthy, "Degraded", cond("Degraded", "True", "ProgressDeadlineExceeded", "stuck"))),
    "Degraded", "ProgressDeadlineExceeded: stuck" },
  { "secret missing", pipeline(3, with(healthy, "Ready", cond("Ready", "False", "SecretNotFound", "secret ch-creds not found"))),
    "Degraded", "SecretNotFound" },
  { "invalid spec", pipeline(3, with(healthy, "Ready", cond("Ready", "False", "InvalidSpec", "bad"))),
    "Degraded", "InvalidSpec: bad" },
  { "consumers not ready yet", pipeline(3, with(healthy, "Ready", cond("Ready", "False", "ConsumersNotReady", "1/3 ready"))),
    "Progressing", "ConsumersNotReady: 1/3 ready" },
  { "scaled to zero", pipeline(3, with(healthy, "Ready", cond("Ready", "True", "ScaledToZero", "spec.replicas is 0"))),
    "Healthy", "ScaledToZero" },
  { "no conditions", pipeline(1, { observedGeneration = 1 }), "Progressing", "Waiting for consumers" },
  { "paused", pipeline(3, with(healthy, "Progressing", cond("Progressing", "False", "Paused", "the batchline.io/paused annotation holds every change"))),
    "Suspended", "Paused: the batchline.io/paused" },
  { "secret key missing", pipeline(3, with(healthy, "Ready", cond("Ready", "False", "SecretKeyNotFound", "no key password"))),
    "Degraded", "SecretKeyNotFound" },
}

local passed, failed = 0, 0
for _, case in ipairs(cases) do
  local name, resource, want_status, want_message = case[1], case[2], case[3], case[4]
  obj = resource
  local hs = check()
  if hs.status == want_status and hs.message:find(want_message, 1, true) then
    passed = passed + 1
    print("ok   " .. name .. " -> " .. hs.status .. " (" .. hs.message .. ")")
  else
    failed = failed + 1
    print("FAIL " .. name .. ": want " .. want_status .. " containing '" .. want_message
      .. "', got " .. tostring(hs.status) .. " (" .. tostring(hs.message) .. ")")
  end
end
print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1)
