-- A tiny test library for the Lua suite (run by Tests/LuaAPITests/LuaSuiteTests.swift).
--
--   local t = require("helpers")
--   t.describe("buf", function()
--     t.it("creates", function() t.eq(2, weft.buf.create{}) end)
--   end)
--
-- Results are collected in t.results = {passed=, failed=, failures={...}}.

local M = { results = { passed = 0, failed = 0, failures = {} } }
local stack = {}

--- Readable form of a value (tables sorted by key), for failure messages.
function M.inspect(v, depth)
  depth = depth or 0
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  if depth > 8 then return "{...}" end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return type(a) < type(b)
  end)
  local parts, n = {}, #v
  for _, k in ipairs(keys) do
    if type(k) == "number" and k >= 1 and k <= n and math.type(k) == "integer" then
      parts[#parts + 1] = M.inspect(v[k], depth + 1)
    else
      local key = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. M.inspect(k) .. "]"
      parts[#parts + 1] = key .. " = " .. M.inspect(v[k], depth + 1)
    end
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

--- Deep equality (tables compared by content, numbers by value).
function M.equal(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not M.equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

function M.describe(name, fn)
  stack[#stack + 1] = name
  fn()
  stack[#stack] = nil
end

function M.it(name, fn)
  local full = table.concat(stack, " > ") .. " > " .. name
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    M.results.passed = M.results.passed + 1
  else
    M.results.failed = M.results.failed + 1
    M.results.failures[#M.results.failures + 1] = full .. ": " .. tostring(err)
  end
end

function M.eq(expected, actual, msg)
  if not M.equal(expected, actual) then
    error((msg and msg .. ": " or "") .. "expected " .. M.inspect(expected) .. ", got " .. M.inspect(actual), 2)
  end
end

function M.ok(v, msg)
  if not v then error(msg or "expected a truthy value, got " .. M.inspect(v), 2) end
end

--- Calls fn, which must fail; returns the message without its "file:line: " prefix.
function M.raises(fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error, got none", 2) end
  local msg = tostring(err):gsub("^[^:\n]+:%d+: ", "")
  return msg
end

--- fn must fail with exactly `expected` (location prefix removed).
function M.raises_eq(expected, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected error " .. M.inspect(expected) .. ", got none", 2) end
  local msg = tostring(err):gsub("^[^:\n]+:%d+: ", "")
  if msg ~= expected then error("expected error " .. M.inspect(expected) .. ", got " .. M.inspect(msg), 2) end
end

--- fn must fail with a message containing `needle` (plain text).
function M.raises_match(needle, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error containing " .. M.inspect(needle) .. ", got none", 2) end
  if not tostring(err):find(needle, 1, true) then
    error("expected an error containing " .. M.inspect(needle) .. ", got " .. M.inspect(tostring(err)), 2)
  end
end

--- Runs the loop until cond() is true (or fails after ms).
function M.wait_for(ms, cond, what)
  if not weft.wait(ms, cond) then error("timed out waiting for " .. (what or "condition"), 2) end
end

return M
