import Chat
import Kernel
import LuaAPI

/// The coding agent's part of `weft.chat`: permission mode, checkpoints,
/// `undo`, `rewind`, the instruction files, and `weft.chat.diff` (diffs as
/// text and as buffers).
enum ChatAgentLuaBindings {
    static func install(_ lua: LuaRuntime, chat: ChatUI) {
        let c = chat.controller
        lua.register(table: "chat", functions: [
            "permission_mode": { call in
                if let name = try call.optString(1) {
                    guard let mode = PermissionMode(name: name) else {
                        throw call.bad(1, "expected \(PermissionMode.names.replacingOccurrences(of: "|", with: ", ")), got '\(name)'")
                    }
                    c.setPermissionMode(mode)
                    chat.refreshStatus()
                }
                return call.push(c.permissionMode.rawValue)
            },
            "checkpoints": { call in
                let prompts = c.prompts
                let turns = c.checkpoints?.turns() ?? []
                return call.push(.array(turns.map { t in
                    var v: [String: Value] = ["turn": .int(t.turn), "files": .array(t.files.map { .string($0) }),
                                              "undone": .bool(t.undone), "time": .double(t.time)]
                    if let p = prompts.first(where: { $0.turn == t.turn }) { v["prompt"] = .string(p.text) }
                    return .table(v)
                }))
            },
            "undo": { call in
                let force = try call.optTable(1)?["force"] == .bool(true)
                guard !c.isBusy else { throw call.fail("undo: the chat is busy (interrupt it first)") }
                guard let plan = c.undoPlan() else { return call.pushNil() }
                let result = c.undo(plan, overwriteChanged: force)
                chat.refreshStatus()
                return call.push(c.restoreValue(result, turns: plan.turns))
            },
            "rewind": { call in
                let turn = try call.int(1)
                let force = try call.optTable(2)?["force"] == .bool(true)
                let outcome: RewindOutcome
                do { outcome = try c.rewind(toTurn: turn, overwriteChanged: force) } catch let e as ChatValueError {
                    throw call.fail("\(e)")
                }
                guard case .table(var t) = c.restoreValue(outcome.result, turns: []) else { return call.pushNil() }
                t["prompt"] = .string(outcome.prompt)
                t["session"] = c.sessionID.map { .string($0) } ?? .null
                t["previous_session"] = outcome.previousSession.map { .string($0) } ?? .null
                return call.push(.table(t))
            },
            "instructions": { call in
                call.push(.array(c.agent.instructions.files.map { f in
                    .table(["path": .string(f.path), "size": .int(f.size), "truncated": .bool(f.truncated),
                            "user": .bool(f.isUser), "text": .string(f.text)])
                }))
            },
        ])
        lua.register(table: "chat.diff", functions: [
            "unified": { call in
                let old = try call.optString(1), new = try call.string(2)
                let opts = try call.optTable(3) ?? [:]
                let context = opts["context"]?.int ?? 3
                guard context >= 0 else { throw call.bad(3, "field 'context': expected a count >= 0") }
                let path = opts["path"]?.string ?? "file"
                return call.push(FileDiff.make(old: old, new: new, path: path, context: context).unified)
            },
            "render": { call in
                let buf = try c.editor.buffer(try call.int(1))
                let text = try call.string(2)
                guard let diff = FileDiff.parse(text) ?? (text.isEmpty ? FileDiff(path: "", isNewFile: false, hunks: []) : nil)
                else { throw call.bad(2, "not a unified diff (no '+++' header or a malformed hunk)") }
                return call.push(try DiffView.show(diff, in: buf, editor: c.editor))
            },
        ])
    }
}
