local t = require("helpers")

t.describe("bounded memory", function()
  t.it("creates and closes 10,000 buffers and windows", function()
    local bufs0, wins0 = #weft.buf.list(), #weft.win.list()
    local mem0, boxes0 = T.lua_memory(), T.live_boxes()
    for i = 1, 10000 do
      local b = weft.buf.create{ name = "stress" .. (i % 7) }
      weft.buf.set_lines(b, 0, -1, { "line " .. i })
      local w
      if i % 2 == 0 then
        w = weft.win.open(b, { relative = "editor", row = 1, col = 1, width = 10, height = 2 })
      else
        w = weft.win.open(b, { split = "right" })
      end
      weft.win.close(w)
      weft.buf.delete(b)
    end
    t.eq(bufs0, #weft.buf.list())
    t.eq(wins0, #weft.win.list())
    local mem1, boxes1 = T.lua_memory(), T.live_boxes()
    t.eq(boxes0, boxes1, "no Swift function objects left behind")
    t.ok(mem1 - mem0 < 256 * 1024, "Lua memory grew by " .. (mem1 - mem0) .. " bytes")
  end)

  t.it("frees handlers of deleted keymaps, autocmds and finished timers", function()
    local function churn()
      for i = 1, 2000 do
        local data = string.rep("x", 100) .. i
        weft.keymap.set("normal", "<F2>", function() return data end)
        local id = weft.autocmd.create("UserChurn", { callback = function() return data == "" end })
        weft.autocmd.del(id)
        weft.cmd.create("Churn", function() return data end)
      end
      weft.keymap.del("normal", "<F2>")
      weft.cmd.del("Churn")
    end
    churn()
    local mem0 = T.lua_memory()
    churn()
    local mem1 = T.lua_memory()
    t.ok(mem1 - mem0 < 64 * 1024, "Lua memory grew by " .. (mem1 - mem0) .. " bytes")
  end)
end)
