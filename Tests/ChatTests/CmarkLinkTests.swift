import CCmark
import Testing

/// Proves cmark-gfm and its table extension link and parse.
@Suite struct CmarkLinkTests {
    @Test func parsesATable() throws {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = try #require(cmark_parser_new(CMARK_OPT_DEFAULT))
        defer { cmark_parser_free(parser) }
        let table = try #require(cmark_find_syntax_extension("table"))
        cmark_parser_attach_syntax_extension(parser, table)
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n"
        cmark_parser_feed(parser, md, md.utf8.count)
        let doc = try #require(cmark_parser_finish(parser))
        defer { cmark_node_free(doc) }
        let first = try #require(cmark_node_first_child(doc))
        #expect(String(cString: cmark_node_get_type_string(first)) == "table")
    }
}
