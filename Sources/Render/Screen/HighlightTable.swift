/// Named highlight groups and the interned styles that grids refer to.
///
/// Groups are looked up case-insensitively (`"normal"` is `"Normal"`).
/// `resolve` follows links (a cycle or a link to an unknown group gives the
/// default style, never a hang) and returns a `StyleID`. Style ids are
/// interned: equal styles share one id, ids are never reused, and id 0 is
/// `Style.plain`, so a grid drawn yesterday still means the same thing after
/// a group is redefined (only the name -> id mapping changes).
///
///     let hl = HighlightTable()
///     hl.set("Error", HighlightDef(fg: .rgb(255, 0, 0), attrs: [.bold]))
///     let id = hl.resolve("Error")
///     hl.style(for: id).attrs.contains(.bold)  // true
public final class HighlightTable {
    private var groups: [String: (name: String, def: HighlightDef)] = [:]
    private var styles: [Style] = [.plain]
    private var ids: [Style: StyleID] = [.plain: .default]
    private var resolved: [String: StyleID] = [:]
    private var combined: [UInt64: StyleID] = [:]
    /// Hyperlink URLs by link id (`Style.link`); id 0 is "no link".
    var urls: [String] = [""]
    var urlIDs: [String: UInt32] = [:]
    /// Style ids with a link laid over them, keyed by base id and link id.
    var linked: [UInt64: StyleID] = [:]

    /// Bumped by every `set`/`clear`, so a renderer can tell that resolved
    /// names may now map to other ids.
    public private(set) var generation = 0

    /// Creates a table, with the default groups (`defaultGroups`) unless
    /// `defaults` is false.
    public init(defaults: Bool = true) {
        guard defaults else { return }
        for (name, def) in HighlightTable.defaultGroups { set(name, def) }
    }

    /// Defines (or redefines) the group `name`.
    public func set(_ name: String, _ def: HighlightDef) {
        groups[name.lowercased()] = (name, def)
        resolved.removeAll(keepingCapacity: true)
        generation += 1
    }

    /// Removes the group `name`; it resolves to the default style afterwards.
    public func clear(_ name: String) {
        groups[name.lowercased()] = nil
        resolved.removeAll(keepingCapacity: true)
        generation += 1
    }

    /// The definition of `name` as set (links not followed), or nil.
    public func get(_ name: String) -> HighlightDef? { groups[name.lowercased()]?.def }

    /// The names of all defined groups, sorted, as first spelled.
    public var names: [String] { groups.values.map(\.name).sorted() }

    /// The style id of group `name` after following links. Unknown names,
    /// links to unknown groups and link cycles give `StyleID.default`.
    public func resolve(_ name: String) -> StyleID {
        if let id = resolved[name] { return id }
        let id = intern(resolvedStyle(name))
        resolved[name] = id
        return id
    }

    /// The style of group `name` after following links (see `resolve`).
    public func resolvedStyle(_ name: String) -> Style {
        var key = name.lowercased()
        var seen: Set<String> = []
        while let entry = groups[key] {
            guard let link = entry.def.link else { return entry.def.ownStyle }
            guard seen.insert(key).inserted else { return .plain }
            key = link.lowercased()
        }
        return .plain
    }

    /// The style named by `id`; `Style.plain` for an id this table never
    /// handed out.
    public func style(for id: StyleID) -> Style {
        let i = Int(id.raw)
        return i < styles.count ? styles[i] : .plain
    }

    /// The number of interned styles (ids `0..<styleCount` are valid).
    public var styleCount: Int { styles.count }

    /// The id of `style`, interning it if new.
    public func intern(_ style: Style) -> StyleID {
        if let id = ids[style] { return id }
        let id = StyleID(UInt32(styles.count))
        styles.append(style)
        ids[style] = id
        return id
    }

    /// The id of `base` with `over` laid on top: colours `over` sets win,
    /// attributes add up (see `Style.overlaid(by:)`). Used to merge extmark
    /// highlights in priority order. Cached per pair.
    public func combine(base: StyleID, over: StyleID) -> StyleID {
        if over == .default { return base }
        if base == .default || base == over { return over }
        let key = UInt64(base.raw) << 32 | UInt64(over.raw)
        if let id = combined[key] { return id }
        let id = intern(style(for: base).overlaid(by: style(for: over)))
        combined[key] = id
        return id
    }
}
