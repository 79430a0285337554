import Kernel

/// The kitty protocol's own key numbers (Unicode private use area,
/// 57344 and up) for keys that have no character: the keypad, F13 and up,
/// media keys, lone modifiers. libtermkey would read them as private use
/// characters, so the scanner decodes them here.
///
/// | numbers | keys | token |
/// |---|---|---|
/// | 57399-57408 | KP_0 ... KP_9 | `0` ... `9` |
/// | 57409-57413, 57415, 57416 | KP . / * - + = , | the character |
/// | 57414 | KP_Enter | `<CR>` |
/// | 57417-57426 | KP Left Right Up Down PageUp PageDown Home End Insert Delete | those names |
/// | 57376-57387 | F13 ... F24 | `<F13>` ... `<F24>` |
/// | anything else in 57344-63743 | KP_Begin, F25+, media, lock and modifier keys | unknown |
///
/// The keypad keys give what the same keys give without the protocol.
enum KittyFunctionalKeys {
    /// The private use range the protocol's key numbers live in.
    static let range = 57344...63743

    private static let keypadCharacters: [Int: Character] = [
        57409: ".", 57410: "/", 57411: "*", 57412: "-", 57413: "+", 57415: "=", 57416: ",",
    ]
    private static let keypadNames: [Int: String] = [
        57414: "CR", 57417: "Left", 57418: "Right", 57419: "Up", 57420: "Down", 57421: "PageUp",
        57422: "PageDown", 57423: "Home", 57424: "End", 57425: "Insert", 57426: "Del",
    ]

    /// The key for protocol key `number` with modifier bits `modifiers`
    /// (shift 1, alt 2, ctrl 4; lock bits already removed), or nil when
    /// weft has no name for it.
    static func key(number: Int, modifiers: Int) -> Key? {
        guard modifiers & ~7 == 0 else { return nil }
        let mods = KeyModifiers(rawValue: modifiers)
        if (57399...57408).contains(number), let scalar = Unicode.Scalar(48 + number - 57399) {
            return KeyTranslator.key(for: Character(scalar), modifiers: mods)
        }
        if let c = keypadCharacters[number] { return KeyTranslator.key(for: c, modifiers: mods) }
        if let name = keypadNames[number] { return KeyTranslator.key(named: name, modifiers: mods) }
        if (57376...57387).contains(number) {
            return KeyTranslator.key(named: "F\(number - 57376 + 13)", modifiers: mods)
        }
        return nil
    }
}
