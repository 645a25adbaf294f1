-- Argo CD resource health for batchline.io/EventPipeline.
-- Install under resource.customizations.health.batchline.io_EventPipeline in argocd-cm.
local hs = {}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.reason or fallback
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

local degraded = condition(obj.status, "Degraded")
local ready = condition(obj.status, "Ready")
local progressing = condition(obj.status, "Progressing")

if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(degraded, "Degraded")
  return hs
end

if ready ~= nil and ready.status == "False"
    and (ready.reason == "SecretNotFound" or ready.reason == "SecretKeyNotFound"
      or ready.reason == "InvalidSpec") then
  hs.status = "Degraded"
  hs.message = describe(ready, "NotReady")
  return hs
end

-- The batchline.io/paused annotation: the operator applies nothing until it is removed.
if progressing ~= nil and progressing.reason == "Paused" then
  hs.status = "Suspended"
  hs.message = describe(progressing, "Paused")
  return hs
end

if progressing ~= nil and progressing.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(progressing, "Progressing")
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready, "Waiting for consumers to become ready")
return hs
