import CLua
import CLuaShim
import Foundation
import Kernel
import Render
@testable import LuaAPI

/// Serialises Lua tests: the budget hook, `LuaFunction.liveBoxes` and the
/// budget nesting depth are process-wide.
enum LuaTestLock {
    static let lock = NSLock()

    static func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// Paths of the repository, found from this file.
enum RepoPaths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static var luaTests: String { root + "/Tests/Lua" }
    static var runtime: String { root + "/runtime" }
}

/// A fresh editor (one buffer "main" in one window), a system-clock loop,
/// a headless UI and a runtime, plus the test-only global `T`.
final class LuaFixture {
    let editor: Editor
    let loop: MainLoop
    let ui: HeadlessUI
    let runtime: LuaRuntime
    var quitCode: Int?

    init(width: Int = 40, height: Int = 12) throws {
        editor = Editor(size: Size(width: width, height: height))
        loop = try MainLoop()
        let logPath = NSTemporaryDirectory() + "weft-lua-tests-\(getpid())/log"
        runtime = LuaRuntime(editor: editor, loop: loop, runtimeDir: RepoPaths.runtime, logPath: logPath)
        ui = HeadlessUI(editor: editor)
        runtime.ui = ui
        runtime.highlights = ui.highlights
        ui.onQuit = { [unowned self] code in self.quitCode = code }
        let b = try editor.createBuffer(name: "main")
        var spec = WindowSpec()
        spec.name = "main"
        try editor.openWindow(buffer: b.id, spec)
        installTestGlobals()
    }

    /// `T.*`: hooks into Swift state that Lua tests check.
    private func installTestGlobals() {
        let fns: [String: LuaFunction.Body] = [
            "messages": { [unowned self] c in
                c.push(.array(editor.messages.map { .table(["text": .string($0.text), "level": .string($0.level.rawValue)]) }))
            },
            "draw_list": { [unowned self] c in
                let w = try editor.window(c.int(1))
                return c.push(.array(w.drawList.map(Self.opValue)))
            },
            "live_boxes": { c in c.push(LuaFunction.liveBoxes) },
            "lua_memory": { [unowned self] c in
                weft_gc_collect(runtime.state.L)
                weft_gc_collect(runtime.state.L)
                return c.push(runtime.state.memoryBytes)
            },
            "detach_ui": { [unowned self] _ in
                runtime.ui = nil
                return 0
            },
            "attach_ui": { [unowned self] _ in
                runtime.ui = ui
                return 0
            },
            "quit_code": { [unowned self] c in quitCode.map { c.push($0) } ?? c.pushNil() },
            "report": { [unowned self] c in
                c.push(.array(runtime.extensionsReport().map { r in
                    .table(["owner": .string(r.owner), "keymaps": .int(r.keymaps), "commands": .int(r.commands),
                            "autocmds": .int(r.autocmds), "timers": .int(r.timers), "jobs": .int(r.jobs),
                            "lua_ms": .double(r.luaTimeMs)])
                }))
            },
            "log_entries": { [unowned self] c in
                c.push(.array(runtime.log.entries.map { .table(["level": .string($0.level.rawValue), "text": .string($0.text), "owner": .string($0.owner)]) }))
            },
            "set_owner": { [unowned self] c in
                runtime.defaultOwner = try c.string(1)
                return 0
            },
        ]
        let L = runtime.state.L
        weft_newtable(L)
        for (name, body) in fns {
            LuaFunction.push(L, name: "T.\(name)", body)
            weft_rawsetfield(L, -2, name)
        }
        weft_setglobal(L, "T")
    }

    static func opValue(_ op: DrawOp) -> Value {
        switch op {
        case .text(let r, let c, let text, let hl):
            return .table(["kind": "text", "row": .int(r), "col": .int(c), "text": .string(text)].merging(hl.map { ["hl": .string($0)] } ?? [:]) { a, _ in a })
        case .spans(let r, let c, let spans):
            return .table(["kind": "spans", "row": .int(r), "col": .int(c), "spans": .array(spans.map { .array([.string($0.text)] + ($0.hl.map { [.string($0)] } ?? [])) })])
        case .fill(let r, let c, let w, let h, let ch, _):
            return .table(["kind": "fill", "row": .int(r), "col": .int(c), "width": .int(w), "height": .int(h), "char": .string(ch)])
        case .clear:
            return .table(["kind": "clear"])
        case .cursor(let r, let c):
            return .table(["kind": "cursor", "row": .int(r), "col": .int(c)])
        }
    }
}
