import Testing
@testable import Chat

/// The streaming cache parses again only from the last top-level block; its
/// output must always equal a full parse of the same text.
@Suite struct MarkdownCacheTests {
    /// Documents with every construct that can reach back across lines:
    /// lists (tight and loose, continuations), fences (open and closed),
    /// setext headings, tables after paragraphs, quotes with lazy lines,
    /// ATX headings that turn into text, HTML blocks, indented code.
    static let corpus: [String] = [
        MD.showcase,
        "Intro line\nsecond line\n\nSetext heading\n===\n\nAnother\n---\n\n- a\n- b\n\n- loose c\n\n  continued para in c\n\nafter list\n",
        "para\n#\n#foo\n\n## heading\ntext\n1. one\n2. two\n\n   still two\n3) other list\n\n    indented code\n    more\n\nend",
        "intro\n| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\nnot a row\n\n> quote\nlazy line\n> > nested\n\n```\nopen fence never closed\n\nstill code\n- not a list",
        "<div>\nhtml block\n</div>\n\n* star\n+ plus list\n\n***\n\ntext with `code` and **bold\nacross** lines\n\n~~~ruby\nputs 1\n~~~\n\nlast *para*",
        "windows\r\nline ends\r\n\r\n- a\r\n- b\r\n\r\nold mac\rline\r\rend\n\nafter",
        "```swift\nlet a = 1\n```\nafter fence\n```\nsecond\n```\n\n```python\nx = 1\n````\nstill ``` \n```` \ntail *text*\n\n```\n```\n- list after\n```\n``\n```swift\n```",
        "- a\n- b\n\nafter list\n> q\n\nafter quote\n<div>\nx\n\nafter html\n    code\n\nafter code\n1. x\n\nb\n\n<!-- c\n\nin comment -->\n\nz\n* y\n\n  Indented\n\nT\n- after\n\nQ\n===\n\nA | B\n--|--\n\nend",
        "  ```js\n  var a\n   ```\ncode done\n~~~\n~~~~\n~~~\n~~~~\npara\n\n```\n\n\n```\n# heading",
        "你好 **世界** 🎉\n\n- [ ] task\n- [x] done\n  - nested 漢字\n\n| 名前 | 説明 |\n|--|--|\n| 👩‍👩‍👧 | 家族 |\n\n> 引用\n\n```swift\nlet x = \"中\"\n```\n",
    ]

    private func check(_ prefixes: [String], width: Int, _ context: String) -> MarkdownCache {
        let renderer = MarkdownRenderer()
        let cache = MarkdownCache()
        for prefix in prefixes {
            let cached = renderer.renderDocument(prefix, width: width, cache: cache)
            let full = renderer.renderDocument(prefix, width: width)
            if cached.lines != full.lines {
                Issue.record("\(context): prefix \(prefix.debugDescription)\ncached \(MD.texts(cached.lines))\nfull   \(MD.texts(full.lines))")
                return cache
            }
            #expect(cached.widthDependent == full.widthDependent, "\(context): dependence, prefix \(prefix.debugDescription)")
        }
        return cache
    }

    @Test func everyCharacterOfTheCorpus() {
        var partial = 0
        for (d, doc) in Self.corpus.enumerated() {
            var prefixes: [String] = []
            var prefix = ""
            for ch in doc {
                prefix.append(ch)
                prefixes.append(prefix)
            }
            partial += check(prefixes, width: 40, "doc \(d)").partialParses
        }
        #expect(partial > 500, "the incremental path was taken \(partial) times")
    }

