// MARK: - Conversion to and from `Value`
//
// Shape (docs/lua-api.md): a container is
//   .table(["kind": "row"|"col", "children": .array([...]), "size": n?, "weight": n?])
// and a leaf is
//   .table(["win": id, "size": n?, "weight": n?]).
// Error messages name the offending node by its path, e.g.
// `layout.children[2].win` (child positions are 1-based, as in the Lua table).

extension LayoutSpec {
    /// Reads a layout tree from plain data.
    ///
    /// Checks shape and types only; `LayoutTree.validated(_:known:)` checks
    /// windows and sizes.
    ///
    /// - Throws: `KernelError.invalidArgument` naming the path of the first
    ///   node that is not a table, has unknown keys, has both `win` and
    ///   `kind`, or has a value of the wrong type.
    public init(value: Value) throws {
        try self.init(value: value, path: "layout")
    }

    /// This spec as plain data (integral weights become `.int`).
    public var value: Value {
        var t: [String: Value] = [:]
        if let size { t["size"] = .int(size) }
        if let weight {
            t["weight"] = weight == weight.rounded() && abs(weight) < 9e15 ? .int(Int(weight)) : .double(weight)
        }
        switch self {
        case .leaf(let win, _, _):
            t["win"] = .int(win.raw)
        case .container(let kind, let children, _, _):
            t["kind"] = .string(kind.rawValue)
            t["children"] = .array(children.map(\.value))
        }
        return .table(t)
    }

    private static let leafKeys: Set<String> = ["win", "size", "weight"]
    private static let containerKeys: Set<String> = ["kind", "children", "size", "weight"]

    private init(value: Value, path: String) throws {
        guard let t = value.table else {
            let got = value.array != nil ? "a list (a node is a table with 'win' or 'kind')" : value.typeName
            throw KernelError.invalidArgument("\(path): expected a node table, got \(got)")
        }
        let size = try Self.optionalInt(t["size"], path: "\(path).size")
        let weight = try Self.optionalNumber(t["weight"], path: "\(path).weight")
        switch (t["win"], t["kind"]) {
        case (.some, .some):
            throw KernelError.invalidArgument("\(path): a node has either 'win' (a window) or 'kind' (a container), not both")
        case (.some(let win), nil):
            try Self.rejectUnknownKeys(t, allowed: Self.leafKeys, path: path)
            guard let raw = win.int else {
                throw KernelError.invalidArgument("\(path).win: expected a window id, got \(win.typeName)")
            }
            self = .leaf(win: WindowID(raw), size: size, weight: weight)
        case (nil, .some(let kindValue)):
            try Self.rejectUnknownKeys(t, allowed: Self.containerKeys, path: path)
            guard let name = kindValue.string, let kind = LayoutAxis(rawValue: name) else {
                throw KernelError.invalidArgument(
                    "\(path).kind: expected \"row\" or \"col\", got \(Self.describe(kindValue))")
            }
            let children = try Self.children(t["children"], path: path)
            self = .container(kind: kind, children: children, size: size, weight: weight)
        case (nil, nil):
            throw KernelError.invalidArgument(
                "\(path): a node needs 'win' (a window) or 'kind' (\"row\" or \"col\")")
        }
    }

    private static func children(_ v: Value?, path: String) throws -> [LayoutSpec] {
        let items: [Value]
        switch v {
        case .array(let a)?: items = a
        case .table(let t)? where t.isEmpty: items = []
        case nil: throw KernelError.invalidArgument("\(path).children: missing (a container needs a list of children)")
        case let other?:
            throw KernelError.invalidArgument("\(path).children: expected a list, got \(other.typeName)")
        }
        return try items.enumerated().map { i, item in
            try LayoutSpec(value: item, path: "\(path).children[\(i + 1)]")
        }
    }

    private static func rejectUnknownKeys(_ t: [String: Value], allowed: Set<String>, path: String) throws {
        if let bad = t.keys.sorted().first(where: { !allowed.contains($0) }) {
            let list = allowed.sorted().joined(separator: ", ")
            throw KernelError.invalidArgument("\(path): unknown key '\(bad)' (expected \(list))")
        }
    }

    private static func optionalInt(_ v: Value?, path: String) throws -> Int? {
        guard let v, v != .null else { return nil }
        guard let i = v.int else {
            throw KernelError.invalidArgument("\(path): expected an integer, got \(describe(v))")
        }
        return i
    }

    private static func optionalNumber(_ v: Value?, path: String) throws -> Double? {
        switch v {
        case nil, .null?: return nil
        case .int(let i)?: return Double(i)
        case .double(let d)? where !d.isNaN: return d
        case let other?: throw KernelError.invalidArgument("\(path): expected a number, got \(describe(other))")
        }
    }


    private static func describe(_ v: Value) -> String {
        switch v {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: return v.typeName
        }
    }
}
