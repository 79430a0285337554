import Foundation
import Kernel
@testable import LuaAPI

/// A temporary directory tree for plugin tests, removed by `cleanup()`.
final class PluginSandbox {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "weft-plugin-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// Writes `text` to `root/rel`, creating folders.
    @discardableResult
    func write(_ rel: String, _ text: String) throws -> String {
        let path = root + "/" + rel
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func exists(_ rel: String) -> Bool { FileManager.default.fileExists(atPath: root + "/" + rel) }

    func cleanup() { try? FileManager.default.removeItem(atPath: root) }
}

extension LuaFixture {
    /// A stand-in for the chat layer's `weft.chat.tool.register` (LuaAPI
    /// cannot see Chat): `weft.test_tool.register(name)` records the tool
    /// for the current owner through an `OwnerHook`, as the chat layer does.
    /// Returns a box holding the live tools (name -> owner).
    func installFakeTools() -> ToolBox {
        let box = ToolBox()
        runtime.register(table: "test_tool", functions: [
            "register": { [unowned self] c in
                box.tools[try c.string(1)] = runtime.currentOwner
                return 0
            },
        ])
        runtime.addOwnerHook(OwnerHook(kind: "tool",
                                       count: { o in box.tools.values.filter { $0 == o }.count },
                                       remove: { o in box.tools = box.tools.filter { $0.value != o } }))
        return box
    }
}

final class ToolBox {
    var tools: [String: String] = [:]
}
