-- Random cases for the differential test of weft's string patterns
-- (patterns_spec.lua): subjects, patterns, init positions and
-- replacements, drawn from small alphabets full of the characters that
-- matter (magic characters, '%', brackets, NUL, bytes that are not UTF-8),
-- so that matches, empty matches and malformed patterns are all common.
--
--   local cases = require("pattern_cases")
--   local rng = cases.rng(seed)
--   local c = cases.random_case(rng)   -- { fn = "gsub", args = {...}, n = 4 }
--   local same, mine, theirs = cases.compare(c, weft_impl, lua_impl)

local M = {}

--- A deterministic generator (its own, so the sequence does not depend on
--- math.random's state): integers in [lo, hi] and picks from lists.
function M.rng(seed)
  local state = seed % 2147483647
  if state <= 0 then state = state + 2147483646 end
  local r = {}
  function r.int(lo, hi)
    state = state * 48271 % 2147483647
    return lo + state % (hi - lo + 1)
  end
  function r.pick(list) return list[r.int(1, #list)] end
  function r.chance(p) return r.int(1, 1000) <= p * 1000 end
  return r
end

local subject_chars = { "a", "a", "b", "b", "c", "x", "A", "1", "2", " ", "\t", "(", ")", "[", "]",
  "%", ".", "-", "^", "$", "_", "\0", "\255", "\195", "\169", "\n" }

local items = { "a", "b", "c", "x", "A", "1", " ", "\0", "\255", "\195\169", ".", ".", "%a", "%d", "%s",
  "%w", "%l", "%u", "%p", "%c", "%x", "%g", "%A", "%D", "%S", "%W", "%P", "%%", "%.", "%(", "%]", "%-",
  "[abc]", "[^a]", "[a-c]", "[^%d ]", "[%a_]", "[]]", "[^]]", "[a-]", "[-a]", "[%]x]", "[\0-\31]",
  "[\128-\255]", "%b()", "%bab", "%b[]", "%f[%w]", "%f[^%s]", "%f[a]", "%f[%z]", "()", "(", ")", "(", ")",
  "%1", "%2", "%0", "$", "^", "-", "*", "[", "%", "%f", "%b", "%bx", "]", "%q", "%Z" }

local quantifiers = { "*", "+", "-", "?" }

--- A string of up to max characters from subject_chars.
function M.subject(r, max)
  local out = {}
  for i = 1, r.int(0, max) do out[i] = r.pick(subject_chars) end
  return table.concat(out)
end

--- A pattern of a few items, sometimes quantified or anchored.
function M.pattern(r)
  local out = {}
  if r.chance(0.25) then out[1] = "^" end
  for _ = 1, r.int(0, 6) do
    out[#out + 1] = r.pick(items)
    if r.chance(0.35) then out[#out + 1] = r.pick(quantifiers) end
  end
  if r.chance(0.2) then out[#out + 1] = "$" end
  return table.concat(out)
end

local function init(r)
  if r.chance(0.4) then return nil end
  if r.chance(0.05) then return r.pick({ math.maxinteger, math.mininteger, 1000, -1000 }) end
  return r.int(-15, 15)
end

local template_parts = { "<", ">", "%0", "%1", "%2", "%3", "%%", "x", "%", "%x", "%9", "%a" }

local function template(r)
  local out = {}
  for i = 1, r.int(0, 4) do out[i] = r.pick(template_parts) end
  return table.concat(out)
end

-- Function replacements: deterministic in their arguments, returning
-- strings, numbers, false, nil or (an error) a table.
local replacers = {
  function(a, b) return tostring(a) .. "|" .. tostring(b) end,
  function(a) if a == "a" then return false end return "[" .. tostring(a) .. "]" end,
  function(...) return select("#", ...) end,
  function() return nil end,
  function(a) if a == "b" then return {} end return a end,
}

local function replacement(r)
  local kind = r.int(1, 6)
  if kind <= 3 then return template(r) end
  if kind == 4 then return r.pick({ 7, 1.5 }) end
  if kind == 5 then return { a = "A", b = false, ["1"] = 1, [""] = "E", x = true } end
  return r.pick(replacers)
end

--- One random call: which function and its arguments.
function M.random_case(r)
  local fn = r.pick({ "find", "find", "match", "gmatch", "gsub", "gsub" })
  local s, p = M.subject(r, 12), M.pattern(r)
  if fn == "find" then
    local plain = r.pick({ nil, false, true })
    return { fn = fn, args = { s, p, init(r), plain }, n = 4 }
  elseif fn == "gsub" then
    local limit = r.chance(0.7) and nil or r.int(-1, 3)
    return { fn = fn, args = { s, p, replacement(r), limit }, n = 4 }
  end
  return { fn = fn, args = { s, p, init(r) }, n = 3 }
end

-- Calls impl[fn] by field name (so argument errors name the same
-- function) and returns the outcome as a comparable list.
local function outcome(impl, c)
  local packed = table.pack(pcall(function()
    if c.fn ~= "gmatch" then return impl[c.fn](table.unpack(c.args, 1, c.n)) end
    local rounds = { n = 0 }
    local iter = impl.gmatch(table.unpack(c.args, 1, c.n))
    for _ = 1, 40 do
      local got = table.pack(iter())
      rounds.n = rounds.n + 1
      rounds[rounds.n] = got
      if got.n == 0 then break end
    end
    return rounds
  end))
  return packed
end

local function same_value(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) == "number" then return math.type(a) == math.type(b) and a == b end
  if type(a) ~= "table" then return a == b end
  if a.n ~= b.n then return false end
  for i = 1, a.n do if not same_value(a[i], b[i]) then return false end end
  return true
end

--- Runs case c through both implementations. Returns whether they agree,
--- and both outcomes as strings.
function M.compare(c, mine, theirs)
  local a, b = outcome(mine, c), outcome(theirs, c)
  if same_value(a, b) then return true end
  return false, M.show(a), M.show(b)
end

--- Readable form of an outcome or case value (bytes escaped).
function M.show(v)
  if type(v) == "string" then return string.format("%q", v):gsub("\n", "n") end
  if type(v) == "function" then return "<function>" end
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for i = 1, v.n or #v do parts[#parts + 1] = M.show(v[i]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

return M
