import Foundation
import Crypto

/// Project config that needs trust: a `.weft/init.lua` file or a
/// `.weft/plugins/` folder (trusted as one unit) in the working directory
/// or one of its ancestors up to the repository root.
public struct ProjectItem: Hashable, Sendable {
    /// Which of the two it is.
    public enum Kind: String, Sendable {
        /// `.weft/init.lua`.
        case initFile = "init"
        /// `.weft/plugins/`.
        case plugins
        /// `.mcp.json`: MCP servers the chat starts (not Lua: a trusted
        /// item of this kind goes to ``PluginHost/onTrustedItem``).
        case mcpServers = "mcp"
    }

    /// File or folder kind.
    public var kind: Kind
    /// Its absolute path.
    public var path: String

    /// Creates an item.
    public init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// The files the item consists of, as (path relative to the item,
    /// contents), sorted by path: `init.lua` plus every file under the
    /// `lua/` folder next to it (the modules it can `require`), or every
    /// file under the plugins folder. Symbolic links are followed (to a
    /// depth of 16), so code a link points at is covered too.
    public func files() -> [(path: String, bytes: [UInt8])] {
        var out: [(path: String, bytes: [UInt8])] = []
        if kind == .mcpServers {
            guard let d = FileManager.default.contents(atPath: path) else { return [] }
            out.append((".mcp.json", [UInt8](d)))
        } else if kind == .initFile {
            guard let d = FileManager.default.contents(atPath: path) else { return [] }
            out.append(("init.lua", [UInt8](d)))
            Self.walk((path as NSString).deletingLastPathComponent + "/lua", rel: "lua", depth: 0, into: &out)
        } else {
            Self.walk(path, rel: "", depth: 0, into: &out)
        }
        return out.sorted { $0.path < $1.path }
    }

    private static func walk(_ dir: String, rel: String, depth: Int, into out: inout [(path: String, bytes: [UInt8])]) {
        let fm = FileManager.default
        guard depth < 16, let names = try? fm.contentsOfDirectory(atPath: dir) else { return }
        for name in names {
            let full = dir + "/" + name, relName = rel.isEmpty ? name : rel + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(full, rel: relName, depth: depth + 1, into: &out)
            } else if let d = fm.contents(atPath: full) {
                out.append((relName, [UInt8](d)))
            }
        }
    }

    /// SHA-256 over `files()`: for each file its relative path, a NUL, its
    /// length in decimal, a NUL and its bytes, in path order. Nil when the
    /// item is gone.
    public func contentHash() -> String? {
        let fs = files()
        if fs.isEmpty && !FileManager.default.fileExists(atPath: path) { return nil }
        var h = SHA256()
        for f in fs {
            h.update(data: Array(f.path.utf8) + [0] + Array(String(f.bytes.count).utf8) + [0])
            h.update(data: f.bytes)
        }
        return Self.hex(h.finalize())
    }

    /// A digest as lowercase hex, the trust store's spelling.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The project items for working directory `cwd`: in `cwd` and each
    /// ancestor up to the nearest directory holding `.git` (only `cwd`
    /// outside a repository), outermost first; per directory `init.lua`
    /// before `plugins/`. `exclude` (the user's config directory) is skipped.
    public static func find(cwd: String, exclude: String? = nil) -> [ProjectItem] {
        let fm = FileManager.default
        var dirs: [String] = []
        var dir = (cwd as NSString).standardizingPath
        while true {
            dirs.append(dir)
            if fm.fileExists(atPath: dir + "/.git") { break }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { dirs = [dirs[0]]; break }
            dir = parent
        }
        var out: [ProjectItem] = []
        for d in dirs.reversed() where d + "/.weft" != exclude {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: d + "/.weft/init.lua", isDirectory: &isDir), !isDir.boolValue {
                out.append(ProjectItem(kind: .initFile, path: d + "/.weft/init.lua"))
            }
            if fm.fileExists(atPath: d + "/.weft/plugins", isDirectory: &isDir), isDir.boolValue {
                out.append(ProjectItem(kind: .plugins, path: d + "/.weft/plugins"))
            }
        }
        return out
    }
}
