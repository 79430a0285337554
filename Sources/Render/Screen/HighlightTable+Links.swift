/// Hyperlinks: URLs interned as small ids that `Style.link` carries, so a
/// grid cell (which holds only a style id) can carry a link.
extension HighlightTable {
    /// The longest URL kept, in bytes; longer ones are not linked.
    public static let maxURLBytes = 2048

    /// The link id of `url` (interning it), or 0 when the URL is empty, too
    /// long or contains control characters (C0, DEL, C1 or ESC could end the
    /// OSC 8 sequence early or smuggle escape sequences to the terminal).
    public func linkID(for url: String) -> UInt32 {
        if let id = urlIDs[url] { return id }
        guard Self.isSafeURL(url) else { return 0 }
        let id = UInt32(urls.count)
        urls.append(url)
        urlIDs[url] = id
        return id
    }

    /// The URL of link id `id`, or nil for 0 and unknown ids.
    public func url(for id: UInt32) -> String? {
        id > 0 && Int(id) < urls.count ? urls[Int(id)] : nil
    }

    /// Whether `url` may be sent inside an OSC 8 sequence: non-empty, at
    /// most `maxURLBytes`, no control characters and no C1 controls.
    public static func isSafeURL(_ url: String) -> Bool {
        guard !url.isEmpty, url.utf8.count <= maxURLBytes else { return false }
        for scalar in url.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { return false }
        }
        return true
    }

    /// The id of style `id` with a hyperlink to `url` (0 link id = `id`
    /// unchanged). Cached per pair.
    public func withLink(_ id: StyleID, url: String) -> StyleID {
        let link = linkID(for: url)
        guard link != 0 else { return id }
        let key = UInt64(id.raw) << 32 | UInt64(link)
        if let cached = linked[key] { return cached }
        var style = style(for: id)
        style.link = link
        let result = intern(style)
        linked[key] = result
        return result
    }
}
