/// Typed handles for kernel objects. Each wraps the integer id Lua sees.
public protocol KernelID: Hashable, Sendable, Comparable, CustomStringConvertible {
    var raw: Int { get }
    init(_ raw: Int)
}

extension KernelID {
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
    public var description: String { String(raw) }
}

/// A buffer's id (1, 2, ...; 0 means "current" in the API).
public struct BufferID: KernelID {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
}

/// A window's id (1000, 1001, ... as in Neovim, so they never look like buffer ids).
public struct WindowID: KernelID {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
}

/// A namespace id for extmarks and highlights.
public struct NamespaceID: KernelID {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
}
