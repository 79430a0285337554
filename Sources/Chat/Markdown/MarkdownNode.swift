import CCmark

/// A markdown syntax tree in Swift, converted from cmark-gfm's.
///
/// Converting once keeps every C call in one place (`parse`) and lets the
/// renderers be plain Swift. Nesting deeper than `maxDepth` is flattened
/// into the deepest allowed node, so hostile input ("> > > > ...") cannot
/// exhaust the stack of the recursive renderers.
final class MarkdownNode {
    /// What a node is.
    enum Kind: Equatable {
        case document, paragraph, blockQuote, thematicBreak, htmlBlock
        case heading(Int)
        case list(ordered: Bool, start: Int, tight: Bool)
        case item(task: Bool?)  // nil: plain item; true/false: checked or not
        case codeBlock(info: String)
        case table(alignments: [UInt8])
        case tableRow(header: Bool)
        case tableCell
        case text, softBreak, lineBreak, code, htmlInline
        case emph, strong, strikethrough
        case link(url: String)
        case image(url: String)
        /// Anything else (footnotes, custom nodes): children rendered inline.
        case other
    }

    let kind: Kind
    /// Text of leaves (text, code, code blocks, html).
    var literal: String
    var children: [MarkdownNode] = []

    init(kind: Kind, literal: String = "") {
        self.kind = kind
        self.literal = literal
    }

    /// Maximum nesting kept; deeper containers are merged into their parent.
    static let maxDepth = 24

    /// Parses `markdown` with the GFM extensions (table, strikethrough,
    /// autolink, tasklist). Never fails: cmark accepts any input, including
    /// unclosed constructs while a reply streams.
    static func parse(_ markdown: String) -> MarkdownNode {
        let root = MarkdownNode(kind: .document)
        guard let parser = CmarkSupport.makeParser() else {
            root.children = [MarkdownNode(kind: .paragraph)]
            root.children[0].children = [MarkdownNode(kind: .text, literal: markdown)]
            return root
        }
        defer { cmark_parser_free(parser) }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let doc = cmark_parser_finish(parser) else { return root }
        defer { cmark_node_free(doc) }
        convert(doc, into: root)
        return root
    }

    /// Walks the cmark tree with an iterator (no recursion) and builds the
    /// Swift tree under `root`.
    private static func convert(_ doc: OpaquePointer, into root: MarkdownNode) {
        guard let iter = cmark_iter_new(doc) else { return }
        defer { cmark_iter_free(iter) }
        var stack: [(cnode: OpaquePointer, node: MarkdownNode)] = [(doc, root)]
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let cnode = cmark_iter_get_node(iter) else { continue }
            if cnode == doc { continue }
            if event == CMARK_EVENT_EXIT {
                if let top = stack.last, top.cnode == cnode, stack.count > 1 { stack.removeLast() }
                continue
            }
            guard event == CMARK_EVENT_ENTER, let parent = stack.last?.node else { continue }
            let node = makeNode(cnode)
            parent.children.append(node)
            if !isLeaf(node.kind) && stack.count < maxDepth {
                stack.append((cnode, node))
            }
        }
    }

    private static func isLeaf(_ kind: Kind) -> Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .htmlBlock, .codeBlock, .thematicBreak:
            return true
        default:
            return false
        }
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func makeNode(_ n: OpaquePointer) -> MarkdownNode {
        let type = string(cmark_node_get_type_string(n))
        let literal = string(cmark_node_get_literal(n))
        switch type {
        case "paragraph": return MarkdownNode(kind: .paragraph)
        case "block_quote": return MarkdownNode(kind: .blockQuote)
        case "thematic_break": return MarkdownNode(kind: .thematicBreak)
        case "html_block": return MarkdownNode(kind: .htmlBlock, literal: literal)
        case "heading": return MarkdownNode(kind: .heading(Int(cmark_node_get_heading_level(n))))
        case "list":
            let ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST
            return MarkdownNode(kind: .list(ordered: ordered, start: Int(cmark_node_get_list_start(n)),
                                            tight: cmark_node_get_list_tight(n) != 0))
        case "item": return MarkdownNode(kind: .item(task: nil))
        case "tasklist":
            return MarkdownNode(kind: .item(task: cmark_gfm_extensions_get_tasklist_item_checked(n)))
        case "code_block":
            return MarkdownNode(kind: .codeBlock(info: string(cmark_node_get_fence_info(n))), literal: literal)
        case "table": return MarkdownNode(kind: .table(alignments: alignments(n)))
        case "table_header": return MarkdownNode(kind: .tableRow(header: true))
        case "table_row":
            return MarkdownNode(kind: .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(n) != 0))
        case "table_cell": return MarkdownNode(kind: .tableCell)
        case "text": return MarkdownNode(kind: .text, literal: literal)
        case "softbreak": return MarkdownNode(kind: .softBreak)
        case "linebreak": return MarkdownNode(kind: .lineBreak)
        case "code": return MarkdownNode(kind: .code, literal: literal)
        case "html_inline": return MarkdownNode(kind: .htmlInline, literal: literal)
        case "emph": return MarkdownNode(kind: .emph)
        case "strong": return MarkdownNode(kind: .strong)
        case "strikethrough": return MarkdownNode(kind: .strikethrough)
        case "link": return MarkdownNode(kind: .link(url: string(cmark_node_get_url(n))))
        case "image": return MarkdownNode(kind: .image(url: string(cmark_node_get_url(n))))
        default: return MarkdownNode(kind: .other, literal: literal)
        }
    }

    private static func alignments(_ n: OpaquePointer) -> [UInt8] {
        let count = Int(cmark_gfm_extensions_get_table_columns(n))
        guard count > 0, let p = cmark_gfm_extensions_get_table_alignments(n) else { return [] }
        return (0..<count).map { p[$0] }
    }
}

/// One-time registration of the cmark-gfm extensions and parser setup.
enum CmarkSupport {
    /// Registers the core extensions (idempotent in cmark-gfm; a `static let`
    /// makes it run once per process anyway).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// The GFM extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// A parser with the GFM extensions attached, or nil if cmark failed to
    /// allocate one.
    static func makeParser() -> OpaquePointer? {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        return parser
    }
}
