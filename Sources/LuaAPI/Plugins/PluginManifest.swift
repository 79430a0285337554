import Kernel

/// What a plugin's `manifest.lua` declares. The file returns a table:
///
/// ```lua
/// return {
///   name = "git-status",                 -- default: the folder's name
///   description = "Branch in the status line",
///   enabled = true,                      -- false: listed, not loaded
///   requires = { bin = { "git" }, lua = { "lpeg" } },
/// }
/// ```
public struct PluginManifest: Equatable, Sendable {
    /// The plugin's name, if the manifest gives one.
    public var name: String?
    /// One line about what it does.
    public var description: String?
    /// False keeps the plugin listed but not loaded.
    public var enabled = true
    /// Executables that must be found on `PATH` (or paths that must be executable).
    public var bins: [String] = []
    /// Lua modules that `require` must be able to find.
    public var luaModules: [String] = []

    /// The fields a manifest may have.
    static let fields: Set<String> = ["name", "description", "enabled", "requires", "version"]

    /// Creates an empty manifest (all defaults).
    public init() {}

    /// Validates the value `manifest.lua` returned.
    /// - Throws: `ManifestError` naming the field and what was wrong.
    public init(value: Value) throws {
        guard case .table(let t) = value else {
            if case .array(let a) = value, a.isEmpty { return }
            throw ManifestError("must return a table, got \(value.typeName)")
        }
        if let unknown = t.keys.filter({ !Self.fields.contains($0) }).sorted().first {
            throw ManifestError("unknown field '\(unknown)' (known: description, enabled, name, requires, version)")
        }
        name = try Self.string(t["name"], "name")
        if let n = name, n.isEmpty { throw ManifestError("field 'name' is empty") }
        description = try Self.string(t["description"], "description")
        _ = try Self.string(t["version"], "version")
        switch t["enabled"] {
        case nil, .null?: break
        case .bool(let b)?: enabled = b
        case let v?: throw ManifestError("field 'enabled': boolean expected, got \(v.typeName)")
        }
        try readRequires(t["requires"])
    }

    private mutating func readRequires(_ v: Value?) throws {
        switch v {
        case nil, .null?, .array([])?: return
        case .table(let r)?:
            if let unknown = r.keys.filter({ $0 != "bin" && $0 != "lua" }).sorted().first {
                throw ManifestError("unknown field 'requires.\(unknown)' (known: bin, lua)")
            }
            bins = try Self.strings(r["bin"], "requires.bin")
            luaModules = try Self.strings(r["lua"], "requires.lua")
        case let v?:
            throw ManifestError("field 'requires': table expected, got \(v.typeName)")
        }
    }

    static func string(_ v: Value?, _ field: String) throws -> String? {
        switch v {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let v?: throw ManifestError("field '\(field)': string expected, got \(v.typeName)")
        }
    }

    static func strings(_ v: Value?, _ field: String) throws -> [String] {
        switch v {
        case nil, .null?: return []
        case .array(let a)?:
            return try a.enumerated().map { i, e in
                guard case .string(let s) = e, !s.isEmpty else {
                    throw ManifestError("field '\(field)[\(i + 1)]': non-empty string expected, got \(e.typeName)")
                }
                return s
            }
        case .table(let t)? where t.isEmpty: return []
        case let v?: throw ManifestError("field '\(field)': list of strings expected, got \(v.typeName)")
        }
    }

}

/// A `manifest.lua` that could not be used.
public struct ManifestError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. "field 'enabled': boolean expected, got string".
    public let description: String
    init(_ d: String) { description = d }
}
