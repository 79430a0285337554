/// A mark's decoration as `ExtmarkTable` stores it in a `MarkRecord`.
///
/// Most marks are plain highlights: a group name and nothing else (the
/// transcript's headers and code spans, search matches). Their record
/// holds just the name; any other decoration (virtual text or lines, a
/// line highlight, a link, `noWrap`, a priority other than the default)
/// is kept whole in a box that only such marks allocate. Inline, a
/// `Decoration` is 90-odd bytes of mostly empty fields, which made a mark
/// record 120 bytes; with this it is 56.
struct StoredDecoration: Sendable {
    /// The highlight group of a plain decoration (nil when boxed or none).
    private var hl: String?
    /// Every field of a decoration that is not plain.
    private var box: DecorationBox?

    /// Stores `decoration`, boxed unless only its `hl` is set.
    init(_ decoration: consuming Decoration) {
        if Self.isPlain(decoration) {
            hl = decoration.hl
            box = nil
        } else {
            hl = nil
            box = DecorationBox(decoration)
        }
    }

    /// A plain decoration: highlight group `hl` (or none) and defaults.
    init(hl: String?) {
        self.hl = hl
        box = nil
    }

    /// The decoration stored.
    var value: Decoration {
        box?.value ?? Decoration(hl: hl)
    }

    /// `value.affectsLayout`, without building the value.
    var affectsLayout: Bool {
        box?.affectsLayout ?? false
    }

    /// True when the stored decoration lives in a box (for tests).
    var isBoxed: Bool { box != nil }

    /// True when every field but `hl` has its default.
    static func isPlain(_ d: borrowing Decoration) -> Bool {
        d.virtText.isEmpty && d.virtTextPos == .eol && d.virtLines.isEmpty && !d.virtLinesAbove
            && d.priority == Decoration.defaultPriority && d.lineHl == nil && d.url == nil && !d.noWrap
    }
}

/// A decoration that is more than a highlight group, shared by the copies
/// of its record.
final class DecorationBox: Sendable {
    let value: Decoration
    let affectsLayout: Bool

    init(_ value: consuming Decoration) {
        affectsLayout = value.affectsLayout
        self.value = value
    }
}
