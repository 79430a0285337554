import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small path helpers shared by the front end and its layers.
public enum FilePaths {
    /// The process's working directory, or "." when it cannot be read
    /// (removed, or longer than `PATH_MAX`).
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Everything before the last `/` of `path` ("." when it has none,
    /// "" for a file directly under `/`).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
