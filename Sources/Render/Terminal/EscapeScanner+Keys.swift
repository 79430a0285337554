import Kernel

/// Key CSIs: what libtermkey may see, and what is decoded before it.
///
/// The kitty protocol and xterm's modifyOtherKeys send keys as
/// `CSI key ; mods u` and `CSI 27 ; mods ; key ~`; libtermkey decodes both,
/// but not everything the kitty protocol may add:
///
/// | bytes | what is done |
/// |---|---|
/// | `ESC [ 97 : 65 ; 6 : 1 u` (sub-parameters) | rewritten `ESC [ 97 ; 6 u` |
/// | `ESC [ 97 ; 69 u` (Caps Lock 64, Num Lock 128 in the mods) | rewritten `ESC [ 97 ; 5 u` |
/// | `ESC [ 57414 u` (a kitty key number, ``KittyFunctionalKeys``) | decoded here: `<CR>` |
/// | `ESC [ 105 ; 5 u`, `ESC [ 27 ; 5 ; 105 ~` (Ctrl-I, Ctrl-M, Ctrl-[) | `<Tab>`, `<CR>`, `<Esc>`, as without the protocol |
/// | anything else | passed through |
///
/// So a key gives the same ``Key`` whichever protocol the terminal speaks:
/// Ctrl-I was always Tab (legacy terminals cannot tell them apart), and a
/// keymap written for one terminal works in the next.
extension EscapeScanner {
    /// The arguments libtermkey 0.22 keeps of a CSI.
    static let maxTermKeyArguments = 16

    /// The Caps Lock and Num Lock bits of a kitty modifier value.
    static let lockModifiers = 64 | 128

    /// Ctrl plus these characters is what legacy terminals send for Tab,
    /// Enter and Esc.
    private static let legacyControls: [Int: String] = [105: "Tab", 73: "Tab", 109: "CR", 77: "CR", 91: "Esc"]

    /// Classifies a complete key CSI (one whose final libtermkey knows).
    static func keyCSI(_ csi: CSI, raw: ArraySlice<UInt8>) -> Match {
        let length = csi.length
        // libtermkey 0.22 parses at most 16 arguments into a 16-element
        // array but checks the count only after storing the 17th: more
        // `;` than that write past the array (its own on the stack, the
        // caller's in `termkey_interpret_csi`). No key has that many; the
        // input fuzzer found the heap corrupted by the write.
        var fields = mainFields(raw)
        if fields.count > maxTermKeyArguments { return .event(.unknown(Array(raw)), length: length) }
        // modifyOtherKeys names its key in the third main field; without
        // it (`ESC [ 27 ; 2 ~`, or `ESC [ 27 : 2 ; 13 ~`, which reaches
        // libtermkey as `ESC [ 27 ; 13 ~`) libtermkey reads an uninitialised
        // argument as the key (found by the input fuzzer).
        if csi.final == UInt8(ascii: "~"), fields.first == 27,
           !(fields.count >= 3 && fields[2].map { (1...0x10FFFF).contains($0) } == true) {
            return .event(.unknown(Array(raw)), length: length)
        }
        let rawMods = fields.count >= 2 ? max(0, (fields[1] ?? 1) - 1) : 0
        let mods = rawMods & ~lockModifiers
        let isU = csi.final == UInt8(ascii: "u")
        let keyNumber = isU ? fields.first ?? nil
            : (csi.final == UInt8(ascii: "~") && fields.count == 3 && fields[0] == 27 ? fields[2] : nil)
        if isU, let n = keyNumber, KittyFunctionalKeys.range.contains(n) {
            guard let key = KittyFunctionalKeys.key(number: n, modifiers: mods) else {
                return .event(.unknown(Array(raw)), length: length)
            }
            return .event(.key(key), length: length)
        }
        if mods == KeyModifiers.ctrl.rawValue, let n = keyNumber, let name = legacyControls[n] {
            return .event(.key(Key(.named(name))), length: length)
        }
        guard raw.contains(UInt8(ascii: ":")) || rawMods != mods else { return .passThrough(length: length) }
        if fields.count >= 2 { fields[1] = mods + 1 }
        let params = fields.map { $0.map(String.init) ?? "" }.joined(separator: ";")
        return .rewrite([esc, UInt8(ascii: "[")] + Array(params.utf8) + [csi.final], length: length)
    }

    /// The `;`-separated parameters of a CSI without their `:` sub-parameters
    /// (nil for an empty one): `ESC [ 97 : 65 ; 6 : 1 u` gives `[97, 6]`.
    /// Numbers are read as the scanner reads them (leading zeros count for
    /// nothing, long ones are clamped): a key CSI with a 32-digit `0...01`
    /// was read as key 1 by the scanner and as no key here, so it decoded
    /// differently whole and split (found by the input fuzzer).
    static func mainFields(_ raw: ArraySlice<UInt8>) -> [Int?] {
        let body = raw.dropFirst(2).dropLast()
        return body.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
            let digits = field.prefix { $0 != UInt8(ascii: ":") }
            guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return digits.reduce(0) { appendingDigit($1, to: $0) }
        }
    }
}
