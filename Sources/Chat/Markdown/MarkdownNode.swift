import CCmark
import Foundation

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
    /// Source lines (1-based, inclusive) of top-level blocks; 0 elsewhere.
    var startLine = 0
    var endLine = 0
    /// For a fenced code block at the top level: its fence character
    /// (`` ` `` or `~`), length and indentation.
    var fence: (char: UInt8, length: Int, indent: Int)?

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
        // cmark-gfm keeps the inline "special characters" of extensions in a
        // process-wide table that attaching and freeing parsers edit, so
        // parsers must not run concurrently (a race loses "~~" and autolinks).
        CmarkSupport.lock.lock()
        defer { CmarkSupport.lock.unlock() }
        let root = MarkdownNode(kind: .document)
        guard let parser = CmarkSupport.makeParser() else {
            root.children = [MarkdownNode(kind: .paragraph)]
            root.children[0].children = [MarkdownNode(kind: .text, literal: markdown)]
            return root
        }
        defer { cmark_parser_free(parser) }
        var source = hidingLoneCarriageReturns(markdown)
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let doc = cmark_parser_finish(parser) else { return root }
        defer { cmark_node_free(doc) }
        convert(doc, into: root)
        root.restoreControls()
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
            if stack.count == 1 {
                node.startLine = Int(cmark_node_get_start_line(cnode))
                node.endLine = Int(cmark_node_get_end_line(cnode))
                if case .codeBlock = node.kind {
                    var length: Int32 = 0, offset: Int32 = 0
                    var char: CChar = 0
                    if cmark_node_get_fenced(cnode, &length, &offset, &char) != 0 {
                        node.fence = (UInt8(bitPattern: char), Int(length), Int(offset))
                    }
                }
            }
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
        // Core types by number (cheap); extension types by name.
        switch cmark_node_get_type(n) {
        case CMARK_NODE_TEXT: return MarkdownNode(kind: .text, literal: string(cmark_node_get_literal(n)))
        case CMARK_NODE_PARAGRAPH: return MarkdownNode(kind: .paragraph)
        case CMARK_NODE_SOFTBREAK: return MarkdownNode(kind: .softBreak)
        case CMARK_NODE_LINEBREAK: return MarkdownNode(kind: .lineBreak)
        case CMARK_NODE_CODE: return MarkdownNode(kind: .code, literal: string(cmark_node_get_literal(n)))
        case CMARK_NODE_HTML_INLINE: return MarkdownNode(kind: .htmlInline, literal: string(cmark_node_get_literal(n)))
        case CMARK_NODE_EMPH: return MarkdownNode(kind: .emph)
        case CMARK_NODE_STRONG: return MarkdownNode(kind: .strong)
        case CMARK_NODE_LINK: return MarkdownNode(kind: .link(url: string(cmark_node_get_url(n))))
        case CMARK_NODE_IMAGE: return MarkdownNode(kind: .image(url: string(cmark_node_get_url(n))))
        case CMARK_NODE_BLOCK_QUOTE: return MarkdownNode(kind: .blockQuote)
        case CMARK_NODE_THEMATIC_BREAK: return MarkdownNode(kind: .thematicBreak)
        case CMARK_NODE_HTML_BLOCK: return MarkdownNode(kind: .htmlBlock, literal: string(cmark_node_get_literal(n)))
        case CMARK_NODE_HEADING: return MarkdownNode(kind: .heading(Int(cmark_node_get_heading_level(n))))
        case CMARK_NODE_CODE_BLOCK:
            return MarkdownNode(kind: .codeBlock(info: string(cmark_node_get_fence_info(n))),
                                literal: string(cmark_node_get_literal(n)))
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST
            return MarkdownNode(kind: .list(ordered: ordered, start: Int(cmark_node_get_list_start(n)),
                                            tight: cmark_node_get_list_tight(n) != 0))
        default:
            return makeExtensionNode(n)
        }
    }

    private static func makeExtensionNode(_ n: OpaquePointer) -> MarkdownNode {
        switch string(cmark_node_get_type_string(n)) {
        case "item": return MarkdownNode(kind: .item(task: nil))
        case "tasklist":
            return MarkdownNode(kind: .item(task: cmark_gfm_extensions_get_tasklist_item_checked(n)))
        case "table": return MarkdownNode(kind: .table(alignments: alignments(n)))
        case "table_header": return MarkdownNode(kind: .tableRow(header: true))
        case "table_row":
            return MarkdownNode(kind: .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(n) != 0))
        case "table_cell": return MarkdownNode(kind: .tableCell)
        case "strikethrough": return MarkdownNode(kind: .strikethrough)
        default: return MarkdownNode(kind: .other, literal: string(cmark_node_get_literal(n)))
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
    /// Serialises every use of cmark (see `MarkdownNode.parse`).
    static let lock = NSLock()

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
