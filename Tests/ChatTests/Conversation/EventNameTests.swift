import Foundation
import Kernel
import Testing
@testable import Chat

/// The known events (`EventName.kernel` and `EventName.chat`) are the ones
/// Swift emits, the ones docs/lua-api.md lists and the ones the LuaLS meta
/// offers as `weft.EventName`.
@Suite struct EventNameTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static var known: [String] { (EventName.kernel + EventName.chat).map(\.rawValue) }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    /// The backticked names in the paragraph of `doc` that starts at `marker`
    /// and ends at the first blank line, up to the phrase `until` if given.
    static func backticked(in doc: String, after marker: String, until: String? = nil) -> [String] {
        guard let start = doc.range(of: marker) else { return [] }
        var text = doc[start.upperBound...]
        if let blank = text.range(of: "\n\n") { text = text[..<blank.lowerBound] }
        if let until, let end = text.range(of: until) { text = text[..<end.lowerBound] }
        // Only the names themselves, not `{data}` shapes.
        return text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            .filter { $0.allSatisfy { $0.isLowercase || $0 == "_" } }
    }

    @Test func namesAreUniqueAndSnakeCase() {
        #expect(Set(Self.known).count == Self.known.count)
        for name in Self.known {
            #expect(name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(name)")
        }
    }

    @Test func luaAPIDocListsExactlyTheKnownEvents() throws {
        let doc = try Self.read("docs/lua-api.md")
        let kernel = Self.backticked(in: doc, after: "Kernel events:", until: "any other name")
        let chat = Self.backticked(in: doc, after: "Chat events (autocmd):")
        #expect(kernel == EventName.kernel.map(\.rawValue), "docs/lua-api.md kernel events")
        #expect(chat == EventName.chat.map(\.rawValue), "docs/lua-api.md chat events")
    }

    @Test func luaMetaAliasListsExactlyTheKnownEvents() throws {
        let meta = try Self.read("runtime/lua/weft/_meta/input.lua")
        let lines = meta.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "---@alias weft.EventName") else {
            Issue.record("no ---@alias weft.EventName in _meta/input.lua")
            return
        }
        let names = lines[(start + 1)...].prefix { $0.hasPrefix("---| ") }.compactMap { line in
            line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(names == Self.known)
    }

    @Test func swiftEmitsEveryKnownEventAndNoLiteralNames() throws {
        let sources = Self.root + "/Sources"
        guard let files = FileManager.default.enumerator(atPath: sources) else {
            Issue.record("cannot list \(sources)")
            return
        }
        var emitLines: [String] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("emit(") {
                let code = line.drop { $0 == " " }
                guard !code.hasPrefix("//") else { continue }
                emitLines.append(String(line))
                #expect(!code.contains("emit(\"") && !code.contains("emit(event: \""),
                        "\(file): an event name as a string literal: \(line)")
            }
        }
        for name in Self.known {
            let constant = "." + Self.camelCase(name)
            #expect(emitLines.contains { $0.contains(constant) }, "no Swift code emits \(name) (\(constant))")
        }
    }

    /// `mode_changed` -> `modeChanged`.
    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_")
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
