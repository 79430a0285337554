import CLua
import CLuaShim
import Kernel
import LuaAPI

// Lua values into weft: layout specs (`weft.layout.set`) and plugin
// manifests (`manifest.lua`), through the one Lua -> plain data reader.
//
// Input: a program that builds a graph of Lua tables (cycles and shared
// subtables included) with keys and values of every kind. Converting it
// must end (a cycle, too much depth or too many values is an error, never a
// hang); a converted value pushed back to Lua converts to itself; a layout
// spec that reads must write back to itself and, once the editor accepts
// it, must lay out at any size with every shown window inside the screen
// and no two windows overlapping.

nonisolated(unsafe) private let lua = LuaState()
nonisolated(unsafe) private let editor: Editor = {
    let e = Editor(size: Size(width: 80, height: 24))
    for name in ["a", "b", "c"] {
        let b = try! e.createBuffer(name: name)
        var spec = WindowSpec()
        spec.name = name
        _ = try! e.openWindow(buffer: b.id, spec)
    }
    return e
}()
nonisolated(unsafe) private var windowIDs: [Int] = editor.focusCandidates.map(\.raw)

private let stringKeys = ["win", "kind", "children", "size", "weight", "name", "description", "enabled",
                  "requires", "bin", "lua", "version", "x", ""]
private let strings = ["row", "col", "x", "", "git", "weft", "é中😀", "\u{1B}[2J", String(repeating: "z", count: 300)]

public func fuzzLuaValues(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let L = lua.L
    let base = lua_gettop(L)
    defer { lua_settop(L, base) }
    let tables = r.int(in: 1...8)
    for _ in 0..<tables { lua_createtable(L, 0, 0) }
    var ops = 0
    while !r.isAtEnd && ops < 400 {
        ops += 1
        let t = base + 1 + Int32(r.int(in: 0...(tables - 1)))
        pushKey(&r, L)
        pushValue(&r, L, base: base, tables: tables)
        if lua_type(L, -2) == LUA_TNIL || (lua_type(L, -2) == LUA_TNUMBER && lua_tonumberx(L, -2, nil).isNaN) {
            weft_pop(L, 2)
            continue
        }
        lua_rawset(L, t)
    }
    let converted: Value
    do { converted = try LuaValue.value(L, at: base + 1) } catch {
        return 0  // a cycle, too deep or too large: refused, and it ended
    }
    if !hasNull(converted) {
        // (A null, from a function, is an absent field or a hole once back
        // in Lua, and NaN equals nothing: only values free of both round-trip.)
        LuaValue.push(L, converted)
        let again = try? LuaValue.value(L, at: -1)
        fuzzCheck(again == converted, "a converted value pushed back converts differently:\n\(converted)\nvs\n\(String(describing: again))")
    }
    checkLayout(converted)
    _ = try? PluginManifest(value: converted)
    return 0
}

private func hasNull(_ v: Value) -> Bool {
    switch v {
    case .null: return true
    case .double(let d): return d.isNaN  // NaN is not equal to itself
    case .array(let a): return a.contains(where: hasNull)
    case .table(let t): return t.values.contains(where: hasNull)
    default: return false
    }
}

private func pushKey(_ r: inout FuzzReader, _ L: OpaquePointer) {
    switch r.int(in: 0...9) {
    case 0...4: LuaValue.pushString(L, r.pick(stringKeys))
    case 5, 6: lua_pushinteger(L, lua_Integer(r.int(in: 1...4)))
    case 7: lua_pushinteger(L, lua_Integer(r.pick([0, -1, Int.max, Int.min, 1 << 40])))
    case 8: lua_pushnumber(L, r.pick([1.5, -0.0, .infinity, 3.0]))
    default: lua_pushboolean(L, 1)
    }
}

private func pushValue(_ r: inout FuzzReader, _ L: OpaquePointer, base: Int32, tables: Int) {
    switch r.int(in: 0...11) {
    case 0...3: lua_pushvalue(L, base + 1 + Int32(r.int(in: 0...(tables - 1))))
    case 4, 5: LuaValue.pushString(L, r.pick(strings))
    case 6: lua_pushinteger(L, lua_Integer(r.pick(windowIDs + [0, 1, -1, 3, 10_000, Int.max, Int.min])))
    case 7: lua_pushnumber(L, r.pick([0.5, 1.0, -2.5, .nan, .infinity, -.infinity, 1e300, 4.0]))
    case 8: lua_pushboolean(L, Int32(r.int(in: 0...1)))
    case 9: weft_getglobal(L, "print")
    case 10: lua_createtable(L, 0, 0)
    default: lua_pushnil(L)
    }
}

/// A spec that reads round-trips; one the editor takes lays out cleanly.
private func checkLayout(_ v: Value) {
    guard let spec = try? LayoutSpec(value: v) else { return }
    let back = try? LayoutSpec(value: spec.value)
    fuzzCheck(back == spec, "layout spec does not round-trip: \(spec) -> \(spec.value)")
    guard (try? editor.setLayout(spec)) != nil, let tree = editor.layout else { return }
    for area in [Rect(row: 0, col: 0, width: 80, height: 24), Rect(row: 0, col: 0, width: 3, height: 2),
                 Rect(row: 0, col: 0, width: 1, height: 1), Rect(row: 2, col: 5, width: 200, height: 60)] {
        let rects = tree.compute(in: area)
        for (w, rect) in rects where rect.width > 0 && rect.height > 0 {
            fuzzCheck(rect.row >= area.row && rect.col >= area.col
                      && rect.row + rect.height <= area.row + area.height && rect.col + rect.width <= area.col + area.width,
                      "window \(w) at \(rect) outside \(area) for \(spec)")
            for (o, other) in rects where o != w && other.width > 0 && other.height > 0 {
                let apart = rect.col + rect.width <= other.col || other.col + other.width <= rect.col
                    || rect.row + rect.height <= other.row || other.row + other.height <= rect.row
                fuzzCheck(apart, "windows \(w) \(rect) and \(o) \(other) overlap in \(area) for \(spec)")
            }
        }
    }
}