    @Test func randomSplitPoints() {
        var seed: UInt64 = 0x5EED_CAFE
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(max(1, n)))
        }
        for round in 0..<200 {
            let doc = Self.corpus[next(Self.corpus.count)] + "\n\n" + Self.corpus[next(Self.corpus.count)]
            let chars = Array(doc)
            var cuts = (0..<(1 + next(8))).map { _ in next(chars.count + 1) }
            cuts.append(chars.count)
            cuts.sort()
            let prefixes = cuts.map { String(chars[0..<$0]) }
            _ = check(prefixes, width: [12, 40, 80][round % 3], "round \(round) seed-derived cuts \(cuts)")
        }
    }

    @Test func aPartialHeadingLineThatBecomesTextIsReparsedWithItsParagraph() {
        let cache = check(["para\n\nmore\n#", "para\n\nmore\n#foo", "para\n\nmore\n#foo\n\nnext"], width: 40, "heading")
        #expect(cache.partialParses >= 2)
    }

    /// A paragraph streamed after a blank line is one partial line: it is
    /// parsed alone, not with the list before it.
    @Test func aParagraphAfterABlankLineIsParsedWithoutTheBlockBeforeIt() {
        let list = "- item one\n- item two\n\n"
        // (The emphasis keeps the additions from being plain words, which
        // would need no parse at all.)
        let cache = check([list + "Para", list + "Para *graph*", list + "Para *graph* *words*"], width: 40, "para after list")
        #expect(cache.fullParses == 1 && cache.partialParses == 2)
        #expect(cache.parsedBytes == list.utf8.count + 4 + 12 + 20)
        // Indented, the same line may still join the list item: parsed with it.
        let loose = check([list + "  Pa", list + "  Para"], width: 40, "continuation")
        #expect(loose.fullParses == 2)
    }

    /// Plain words added to a paragraph at the end extend its last line
    /// without a parse; anything that could be markup parses again, and
    /// every step equals a full parse.
    @Test func plainWordsGrowAParagraphWithoutAParse() {
        let para = "# Title\n\nSome words"
        let cache = check([para, para + " more", para + " more words,", para + " more words, and 漢字 😀  ",
                           para + " more words, and 漢字 😀   ok?"], width: 40, "plain")
        #expect(cache.paragraphAppends == 4 && cache.partialParses == 0 && cache.fullParses == 1)
        // Each of these additions, or the text it follows, could change
        // what the paragraph is: all must still match a full parse.
        let tricky: [(String, String)] = [
            ("see www.exa", "mple"), ("mail me at a@b", "c"), ("see http", "s"), ("go http:", "x"),
            ("say _foo_", "bar"), ("say *foo*", "bar"), ("a ~~b~~", "c"), ("tail \\", "x"),
            ("para\n+ ", "item"), ("para\n1.", " item"), ("para\n1", "0"), ("para\n- ", "x"),
            ("para\n#", "x"), ("para\n>", " q"), ("para\n=", "=="), ("para\n", "next"),
            ("amp &amp", "x"), ("code `a", "b"), ("end  ", "x"), ("end", "  "), ("x\n    indented", " more"),
            ("a | b", " c"), ("[link", "x"), ("![img", "x"), ("<b", "x"), ("tab\t", "x"), ("word ", "é\u{301}"),
            ("x *y* ", "z"), ("x * ", "y"), ("x \\\\ ", "."), ("x www", ".a.com"), ("x WwW", ".a.b"), ("x a@b", ".com"),
            ("x http", "://a.b"), ("foo", ". Bar"), ("[a]", "(b)"), ("see [a](htt", "p)"), ("x **y**", "z"), ("x ~~y~~", "z"),
            ("x `y`", "z"), ("<d", "iv"), ("para\n<d", "iv"), ("**b", "x"), ("** b", "x"), ("*\tb", "x"), ("`` b", "x"),
            ("```b", "x"), ("~~~b", "x"), ("__", "x"), ("**", " x"), ("para\n**", "x"), ("para\n* b", "x"), ("`a` b", "c"), ("x <i>", "y"), ("x\\", "."), ("1 a", "b"), ("x www.a.b", " c"), ("x y.", "com"),
        ]
        for (before, added) in tricky {
            _ = check([before, before + added, before + added + " z"], width: 40, "tricky \(before.debugDescription) + \(added.debugDescription)")
        }
    }

    @Test func fallsBackWhenTheTextIsNotAnExtensionOrWidthChanges() {
        let renderer = MarkdownRenderer()
        let cache = MarkdownCache()
        _ = renderer.renderDocument("a\n\nb\n\nc", width: 40, cache: cache)
        _ = renderer.renderDocument("a\n\nb\n\nc *d*", width: 40, cache: cache)
        #expect(cache.partialParses == 1)
        _ = renderer.renderDocument("x\n\nb\n\nc *d*", width: 40, cache: cache)
        _ = renderer.renderDocument("x\n\nb\n\nc *d* e", width: 30, cache: cache)
        #expect(cache.fullParses == 3)
        // A reference definition anywhere makes every later parse full.
        _ = check(["see [x][r]\n\nmore", "see [x][r]\n\nmore\n\n[r]: https://a.example", "see [x][r]\n\nmore\n\n[r]: https://a.example\n\nz"],
                  width: 40, "refdef")
    }
}

