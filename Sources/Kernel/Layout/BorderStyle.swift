/// One character of a float's border, with an optional highlight group.
public struct BorderChar: Hashable, Sendable {
    /// The text drawn in the border cell (one display cell wide; may be empty
    /// for "no border on this side" in a custom border).
    public var char: String
    /// The highlight group for this cell (`nil` = the float's border group).
    public var hl: String?

    /// Creates a border character.
    public init(char: String, hl: String? = nil) {
        self.char = char
        self.hl = hl
    }
}

/// The border drawn around a floating window.
///
/// Characters are listed in Neovim's order: top-left, top, top-right, right,
/// bottom-right, bottom, bottom-left, left.
public enum BorderStyle: Hashable, Sendable {
    /// No border (zero thickness).
    case none
    /// `┌─┐│┘─└│`
    case single
    /// `╔═╗║╝═╚║`
    case double
    /// `╭─╮│╯─╰│`
    case rounded
    /// Spaces all around (a padded frame painted with the border highlight).
    case solid
    /// Eight explicit characters in Neovim order (see `make(_:)` for 1/2/4).
    case custom([BorderChar])

    /// The eight border characters in Neovim order; empty for `.none`.
    ///
    /// A `.custom` list with a count other than 8 is repeated cyclically to
    /// fill 8 slots (an empty custom list yields no characters).
    public var chars: [BorderChar] {
        switch self {
        case .none: return []
        case .single: return Self.plain(["┌", "─", "┐", "│", "┘", "─", "└", "│"])
        case .double: return Self.plain(["╔", "═", "╗", "║", "╝", "═", "╚", "║"])
        case .rounded: return Self.plain(["╭", "─", "╮", "│", "╯", "─", "╰", "│"])
        case .solid: return Self.plain(Array(repeating: " ", count: 8))
        case .custom(let list):
            guard !list.isEmpty else { return [] }
            return (0..<8).map { list[$0 % list.count] }
        }
    }

    /// Cells the border takes on each side: 0 for `.none` (or a custom border
    /// whose characters are all empty), otherwise 1.
    public var thickness: Int {
        chars.contains { !$0.char.isEmpty } ? 1 : 0
    }

    /// Builds a custom border from 1, 2, 4 or 8 characters, repeated as in
    /// Neovim (`{"x"}` is all sides; `{"+", "-"}` alternates corners and edges).
    ///
    /// - Throws: `KernelError.invalidArgument` for any other count.
    public static func make(_ chars: [BorderChar]) throws -> BorderStyle {
        guard [1, 2, 4, 8].contains(chars.count) else {
            throw KernelError.invalidArgument(
                "border: expected 1, 2, 4 or 8 characters, got \(chars.count)")
        }
        return .custom((0..<8).map { chars[$0 % chars.count] })
    }

    /// The named style for a Lua string (`"none"`, `"single"`, ...), or nil.
    public init?(name: String) {
        switch name {
        case "none": self = .none
        case "single": self = .single
        case "double": self = .double
        case "rounded": self = .rounded
        case "solid": self = .solid
        default: return nil
        }
    }

    private static func plain(_ s: [String]) -> [BorderChar] {
        s.map { BorderChar(char: $0) }
    }
}
