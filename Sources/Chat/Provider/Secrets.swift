/// Removes secrets from text a user will see (messages, model ids, URLs,
/// health reports, session files); every provider uses it.
///
/// Three things go: the API key itself, matched byte for byte (so a key
/// followed by a combining mark or inside a longer word still goes);
/// anything shaped like an OpenAI-style key (`sk-` at the start of a word
/// and 8 or more key characters); and the password of a URL
/// (`https://user:secret@host` shows as `https://user:[password]@host`).
///
/// ```swift
/// Secrets.scrub("model sk-live-12345678", key: nil)           // "model sk-[key]"
/// Secrets.scrub("http://me:hunter2@host/v1", key: nil)        // "http://me:[password]@host/v1"
/// Secrets.scrub("task-specific-model", key: nil)              // unchanged
/// ```
public enum Secrets {
    /// `text` without `key`, key-shaped words and URL passwords.
    public static func scrub(_ text: String, key: String?) -> String {
        var bytes = Array(text.utf8)
        if let key, key.utf8.count >= 4 { bytes = replace(Array(key.utf8), in: bytes, with: Array("[key]".utf8)) }
        bytes = scrubKeyShapes(bytes)
        bytes = scrubURLPasswords(bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` scrubbed (see ``scrub(_:key:)``) and without any of `secrets`
    /// (each 4 bytes or more), which show as `[secret]`.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        var bytes = Array(scrub(text, key: nil).utf8)
        for secret in secrets where secret.utf8.count >= 4 {
            bytes = replace(Array(secret.utf8), in: bytes, with: Array("[secret]".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every occurrence of `needle` in `bytes` replaced by `replacement`.
    static func replace(_ needle: [UInt8], in bytes: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard !needle.isEmpty, bytes.count >= needle.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == needle[0], i + needle.count <= bytes.count, bytes[i..<(i + needle.count)].elementsEqual(needle) {
                out += replacement
                i += needle.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        isWordByte(b) || b == 0x2D || b == 0x5F || b == 0x2A  // - _ *
    }

    /// `sk-` starting a word and followed by 8+ key characters -> `sk-[key]`.
    private static func scrubKeyShapes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x73, i + 3 <= bytes.count, bytes[i + 1] == 0x6B, bytes[i + 2] == 0x2D,
               i == 0 || !isWordByte(bytes[i - 1]) {
                var j = i + 3
                while j < bytes.count, isKeyByte(bytes[j]) { j += 1 }
                if j - (i + 3) >= 8 {
                    out += Array("sk-[key]".utf8)
                    i = j
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// `scheme://user:password@host` -> `scheme://user:[password]@host`.
    private static func scrubURLPasswords(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            out.append(bytes[i])
            guard bytes[i] == 0x3A, i + 2 < bytes.count, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F else {
                i += 1
                continue
            }
            // The authority: up to the first '/', '?', '#' or white space.
            out += [0x2F, 0x2F]
            let start = i + 3
            var end = start
            while end < bytes.count, ![0x2F, 0x3F, 0x23, 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27].contains(bytes[end]) { end += 1 }
            let authority = Array(bytes[start..<end])
            if let at = authority.lastIndex(of: 0x40), let colon = authority[..<at].firstIndex(of: 0x3A) {
                out += authority[...colon] + Array("[password]".utf8) + authority[at...]
            } else {
                out += authority
            }
            i = end
        }
        return out
    }
}
