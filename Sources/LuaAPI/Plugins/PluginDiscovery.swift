import Foundation

/// Finds plugins on disk. A plugin is a folder with `init.lua` or a single
/// `name.lua` file; hidden entries (starting with `.`) and other files are
/// ignored. A folder without `init.lua` is reported, not skipped silently.
public enum PluginDiscovery {
    /// One entry found: a plugin, or a folder that is not one (with why).
    public struct Found: Equatable, Sendable {
        public var spec: PluginSpec
        /// Set when the entry cannot be a plugin.
        public var problem: String?
    }

    /// The plugins in `dir`, sorted by entry name; an absent directory has none.
    public static func scan(_ dir: String, source: PluginSource) -> [Found] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let path = dir + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
            if isDir.boolValue { return folder(path, name: name, source: source) }
            guard name.hasSuffix(".lua"), name.count > 4 else { return nil }
            return Found(spec: PluginSpec(name: String(name.dropLast(4)), path: path, entry: path,
                                          source: source, isFolder: false))
        }
    }

    /// The plugin at `path` (`--plugin PATH`): a folder or a `.lua` file.
    public static func single(_ path: String, source: PluginSource) -> Found {
        let absolute = absolutePath(path)
        let name = (absolute as NSString).lastPathComponent
        let base = name.hasSuffix(".lua") ? String(name.dropLast(4)) : name
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir) else {
            return Found(spec: PluginSpec(name: base, path: absolute, entry: absolute, source: source, isFolder: false),
                         problem: "\(absolute): no such file or folder")
        }
        if isDir.boolValue { return folder(absolute, name: name, source: source) }
        return Found(spec: PluginSpec(name: base, path: absolute, entry: absolute, source: source, isFolder: false))
    }

    static func folder(_ path: String, name: String, source: PluginSource) -> Found {
        let spec = PluginSpec(name: name, path: path, entry: path + "/init.lua", source: source, isFolder: true)
        guard FileManager.default.fileExists(atPath: spec.entry) else {
            return Found(spec: spec, problem: "\(path): plugin folder has no init.lua")
        }
        return Found(spec: spec)
    }

    /// `path` made absolute against the working directory, `.`/`..` resolved.
    public static func absolutePath(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}
