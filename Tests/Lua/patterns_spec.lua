local t = require("helpers")
local cases = require("pattern_cases")

-- weft's string.find/match/gmatch/gsub (Sources/CLuaShim/pattern_*.c)
-- against the system library's, which weft keeps in the registry: every
-- call must give the same results, or the same error message.

local theirs = debug.getregistry()["weft.string_originals"]
local mine = { find = string.find, match = string.match, gmatch = string.gmatch, gsub = string.gsub }

local function show_case(c)
  local args = {}
  for i = 1, c.n do args[i] = cases.show(c.args[i]) end
  return "string." .. c.fn .. "(" .. table.concat(args, ", ") .. ")"
end

local function check(c, context)
  local same, a, b = cases.compare(c, mine, theirs)
  if not same then
    error((context or "") .. show_case(c) .. "\n  weft:   " .. a .. "\n  system: " .. b, 2)
  end
end

-- { fn, n, args... }
local function case(fn, ...) return { fn = fn, args = { ... }, n = select("#", ...) } end

local edge_cases = {
  -- empty matches, anchors and init
  case("find", "", ""), case("find", "abc", ""), case("find", "abc", "", 10), case("find", "abc", "", 4),
  case("find", "abc", "", -1), case("find", "abc", "x*", -10), case("match", "abc", "^", 2),
  case("find", "abc", "c", math.mininteger), case("find", "abc", "a", math.maxinteger),
  case("match", "abc", "()", 4), case("match", "abc", "()", 5), case("find", "a.b", ".", 1, true),
  case("find", "a.b", "%.", 1, false), case("find", "aXb", "X", -2, true), case("find", "abc", "^b"),
  case("find", "abc", "^b", 2), case("match", "abc", "c$"), case("match", "ab$c", "b$c"),
  case("match", "a^b", "a^b"), case("find", "abc", "b", nil, true), case("find", 12345, 34),
  -- classes, sets and frontiers
  case("gsub", "hello world from Lua", "%f[%a]%a+", "<%0>"), case("gsub", "THE (quick) fox", "%f[%a]%u+%f[%A]", "X"),
  case("match", "  x", "%f[%S].*"), case("find", "a]b", "[]]"), case("find", "a-b", "[a-]", 2),
  case("match", "x^y", "[%^x]+"), case("match", "\0\1\2abc", "[\0-\2]+"), case("match", "a\0b", "a%zb"),
  case("match", "\195\169t\195\169", "[\128-\255]+"), case("match", "caf\233", "%a+"),
  case("match", "key = value", "(%w+)%s*=%s*(%w+)"), case("find", "a.b.c", "%.", 3),
  -- balanced runs and back-references
  case("match", "f(a(b)c)d", "%b()"), case("match", "f(a(b)c", "%b()"), case("gsub", "[x][y]", "%b[]", "B"),
  case("match", 'say "hi" now', '(["\'])(.-)%1'), case("match", "abab", "(ab)%1"), case("match", "aa", "()a%1"),
  case("gsub", "aaa bbb", "(%w)%1", "%1"), case("match", "x", "(x)%2"),
  -- captures
  case("match", "hello", "(h)(e)(l)(l)(o)"), case("find", "hello", "(l)(l)"), case("match", "abc", "((a)(b))c"),
  case("find", "abc", "()b()"), case("match", "abc", "(a"), case("match", "abc", "a)"), case("match", "ab", "(a)(b)%3"),
  case("find", ("a"):rep(40), ("(a)"):rep(33)), case("match", ("a"):rep(300), ("a-"):rep(250) .. "b"),
  case("match", ("a"):rep(300), ("a?"):rep(250) .. "b"), case("match", ("a"):rep(300), ("(a)?"):rep(30)),
  -- gmatch: anchors are literal, init, empty matches after a match
  case("gmatch", "abc", ".-"), case("gmatch", "abc", "a*"), case("gmatch", "^a^a", "^a"),
  case("gmatch", "one two  three", "%a+"), case("gmatch", "k=v, a=b", "(%w+)=(%w+)"),
  case("gmatch", "hello", "()l"), case("gmatch", "abc", "", 2), case("gmatch", "abc", ".", -1),
  case("gmatch", "abc", ".", 10), case("gmatch", "abc", "x*"),
  -- gsub replacements and limits
  case("gsub", "hello world", "o", "0", 1), case("gsub", "hello", "", "-"), case("gsub", "abc", ".-", "-"),
  case("gsub", "abc", "x*", "-"), case("gsub", "hello world", "(o)", "[%1%1]"), case("gsub", "abc", "b", "%%"),
  case("gsub", "abc", "b", "%"), case("gsub", "abc", "b", "%x"), case("gsub", "abc", "(b)", "%2"),
  case("gsub", "abc", "b", "%1"), case("gsub", "abc", "()b", "%1"), case("gsub", "abc", "b", 5),
  case("gsub", "abc", "%w", { a = 1, b = true }), case("gsub", "abc", "%w", { a = "A" }),
  case("gsub", "abc", "(%w)", function(c) return c:upper() end), case("gsub", "abc", "%w", function() return {} end),
  case("gsub", "abc", "^.", "X"), case("gsub", "abc", "^", "X"), case("gsub", "abc", "$", "X"),
  case("gsub", "abc", "b", "x", -1), case("gsub", "abc", "b", "x", 0), case("gsub", "abc", "b"),
  case("gsub", "abc", "b", "x", "y"), case("gsub", "abc", "b", nil, "y"), case("gsub", "a\0b\0", "%z", "0"),
  -- malformed patterns, reached and not reached
  case("find", "abc", "%"), case("find", "abc", "x%"), case("find", "xbc", "x%"), case("find", "abc", "[a"),
  case("find", "abc", "[^"), case("find", "abc", "[%"), case("find", "abc", "%f"), case("find", "abc", "%fa"),
  case("find", "abc", "%b"), case("find", "abc", "%ba"), case("match", "abc", "%1"), case("match", "abc", "%0"),
  case("match", "abc", "(()"), case("find", "abc", ("()"):rep(40)),
  -- bad arguments
  case("find"), case("find", "a"), case("find", "a", {}), case("find", "a", "a", "x"), case("match", nil, "a"),
  case("gmatch", "a"), case("gmatch", "a", "a", {}), case("gsub", "a", "a"), case("gsub", {}, "a", "b"),
  case("find", "a", "a", 1.5),
}

t.describe("string patterns", function()
  t.it("are weft's own, also as string methods", function()
    t.eq("table", type(theirs))
    t.ok(string.find ~= theirs.find and string.gsub ~= theirs.gsub)
    t.ok(("").find == string.find and ("").gmatch == string.gmatch)
  end)

  t.it("agree with the system library on hand-written edge cases", function()
    for _, c in ipairs(edge_cases) do check(c) end
  end)

  t.it("agree with the system library on random cases", function()
    local seed = tonumber(os.getenv("WEFT_PATTERN_SEED") or "") or os.time()
    local count = tonumber(os.getenv("WEFT_PATTERN_CASES") or "") or 20000
    local r = cases.rng(seed)
    for i = 1, count do
      check(cases.random_case(r), "seed " .. seed .. ", case " .. i .. " (WEFT_PATTERN_SEED=" .. seed .. "): ")
    end
  end)

  t.it("agree on long subjects", function()
    local r = cases.rng(7)
    for _ = 1, 200 do
      local c = cases.random_case(r)
      c.args[1] = tostring(c.args[1]):rep(r.int(20, 200))
      check(c)
    end
  end)
end)
