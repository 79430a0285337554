/// The namespaces of one kernel: names mapped to ids, as in Neovim's
/// `nvim_create_namespace`.
///
/// Ids start at 1 and are never reused. Creating a namespace with a name that
/// already exists returns the existing id; the empty name creates a fresh
/// anonymous namespace on every call.
///
/// ```swift
/// let registry = NamespaceRegistry()
/// let a = registry.create(name: "diagnostics")   // 1
/// let b = registry.create(name: "diagnostics")   // 1 again
/// let c = registry.create(name: "")              // 2, anonymous
/// ```
public final class NamespaceRegistry {
    private var idsByName: [String: NamespaceID] = [:]
    /// names[raw - 1]; "" for anonymous. Not checked for exclusivity at
    /// run time: `contains` reads it on every extmark call, and only
    /// `create` writes it (an append, no overlapping access).
    @exclusivity(unchecked) private var names: [String] = []

    /// An empty registry.
    public init() {}

    /// Returns the id of the namespace called `name`, creating it if needed.
    /// The empty name always creates a new anonymous namespace.
    public func create(name: String) -> NamespaceID {
        if !name.isEmpty, let existing = idsByName[name] { return existing }
        names.append(name)
        let id = NamespaceID(names.count)
        if !name.isEmpty { idsByName[name] = id }
        return id
    }

    /// The name of namespace `id` ("" for an anonymous one), or nil when no
    /// such namespace was created.
    public func name(of id: NamespaceID) -> String? {
        let index = id.raw - 1
        guard index >= 0, index < names.count else { return nil }
        return names[index]
    }

    /// Whether `id` names a namespace created by this registry.
    public func contains(_ id: NamespaceID) -> Bool {
        id.raw >= 1 && id.raw <= names.count
    }

    /// Every named namespace, name to id (anonymous ones are left out, as in
    /// Neovim's `nvim_get_namespaces`).
    public var all: [String: NamespaceID] { idsByName }

    /// How many namespaces exist, anonymous ones included.
    public var count: Int { names.count }
}
