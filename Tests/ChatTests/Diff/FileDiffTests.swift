import Testing
@testable import Chat

@Suite struct FileDiffTests {
    @Test func contextAndLineNumbers() {
        let old = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 6\n", with: "line six\nline 6b\n")
        let d = FileDiff.make(old: old, new: new, path: "f.txt")
        #expect(d.unified == """
            --- a/f.txt
            +++ b/f.txt
            @@ -3,7 +3,8 @@
             line 3
             line 4
             line 5
            -line 6
            +line six
            +line 6b
             line 7
             line 8
             line 9

            """)
        #expect(d.added == 2 && d.removed == 1)
        let removed = d.hunks[0].lines[3]
        #expect(removed == DiffLine(.removed, "line 6", oldLine: 6, newLine: nil))
        #expect(d.hunks[0].lines[5] == DiffLine(.added, "line 6b", oldLine: nil, newLine: 7))
    }

    @Test func distantChangesMakeTwoHunks() {
        let old = (1...30).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n2\n", with: "\nTWO\n").replacingOccurrences(of: "\n28\n", with: "\n\n")
        let d = FileDiff.make(old: old, new: new, path: "n")
        #expect(d.hunks.map(\.header) == ["@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@"])
    }

    @Test func newFileAndEmptyDiff() {
        let d = FileDiff.make(old: nil, new: "a\nb\n", path: "new.txt")
        #expect(d.unified == "--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(FileDiff.make(old: "same\n", new: "same\n", path: "x").isEmpty)
        #expect(FileDiff.make(old: "same\n", new: "same\n", path: "x").unified == "")
        #expect(FileDiff.make(old: nil, new: "", path: "empty").unified == "")
    }

    @Test func missingFinalNewlineIsMarked() {
        let d = FileDiff.make(old: "a\nb", new: "a\nb\n", path: "x")
        #expect(d.unified == "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    }

    @Test func parseRoundTrips() throws {
        let cases: [(String?, String)] = [
            ("a\nb\nc\n", "a\nB\nc\nd\n"), (nil, "x\n"), ("a\nb", "a\nc"),
            ((1...40).map(String.init).joined(separator: "\n"), (1...40).map { $0 % 9 == 0 ? "x" : String($0) }.joined(separator: "\n")),
            ("-- dashes\n++ plus\n@@ at\n", "-- dashes!\n++ plus\n@@ at?\n"),
        ]
        for (old, new) in cases {
            let d = FileDiff.make(old: old, new: new, path: "p/q.txt")
            #expect(FileDiff.parse(d.unified) == d, "\(d.unified)")
        }
        #expect(FileDiff.parse("not a diff") == nil)
        #expect(FileDiff.parse("--- a/x\n+++ b/x\n@@ bad @@\n") == nil)
    }

    @Test func parsesGitDiffOutput() throws {
        let git = "diff --git a/x.c b/x.c\nindex 83db48f..bf269f4 100644\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-int a;\n+long a;\n"
        let d = try #require(FileDiff.parse(git))
        #expect(d.path == "x.c" && d.added == 1 && d.removed == 1)
        #expect(d.hunks[0].lines[1] == DiffLine(.added, "long a;", oldLine: nil, newLine: 1))
    }

    @Test func comparesBytesNotCanonicalEquivalence() {
        let d = FileDiff.make(old: "caf\u{E9}\n", new: "cafe\u{301}\n", path: "x")
        #expect(d.added == 1 && d.removed == 1)
    }

    @Test func hugeRewriteFallsBackToReplacement() {
        let old = (0..<6000).map { "old \($0)" }, new = (0..<6000).map { "new \($0)" }
        let ops = LineDiff.script(old: old, new: new)
        #expect(ops.count == 12000)
        #expect(ops.prefix(6000).allSatisfy { if case .delete = $0 { return true } else { return false } })
        // Repetitive lines (no unique anchors) stay bounded too.
        let o2 = (0..<20000).map { "l \($0 % 50)" }, n2 = (0..<20000).map { "l \(($0 * 7) % 50)" }
        #expect(LineDiff.script(old: o2, new: n2).count >= 20000)
    }

    @Test func anchorsSplitScatteredEdits() {
        let old = (0..<3000).map { $0 % 10 == 0 ? "unique \($0)" : "}" }
        var new = old
        new[500] = "{"
        new[2500] = "{"
        let ops = LineDiff.script(old: old, new: new)
        let changes = ops.filter { if case .equal = $0 { return false } else { return true } }
        #expect(changes == [.delete(old: 500), .insert(new: 500), .delete(old: 2500), .insert(new: 2500)])
    }

    @Test func smallChangeInALargeFileIsExact() {
        var lines = (0..<50_000).map { "line \($0)" }
        let old = lines
        lines[25_000] = "changed"
        lines.insert("inserted", at: 40_000)
        let ops = LineDiff.script(old: old, new: lines)
        let changes = ops.filter { if case .equal = $0 { return false } else { return true } }
        #expect(changes == [.delete(old: 25_000), .insert(new: 25_000), .insert(new: 40_000)])
    }
}

@Suite struct IntralineDiffTests {
    @Test func emphasizesTheChangedWords() throws {
        let r = try #require(IntralineDiff.ranges(old: "let total = price * count", new: "let total = price * amount"))
        #expect(r.old == [20..<25] && r.new == [20..<26])
    }

    @Test func noEmphasisWhenEverythingChanged() {
        #expect(IntralineDiff.ranges(old: "alpha beta gamma", new: "one two three") == nil)
        #expect(IntralineDiff.ranges(old: "same", new: "same") == nil)
    }

    @Test func wordsInOtherScriptsStayWhole() throws {
        let r = try #require(IntralineDiff.ranges(old: "名前 = 太郎 # 🙂 x", new: "名前 = 花子 # 🙂 x"))
        let old = Array("名前 = 太郎 # 🙂 x".utf8)
        #expect(r.old.count == 1)
        #expect(String(decoding: old[r.old[0]], as: UTF8.self) == "太郎")
    }
}
