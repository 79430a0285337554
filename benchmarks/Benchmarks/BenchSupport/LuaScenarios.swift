/// The Lua of the Lua scenarios, shared by the benchmark suite and the
/// callgrind driver (`Tools/Profile`) so both measure the same code: a
/// `setup` chunk run once, then a `step` chunk per iteration.
public enum LuaScenario: String, CaseIterable, Sendable {
    case bufSetLines = "buf_set_lines"
    case extmarkSet = "extmark_set"
    case extensionWindow = "extension_window"

    /// Run once before measuring.
    public var setup: String {
        switch self {
        case .bufSetLines: return "b = weft.buf.create{}"
        case .extmarkSet:
            return "b = weft.buf.create{}; weft.buf.set_lines(b, 0, -1, {string.rep('x', 100)}); ns = weft.ns.create('bench')"
        case .extensionWindow:
            return """
                local b = weft.buf.create{}
                w = weft.win.open(b, {renderer = 'extension'})
                function draw()
                  local ops = {}
                  for i = 0, 1999 do
                    ops[#ops + 1] = {kind = 'text', row = i % 50, col = (i * 7) % 190, text = 'op' .. i, hl = 'Title'}
                  end
                  weft.ui.draw(w, ops)
                end
                """
        }
    }

    /// One measured iteration (the extension window also renders a frame).
    public var step: String {
        switch self {
        case .bufSetLines: return "for i = 1, 10000 do weft.buf.set_lines(b, 0, -1, {'line ' .. i, 'second'}) end"
        case .extmarkSet:
            return "weft.extmark.clear(b, ns, 0, -1); for i = 1, 10000 do weft.extmark.set(b, ns, 0, i % 100, {hl = 'Title'}) end"
        case .extensionWindow: return "draw()"
        }
    }
}
