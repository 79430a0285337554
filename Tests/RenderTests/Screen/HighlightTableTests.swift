import Testing
@testable import Render

@Suite struct HighlightTableTests {
    @Test func defaultsExistAndLinksResolve() {
        let hl = HighlightTable()
        #expect(hl.resolve("Normal") == .default)
        #expect(hl.resolvedStyle("FloatTitle") == hl.resolvedStyle("Title"))
        #expect(hl.resolvedStyle("statusline").attrs == [.reverse, .bold])
        for (name, _) in HighlightTable.defaultGroups { #expect(hl.get(name) != nil) }
    }

    @Test func setGetAndInterning() {
        let hl = HighlightTable(defaults: false)
        let def = HighlightDef(fg: .rgb(1, 2, 3), attrs: [.bold])
        hl.set("A", def)
        hl.set("B", def)
        #expect(hl.get("a") == def)
        #expect(hl.resolve("A") == hl.resolve("B"))
        #expect(hl.resolve("A") != .default)
        #expect(hl.style(for: hl.resolve("A")) == Style(fg: .rgb(1, 2, 3), attrs: [.bold]))
        #expect(hl.resolve("Missing") == .default)
        #expect(hl.style(for: StyleID(999)) == .plain)
    }

    @Test func redefiningKeepsOldIdsMeaningful() {
        let hl = HighlightTable(defaults: false)
        hl.set("X", HighlightDef(fg: .indexed(1)))
        let old = hl.resolve("X")
        let gen = hl.generation
        hl.set("X", HighlightDef(fg: .indexed(2)))
        #expect(hl.generation > gen)
        #expect(hl.style(for: old).fg == .indexed(1))
        #expect(hl.style(for: hl.resolve("X")).fg == .indexed(2))
    }

    @Test func linkCyclesGiveDefaultWithoutHanging() {
        let hl = HighlightTable(defaults: false)
        hl.set("A", .linked(to: "B"))
        hl.set("B", .linked(to: "C"))
        hl.set("C", .linked(to: "a"))
        hl.set("Self", .linked(to: "Self"))
        hl.set("Dangling", .linked(to: "Nowhere"))
        #expect(hl.resolve("A") == .default)
        #expect(hl.resolve("Self") == .default)
        #expect(hl.resolve("Dangling") == .default)
        hl.set("C", HighlightDef(attrs: [.italic]))
        #expect(hl.resolvedStyle("A").attrs == [.italic])
    }

    @Test func linkWinsOverOwnFields() {
        let hl = HighlightTable(defaults: false)
        hl.set("T", HighlightDef(fg: .indexed(3)))
        hl.set("L", HighlightDef(fg: .indexed(9), attrs: [.bold], link: "T"))
        #expect(hl.resolvedStyle("L") == Style(fg: .indexed(3)))
    }

    @Test func combineOverlaysSetFields() {
        let hl = HighlightTable(defaults: false)
        let base = hl.intern(Style(fg: .indexed(1), bg: .indexed(2), attrs: [.bold]))
        let over = hl.intern(Style(bg: .rgb(9, 9, 9), attrs: [.italic]))
        let c = hl.combine(base: base, over: over)
        #expect(hl.style(for: c) == Style(fg: .indexed(1), bg: .rgb(9, 9, 9), attrs: [.bold, .italic]))
        #expect(hl.combine(base: base, over: over) == c)
        #expect(hl.combine(base: base, over: .default) == base)
        #expect(hl.combine(base: .default, over: over) == over)
        // priority order matters: the later overlay wins
        let red = hl.intern(Style(fg: .indexed(1))), blue = hl.intern(Style(fg: .indexed(4)))
        #expect(hl.style(for: hl.combine(base: red, over: blue)).fg == .indexed(4))
        #expect(hl.style(for: hl.combine(base: blue, over: red)).fg == .indexed(1))
    }
}
