import CLua
import Kernel

// weft.autocmd and weft.cmd (docs/lua-api.md).

extension LuaRuntime {
    func autocmdFunctions() -> [String: LuaFunction.Body] {
        [
            "create": { [unowned self] c in
                let events: [String] = c.type(1) == LUA_TTABLE ? try c.strings(1) : [try c.string(1)]
                _ = try c.table(2)
                let o = try LuaOptions(c, 2, allowed: ["pattern", "group", "once", "priority", "desc", "callback"])
                guard let ref = try c.functionField(2, "callback") else {
                    throw c.bad(2, "field 'callback': function expected, got nil")
                }
                let h = handler(ref)
                let options = AutocmdOptions(pattern: try o.string("pattern"), group: try o.string("group"),
                                             once: try o.bool("once") ?? false,
                                             priority: try o.int("priority") ?? 0,
                                             desc: try o.string("desc"), owner: h.owner)
                let label = [options.desc, h.owner].compactMap { $0 }.joined(separator: ", ")
                let id = try editor.events.create(events: events, options: options) { [weak self] ev in
                    guard let self else { return false }
                    let r = try self.invoke(h, [.value(Self.eventValue(ev))],
                                            what: "autocmd \(ev.id) for '\(ev.event)' (\(label))")
                    return r.first == .bool(true)
                }
                return c.push(id)
            },
            "del": { [unowned self] c in
                try editor.events.del(try c.int(1))
                return 0
            },
            "group": { [unowned self] c in
                let name = try c.string(1)
                let o = try LuaOptions(c, 2, allowed: ["clear"])
                return c.push(try editor.events.group(name, clear: try o.bool("clear") ?? false))
            },
            "emit": { [unowned self] c in
                let event = try c.string(1)
                guard !event.isEmpty else { throw c.bad(1, "event name is empty") }
                let data = try c.plain(2)
                return c.push(editor.emit(EventName(event), data: data))
            },
            "list": { [unowned self] c in
                let list = editor.events.list(event: try c.optString(1))
                return c.push(.array(list.map(Self.autocmdValue)))
            },
        ]
    }

    /// `{id, event, data, buf, win, match}` for a callback.
    static func eventValue(_ ev: EventPayload) -> Value {
        var t: [String: Value] = ["id": .int(ev.id), "event": .string(ev.event), "data": ev.data]
        if let b = ev.buf { t["buf"] = .int(b.raw) }
        if let w = ev.win { t["win"] = .int(w.raw) }
        if let s = ev.subject { t["match"] = .string(s) }
        return .table(t)
    }

    static func autocmdValue(_ a: AutocmdInfo) -> Value {
        var t: [String: Value] = ["id": .int(a.id), "event": .string(a.event), "once": .bool(a.once),
                                  "priority": .int(a.priority)]
        if let p = a.pattern { t["pattern"] = .string(p) }
        if let g = a.group { t["group"] = .string(g) }
        if let d = a.desc { t["desc"] = .string(d) }
        if let o = a.owner { t["owner"] = .string(o) }
        return .table(t)
    }

    func cmdFunctions() -> [String: LuaFunction.Body] {
        [
            "create": { [unowned self] c in
                let name = try c.string(1)
                let h = handler(try c.function(2))
                let o = try LuaOptions(c, 3, allowed: ["desc", "nargs", "complete"])
                var nargs = CommandNargs.zero
                if let v = o.value("nargs") {
                    do { nargs = try CommandNargs(parsing: v.int.map(String.init) ?? v.string ?? "") } catch {
                        throw c.bad(3, "field 'nargs': expected \"0\", \"1\", \"?\", \"*\" or \"+\", got \(v.description)")
                    }
                }
                let complete = try c.functionField(3, "complete").map { completion(handler($0), name) }
                let options = CommandOptions(desc: try o.string("desc"), nargs: nargs,
                                             complete: complete, owner: h.owner)
                let what = "command '\(name)' (\(h.owner))"
                try editor.commands.create(name: name, options: options) { [weak self] inv in
                    let arg: Value = .table(["name": .string(inv.name), "args": .string(inv.args),
                                             "fargs": .array(inv.fargs.map { .string($0) }),
                                             "bang": .bool(inv.bang)])
                    _ = try self?.invoke(h, [.value(arg)], what: what)
                }
                return 0
            },
            "del": { [unowned self] c in
                try editor.commands.del(name: try c.string(1))
                return 0
            },
            "run": { [unowned self] c in
                try editor.commands.run(line: try c.string(1))
                return 0
            },
            "list": { [unowned self] c in
                c.push(.array(editor.commands.list().map { info in
                    var t: [String: Value] = ["name": .string(info.name), "nargs": .string(info.nargs.rawValue)]
                    if let d = info.desc { t["desc"] = .string(d) }
                    if let o = info.owner { t["owner"] = .string(o) }
                    return .table(t)
                }))
            },
        ]
    }

    /// A command's completion function: Lua gets the argument being typed
    /// and returns a list of strings; failures are reported and give none.
    private func completion(_ h: LuaRef, _ name: String) -> (String) -> [String] {
        { [weak self] lead in
            guard let self else { return [] }
            do {
                let r = try self.invoke(h, [.value(.string(lead))], what: "completion of '\(name)' (\(h.owner))")
                return r.first?.array?.compactMap(\.string) ?? []
            } catch {
                self.report("completion of '\(name)' failed: \(error)")
                return []
            }
        }
    }
}
