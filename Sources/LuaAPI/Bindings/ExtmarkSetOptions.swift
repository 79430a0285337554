import CLua
import CLuaShim
import Kernel

// A fast path for the option table of `weft.extmark.set`: plugins set
// marks by the thousand with a few scalar options (`hl`, `end_col`,
// `priority`), and reading them through `LuaOptions` (a list of converted
// `Value`s, a hashed check of every key, a dozen probes by name, then the
// decoration built field by field) cost more than storing the mark. The
// scalar fields are read in C, in one call (`weft_extmark_opts_read`:
// the key matched by its bytes, no Swift string made), and the highlight
// name comes from a cache keyed by the Lua string; anything else (virtual
// text or lines, `virt_text_pos`, a wrong type, an unknown key, a float)
// makes the caller run the general reader, which produces the exact error
// message.

/// The options of one `extmark.set` call: `read` takes the common shapes,
/// `LuaRuntime.extmarkOptions` (through `LuaOptions`) every other.
struct ExtmarkSetOptions {
    var id: Int?
    var endRow: Int?
    var endCol: Int?
    var decoration = Decoration()
    var rightGravity = true
    var endRightGravity = false

    /// The scalar options read from a table by `weft_extmark_opts_read`.
    struct Raw {
        var fields = weft_extmark_opts()

        /// Reads the table at `index` (a table); false when the general
        /// reader must decide (also for every invalid table).
        mutating func read(_ L: OpaquePointer, _ index: Int32) -> Bool {
            weft_extmark_opts_read(L, index, &fields) != 0
        }

        /// True when the table holds `hl` or nothing: a plain mark.
        var isPlain: Bool { fields.present & ~WEFT_XO_HL == 0 }

        /// The `hl` field, through `names` (the Lua string is at field
        /// "hl" of the table at `index`, for the cache to anchor).
        func hl(_ L: OpaquePointer, table index: Int32, names: LuaStringCache) -> String? {
            guard fields.present & WEFT_XO_HL != 0, let p = fields.hl else { return nil }
            return names.read(p, fields.hl_len, L, field: "hl", of: index)
        }
    }

    /// The options of `raw` (read from the table at `index`).
    init(_ raw: Raw, _ L: OpaquePointer, table index: Int32, names: LuaStringCache) {
        let f = raw.fields
        func has(_ bit: UInt32) -> Bool { f.present & bit != 0 }
        decoration.hl = raw.hl(L, table: index, names: names)
        if has(WEFT_XO_ID) { id = Int(f.id) }
        if has(WEFT_XO_END_ROW) { endRow = Int(f.end_row) }
        if has(WEFT_XO_END_COL) { endCol = Int(f.end_col) }
        if has(WEFT_XO_PRIORITY) { decoration.priority = Int(f.priority) }
        if has(WEFT_XO_LINE_HL), let p = f.line_hl { decoration.lineHl = LuaValue.decode(p, f.line_hl_len) }
        if has(WEFT_XO_URL), let p = f.url { decoration.url = LuaValue.decode(p, f.url_len) }
        if has(WEFT_XO_RIGHT_GRAVITY) { rightGravity = f.right_gravity != 0 }
        if has(WEFT_XO_END_RIGHT_GRAVITY) { endRightGravity = f.end_right_gravity != 0 }
        if has(WEFT_XO_NO_WRAP) { decoration.noWrap = f.no_wrap != 0 }
        if has(WEFT_XO_VIRT_LINES_ABOVE) { decoration.virtLinesAbove = f.virt_lines_above != 0 }
    }

    /// The options the general reader produced.
    init(id: Int?, endRow: Int?, endCol: Int?, decoration: Decoration, rightGravity: Bool,
         endRightGravity: Bool) {
        self.id = id
        self.endRow = endRow
        self.endCol = endCol
        self.decoration = decoration
        self.rightGravity = rightGravity
        self.endRightGravity = endRightGravity
    }
}
