/// Classifies the escape sequence starting at an ESC byte, before anything
/// reaches libtermkey.
///
/// libtermkey 0.22 mishandles several replies and reports (see TERMINAL.md):
/// bracketed paste markers, focus events, SGR mouse with horizontal wheel,
/// DEC mode reports (sign-extended) and BEL-terminated OSC replies. The
/// decoder splits those out here and passes every other byte on.
///
/// Grammar recognised at `ESC`:
///
///     ESC [ params intermediates final     CSI (final 0x40-0x7e)
///         ESC [ < b ; x ; y M|m            SGR mouse          -> event
///         ESC [ ? mode ; value $ y         DEC mode report    -> event
///         ESC [ I  /  ESC [ O              focus in / out     -> event
///         ESC [ 200 ~                      paste start        -> pasteStart
///         ESC [ row ; col R                cursor report (only when one is expected) -> event
///         ESC [ ? flags u                  kitty keyboard flags -> event
///         ESC [ ? attrs c                  device attributes  -> event
///         finals termkey knows (keys)      -> see EscapeScanner+Keys
///         any other final                  -> event(.unknown(bytes))
///     ESC [ then a byte outside that grammar (a control, DEL, UTF-8):
///         ESC [ alone                      -> event(<M-[>), the byte follows
///         ESC [ and more                   -> event(.unknown(those bytes))
///     ESC ] ... BEL|ESC \                  OSC  -> event(.unknown(bytes))
///     ESC P ... ESC \ , ESC _ ... ESC \    DCS, APC (same)
///
/// A CSI cut short by the end of the buffer is `.incomplete` (the decoder
/// holds it until more bytes arrive or the ESC timeout fires). An OSC, DCS
/// or APC without its terminator in the buffer is passed through: `ESC P`
/// is also Alt+Shift+P, and holding typed text for it would stall input.
enum EscapeScanner {
    /// The outcome of classifying the bytes at an ESC.
    enum Match: Equatable {
        /// A complete sequence decoded here, `length` bytes long.
        case event(InputEvent, length: Int)
        /// `ESC [ 200 ~`: a bracketed paste starts after `length` bytes.
        case pasteStart(length: Int)
        /// A complete CSI of `length` bytes for libtermkey to decode.
        case passThrough(length: Int)
        /// A complete CSI of `length` bytes that libtermkey must see
        /// rewritten as `bytes` (kitty `:` sub-parameters and lock
        /// modifiers removed).
        case rewrite([UInt8], length: Int)
        /// The buffer ends inside what may still become a sequence.
        case incomplete
        /// Not a sequence handled here: treat the ESC as an ordinary byte.
        case none
    }

    static let esc: UInt8 = 0x1b
    /// An unfinished CSI longer than this is garbage: it is dropped as
    /// unknown instead of being held. (A finished CSI of any length is one
    /// unknown event.)
    static let maxCSILength = 4096
    /// CSI finals that libtermkey turns into keys (cursor keys, F-keys,
    /// `~` keys, Shift-Tab, CSI-u, X10 mouse `CSI M`).
    static let keyFinals: Set<UInt8> = Set("ABCDEFHPQRSZ~uM".utf8)

