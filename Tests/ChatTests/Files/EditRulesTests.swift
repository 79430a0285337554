import Testing
@testable import Chat

@Suite struct EditRulesTests {
    private func replace(_ text: String, _ old: String, _ new: String, all: Bool = false) -> Result<EditRules.Outcome, EditFailure> {
        EditRules.replace(in: text, old: old, new: new, replaceAll: all)
    }

    @Test func replacesTheOnlyOccurrence() throws {
        let out = try replace("let a = 1\nlet b = 2\n", "b = 2", "b = 3").get()
        #expect(out.text == "let a = 1\nlet b = 3\n")
        #expect(out.replacements == 1 && out.firstLine == 2)
    }

    @Test func refusesAbsentEmptyAndUnchanged() {
        #expect(throws: EditFailure.notFound(hint: nil)) { try replace("abc", "x", "y").get() }
        #expect(throws: EditFailure.emptyOldString) { try replace("abc", "", "y").get() }
        #expect(throws: EditFailure.noChange) { try replace("abc", "b", "b").get() }
    }

    @Test func ambiguousNeedsReplaceAll() throws {
        let text = "x = 1\ny = 2\nx = 1\n"
        #expect(throws: EditFailure.ambiguous(lines: [1, 3])) { try replace(text, "x = 1", "x = 0").get() }
        let all = try replace(text, "x = 1", "x = 0", all: true).get()
        #expect(all.text == "x = 0\ny = 2\nx = 0\n" && all.replacements == 2)
        #expect(EditFailure.ambiguous(lines: [1, 3]).description.contains("occurs 2 times (lines 1, 3)"))
    }

    @Test func matchesBytesNotCanonicalEquivalents() throws {
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        // Equal as Swift strings, different bytes: no match, and not "no change".
        #expect(precomposed == decomposed)
        #expect(throws: EditFailure.notFound(hint: nil)) { try replace("un \(precomposed)\n", decomposed, "tea").get() }
        let swapped = try replace("un \(precomposed)\n", precomposed, decomposed).get()
        #expect(Array(swapped.text.utf8) == Array("un \(decomposed)\n".utf8))
    }

    @Test func unicodeEverywhere() throws {
        let text = "名前 = \"太郎\" // 🙂 ok\nnext\n"
        let out = try replace(text, "\"太郎\" // 🙂", "\"花子\" // 👍🏽").get()
        #expect(out.text == "名前 = \"花子\" // 👍🏽 ok\nnext\n")
    }

    @Test func hintsAtIndentationMismatch() {
        let text = "func f() {\n    return 1\n}\n"
        guard case .failure(let e) = replace(text, "return 1\n  }", "return 2\n  }") else {
            Issue.record("expected a failure")
            return
        }
        #expect(e == .notFound(hint: 2))
        #expect(e.description.contains("line 2"))
    }

    @Test func overlappingOccurrencesCountOnce() throws {
        #expect(throws: EditFailure.ambiguous(lines: [1, 1])) { try replace("aaaa", "aa", "b").get() }
        #expect(try replace("aaaa", "aa", "b", all: true).get().text == "bb")
    }
}
