import Crypto
import Foundation
import Kernel
import Testing
@testable import LuaAPI

/// Project config (`.weft/init.lua`, `.weft/plugins/`) runs only when its
/// exact content is trusted; SHA-256; the trust float.
@Suite struct PluginTrustTests {
    /// The trust store's hashes: swift-crypto's SHA-256 spelled as hex.
    @Test func sha256KnownVectors() {
        func hex(_ s: String) -> String { ProjectItem.hex(SHA256.hash(data: Array(s.utf8))) }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        for _ in 0..<1000 { h.update(data: [UInt8](repeating: 0x61, count: 1000)) }
        #expect(ProjectItem.hex(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A repository at `sb.root/repo` whose `.weft/init.lua` creates `marker`.
    static func project(_ sb: PluginSandbox, marker: String) throws -> String {
        try FileManager.default.createDirectory(atPath: sb.root + "/repo/.git", withIntermediateDirectories: true)
        try sb.write("repo/.weft/init.lua", "io.open('\(sb.root)/\(marker)', 'w'):close()")
        try FileManager.default.createDirectory(atPath: sb.root + "/repo/src/deep", withIntermediateDirectories: true)
        return sb.root + "/repo/src/deep"
    }

    @Test func findsProjectConfigUpToTheRepositoryRoot() throws {
        let sb = try PluginSandbox()
        defer { sb.cleanup() }
        let cwd = try Self.project(sb, marker: "ran")
        try sb.write("repo/src/.weft/plugins/p.lua", "")
        try sb.write(".weft/init.lua", "-- above the repository: never considered")
        let items = ProjectItem.find(cwd: cwd)
        #expect(items == [ProjectItem(kind: .initFile, path: sb.root + "/repo/.weft/init.lua"),
                          ProjectItem(kind: .plugins, path: sb.root + "/repo/src/.weft/plugins")])
        #expect(ProjectItem.find(cwd: sb.root + "/repo/src/deep/../..") == [items[0]])
    }

    @Test func untrustedProjectConfigDoesNotRunUntilTrustedAndAfterAnEdit() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            let cwd = try Self.project(sb, marker: "ran")
            let fx = try LuaFixture()
            let store = TrustStore(directory: sb.root + "/state")
            var asked: [String] = []
            fx.runtime.plugins.trust = store
            fx.runtime.plugins.onUntrusted = { asked.append($0.path) }
            let items = ProjectItem.find(cwd: cwd)
            fx.runtime.plugins.start(PluginSetup(project: items))
            #expect(!sb.exists("ran"), "untrusted code ran")
            #expect(asked == [items[0].path])
            #expect(fx.runtime.plugins.records[0].state == .untrusted)
            // Trust this exact content: it runs, and runs on the next start too.
            try store.record(.trust, for: items[0].path, hash: items[0].contentHash()!)
            fx.runtime.plugins.loadTrusted(items[0])
            #expect(sb.exists("ran"))
            #expect(fx.runtime.plugins.records[0].state == .loaded)
            #expect(TrustStore(directory: sb.root + "/state").decision(for: items[0].path, hash: items[0].contentHash()!) == .trust)
            // A module beside it is part of what was trusted.
            let trusted = items[0].contentHash()
            try sb.write("repo/.weft/lua/helper.lua", "return 1")
            #expect(items[0].contentHash() != trusted)
            // Edited afterwards: not run again until trusted again.
            try sb.write("repo/.weft/init.lua", "io.open('\(sb.root)/edited', 'w'):close()")
            try fx.runtime.plugins.reload(name: items[0].path)
            #expect(!sb.exists("edited"))
            #expect(fx.runtime.plugins.records[0].state == .untrusted)
            let fresh = try LuaFixture()
            fresh.runtime.plugins.trust = TrustStore(directory: sb.root + "/state")
            fresh.runtime.plugins.onUntrusted = { _ in }
            fresh.runtime.plugins.start(PluginSetup(project: items))
            #expect(!sb.exists("edited"))
            try store.record(.trust, for: items[0].path, hash: items[0].contentHash()!)
            fx.runtime.plugins.loadTrusted(items[0])
            #expect(sb.exists("edited"))
        }
    }

    @Test func projectPluginsFolderIsTrustedAsOneUnit() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try FileManager.default.createDirectory(atPath: sb.root + "/repo/.git", withIntermediateDirectories: true)
            try sb.write("repo/.weft/plugins/one.lua", "io.open('\(sb.root)/one', 'w'):close()")
            try sb.write("repo/.weft/plugins/two/init.lua", "require('two.helper')")
            try sb.write("repo/.weft/plugins/two/lua/two/helper.lua", "io.open('\(sb.root)/two', 'w'):close()")
            let items = ProjectItem.find(cwd: sb.root + "/repo")
            #expect(items.map(\.kind) == [.plugins])
            let before = items[0].contentHash()
            let fx = try LuaFixture()
            let store = TrustStore(directory: sb.root + "/state")
            fx.runtime.plugins.trust = store
            fx.runtime.plugins.onUntrusted = { _ in }
            fx.runtime.plugins.start(PluginSetup(project: items))
            #expect(!sb.exists("one") && !sb.exists("two"))
            try store.record(.trust, for: items[0].path, hash: before!)
            fx.runtime.plugins.loadTrusted(items[0])
            #expect(sb.exists("one") && sb.exists("two"))
            // Any file of the folder changing changes the hash, also through a link.
            try sb.write("repo/.weft/plugins/two/lua/two/helper.lua", "-- changed")
            let changed = items[0].contentHash()
            #expect(changed != before)
            try sb.write("repo/outside/init.lua", "-- v1")
            try FileManager.default.createSymbolicLink(atPath: sb.root + "/repo/.weft/plugins/linked",
                                                       withDestinationPath: sb.root + "/repo/outside")
            let linked = items[0].contentHash()
            #expect(linked != changed)
            try sb.write("repo/outside/init.lua", "-- v2")
            #expect(items[0].contentHash() != linked)
        }
    }

    @Test func trustFloatViewsThenTrustsAndRuns() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            let cwd = try Self.project(sb, marker: "ran")
            let fx = try LuaFixture(width: 80, height: 24)
            let store = TrustStore(directory: sb.root + "/state")
            let prompt = TrustFloat(editor: fx.editor, plugins: fx.runtime.plugins, store: store)
            fx.runtime.plugins.trust = store
            fx.runtime.plugins.onUntrusted = { prompt.ask($0) }
            fx.runtime.plugins.start(PluginSetup(project: ProjectItem.find(cwd: cwd)))
            #expect(fx.editor.mode == "trust")
            let win = try #require(fx.editor.findWindow(name: "trust"))
            let text = { (fx.editor.buffers[win.buffer]?.lines ?? []).joined(separator: "\n") }
            #expect(text().contains("[v] view   [t] trust and run   [i] ignore   [d] deny"))
            try fx.editor.feedKeys("v")
            #expect(text().contains("io.open("))
            #expect(!sb.exists("ran"))
            try fx.editor.feedKeys("t")
            #expect(sb.exists("ran"))
            #expect(fx.editor.findWindow(name: "trust") == nil)
            #expect(fx.editor.mode == "normal")
            #expect(fx.editor.keymaps.list(mode: "trust").isEmpty)
        }
    }

    @Test func trustFloatIgnoreAndDeny() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            let cwd = try Self.project(sb, marker: "ran")
            let item = ProjectItem.find(cwd: cwd)[0]
            let fx = try LuaFixture(width: 80, height: 24)
            let store = TrustStore(directory: sb.root + "/state")
            let prompt = TrustFloat(editor: fx.editor, plugins: fx.runtime.plugins, store: store)
            prompt.ask(item)
            try fx.editor.feedKeys("i")
            #expect(prompt.asking == nil && !sb.exists("ran"))
            #expect(store.decision(for: item.path, hash: item.contentHash()!) == nil)
            prompt.ask(item)
            try fx.editor.feedKeys("d")
            #expect(store.decision(for: item.path, hash: item.contentHash()!) == .deny)
            prompt.ask(item)
            #expect(prompt.asking == nil, "denied content is not asked about again")
        }
    }
}