    /// Classifies `bytes[start...]`; `bytes[start]` must be ESC. With
    /// `cursorReport`, `ESC [ row ; col R` is a cursor position report.
    static func match(_ bytes: [UInt8], at start: Int, cursorReport: Bool = false) -> Match {
        let n = bytes.count
        guard start + 1 < n else { return .incomplete }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            return matchCSI(bytes, at: start, cursorReport: cursorReport)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"):
            return matchString(bytes, at: start)
        default:
            return .none
        }
    }

    // MARK: - CSI

    /// The parsed shape of one complete CSI.
    struct CSI {
        var privateMarker: UInt8?
        var params: [Int?]
        var intermediates: [UInt8]
        var final: UInt8
        var length: Int
        /// A private marker appeared after the first parameter byte.
        var malformed = false
    }

    private static func matchCSI(_ bytes: [UInt8], at start: Int, cursorReport: Bool) -> Match {
        let parsed = parseCSI(bytes, at: start)
        switch parsed {
        case .incomplete:
            return .incomplete
        case .invalid(let at):
            // Never handed to libtermkey: 0.22 reads out of bounds on
            // `ESC [ + ^A C` (found by the input fuzzer).
            if at == start + 2 { return .event(.key(Key(.char("["), meta: true)), length: 2) }
            return .event(.unknown(Array(bytes[start..<at])), length: at - start)
        case .tooLong(let length):
            return .event(.unknown(Array(bytes[start..<start + length])), length: length)
        case .complete(let csi):
            if cursorReport, csi.privateMarker == nil, csi.final == UInt8(ascii: "R"), csi.intermediates.isEmpty,
               csi.params.count == 2, let row = csi.params[0], let col = csi.params[1], row >= 1, col >= 1 {
                return .event(.cursorReport(row: row - 1, col: col - 1), length: csi.length)
            }
            return classify(csi, raw: bytes[start..<start + csi.length])
        }
    }

    private enum CSIParse {
        case complete(CSI)
        case incomplete
        /// A byte outside the grammar at this index.
        case invalid(at: Int)
        case tooLong(Int)
    }

    /// Parses `ESC [ [<=>?]? params (0x30-0x3f) intermediates (0x20-0x2f) final`.
    private static func parseCSI(_ bytes: [UInt8], at start: Int) -> CSIParse {
        var i = start + 2
        let n = bytes.count
        var csi = CSI(privateMarker: nil, params: [], intermediates: [], final: 0, length: 0)
        if i < n, (0x3c...0x3f).contains(bytes[i]) {
            csi.privateMarker = bytes[i]
            i += 1
        }
        var current: Int? = nil
        var sawParam = false
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x30...0x39 where csi.intermediates.isEmpty:
                current = appendingDigit(b, to: current ?? 0)
                sawParam = true
            case UInt8(ascii: ";") where csi.intermediates.isEmpty,
                 UInt8(ascii: ":") where csi.intermediates.isEmpty:
                csi.params.append(current)
                current = nil
                sawParam = true
            case 0x3c...0x3f where csi.intermediates.isEmpty:
                sawParam = true   // a marker inside the params: never ours
                csi.malformed = true
            case 0x20...0x2f:
                csi.intermediates.append(b)
            case 0x40...0x7e:
                if sawParam { csi.params.append(current) }
                csi.final = b
                csi.length = i + 1 - start
                return .complete(csi)
            default:
                return .invalid(at: i)
            }
            i += 1
        }
        return n - start > maxCSILength ? .tooLong(n - start) : .incomplete
    }

    /// The largest parameter value kept: longer numbers are clamped to it
    /// (no key, mode or mouse position comes near it).
    static let maxParameter = 1_000_000_000

    /// `value` followed by the decimal digit `digit`, clamped to
    /// ``maxParameter`` (leading zeros add nothing).
    static func appendingDigit(_ digit: UInt8, to value: Int) -> Int {
        min(maxParameter, value * 10 + Int(digit - 0x30))
    }

    private static func classify(_ csi: CSI, raw: ArraySlice<UInt8>) -> Match {
        let length = csi.length
        if csi.malformed { return .event(.unknown(Array(raw)), length: length) }
        switch (csi.privateMarker, csi.final) {
        case (UInt8(ascii: "<"), UInt8(ascii: "M")), (UInt8(ascii: "<"), UInt8(ascii: "m")):
            if let event = sgrMouse(csi) { return .event(.mouse(event), length: length) }
        case (UInt8(ascii: "?"), UInt8(ascii: "y")):
            if csi.intermediates == [UInt8(ascii: "$")], csi.params.count == 2,
               let mode = csi.params[0], let value = csi.params[1] {
                return .event(.modeReport(mode: mode, value: value), length: length)
            }
        case (nil, UInt8(ascii: "I")) where csi.params.isEmpty && csi.intermediates.isEmpty:
            return .event(.focus(true), length: length)
        case (nil, UInt8(ascii: "O")) where csi.params.isEmpty && csi.intermediates.isEmpty:
            return .event(.focus(false), length: length)
        case (nil, UInt8(ascii: "~")) where csi.params == [200] && csi.intermediates.isEmpty:
            return .pasteStart(length: length)
        case (nil, let final) where keyFinals.contains(final) && csi.intermediates.isEmpty:
            if csi.params == [201] && final == UInt8(ascii: "~") { break }   // stray paste end
            if !hasKeyNumber(csi) { break }
            return keyCSI(csi, raw: raw)
        case (UInt8(ascii: "?"), UInt8(ascii: "u")) where csi.intermediates.isEmpty:
            if csi.params.count == 1, let flags = csi.params[0] {
                return .event(.keyboardFlags(flags), length: length)
            }
        case (UInt8(ascii: "?"), UInt8(ascii: "c")) where csi.intermediates.isEmpty:
            return .event(.deviceAttributes(csi.params.map { $0 ?? 0 }), length: length)
        default:
            break
        }
        return .event(.unknown(Array(raw)), length: length)
    }

    /// `CSI u` and `CSI ~` name their key by the first parameter: without
    /// one (or with one outside 1...0x10FFFF) libtermkey 0.22 reads an
    /// uninitialised argument as the key (the input fuzzer saw `ESC [ u`
    /// decode as a different key each time, and crash). modifyOtherKeys'
    /// key, the third main field, is checked by ``keyCSI(_:raw:)``.
    static func hasKeyNumber(_ csi: CSI) -> Bool {
        guard csi.final == UInt8(ascii: "u") || csi.final == UInt8(ascii: "~") else { return true }
        guard let first = csi.params.first, let n = first else { return false }
        return n >= 1 && n <= 0x10FFFF
    }

    /// Decodes the SGR (mode 1006) mouse report `ESC [ < b ; x ; y M|m`.
    ///
    /// `b` low two bits: 0 left, 1 middle, 2 right, 3 none; +4 Shift,
    /// +8 Meta, +16 Ctrl, +32 motion, +64 wheel (64 up, 65 down, 66 left,
    /// 67 right); +128 marks buttons 8-11, which are not decoded. `M` is a
    /// press (or motion), `m` a release. x and y are 1-based.
    static func sgrMouse(_ csi: CSI) -> MouseEvent? {
        guard csi.params.count == 3, csi.intermediates.isEmpty,
              let b = csi.params[0], let x = csi.params[1], let y = csi.params[2],
              x >= 1, y >= 1, b & 128 == 0 else { return nil }
        var mods: KeyModifiers = []
        if b & 4 != 0 { mods.insert(.shift) }
        if b & 8 != 0 { mods.insert(.meta) }
        if b & 16 != 0 { mods.insert(.ctrl) }
        let low = b & 3
        let isRelease = csi.final == UInt8(ascii: "m")
        let buttons: [MouseEvent.Button] = [.left, .middle, .right, .none]
        let kind: MouseEvent.Kind
        var button = buttons[low]
        if b & 64 != 0 {
            if isRelease { return nil }
            kind = .wheel
            button = [.wheelUp, .wheelDown, .wheelLeft, .wheelRight][low]
        } else if b & 32 != 0 {
            kind = low == 3 ? .move : .drag
        } else if isRelease || low == 3 {
            kind = .release
        } else {
            kind = .press
        }
        return MouseEvent(kind: kind, button: button, row: y - 1, col: x - 1, modifiers: mods)
    }

    // MARK: - OSC, DCS, APC

    /// A string sequence ends at BEL (OSC only by convention, accepted for
    /// all) or at ST (`ESC \`).
    private static func matchString(_ bytes: [UInt8], at start: Int) -> Match {
        var i = start + 2
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x07 {
                return .event(.unknown(Array(bytes[start...i])), length: i + 1 - start)
            }
            if b == esc {
                guard i + 1 < n else { return .none }
                if bytes[i + 1] == UInt8(ascii: "\\") {
                    return .event(.unknown(Array(bytes[start...(i + 1)])), length: i + 2 - start)
                }
                return .none
            }
            i += 1
        }
        return .none
    }
}
