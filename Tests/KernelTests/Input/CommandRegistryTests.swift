import Testing
@testable import Kernel

@Suite struct CommandRegistryTests {
    /// A registry with one command per nargs value, recording invocations.
    final class Recorder {
        var calls: [CommandInvocation] = []
    }

    func registry(_ rec: Recorder) throws -> CommandRegistry {
        let r = CommandRegistry()
        for (name, n) in [("none", CommandNargs.zero), ("one", .one), ("opt", .optional),
                          ("many", .any), ("some", .atLeastOne)] {
            try r.create(name: name, options: CommandOptions(desc: "nargs \(n.rawValue)", nargs: n)) {
                rec.calls.append($0)
            }
        }
        return r
    }

    @Test func runParsesNameBangAndArguments() throws {
        let rec = Recorder()
        let r = try registry(rec)
        try r.run(line: "none")
        try r.run(line: ":none!")
        try r.run(line: "  /many!  a  b\\ c  d\\ ")
        try r.run(line: "one  hello world ")
        try r.run(line: "opt")
        try r.run(line: "opt x y")
        try r.run(line: "some é 漢")
        #expect(rec.calls == [
            CommandInvocation(name: "none"),
            CommandInvocation(name: "none", bang: true),
            CommandInvocation(name: "many", args: "a  b\\ c  d\\", fargs: ["a", "b c", "d\\"], bang: true),
            CommandInvocation(name: "one", args: "hello world", fargs: ["hello world"]),
            CommandInvocation(name: "opt"),
            CommandInvocation(name: "opt", args: "x y", fargs: ["x y"]),
            CommandInvocation(name: "some", args: "é 漢", fargs: ["é", "漢"]),
        ])
    }

    @Test(arguments: [
        ("none x", "command 'none' takes no arguments"),
        ("none! x", "command 'none' takes no arguments"),
        ("one", "command 'one' requires an argument"),
        ("one   ", "command 'one' requires an argument"),
        ("some", "command 'some' requires at least one argument"),
        ("foo", "unknown command: foo"),
        ("/foo bar", "unknown command: foo"),
        ("none.x", "unknown command: none.x"),
        ("", "no command name in ''"),
        (":", "no command name in ':'"),
        ("! x", "no command name in '! x'"),
    ])
    func badLinesGiveClearErrors(line: String, message: String) throws {
        let rec = Recorder()
        let r = try registry(rec)
        do {
            try r.run(line: line)
            Issue.record("expected an error for '\(line)'")
        } catch let e as KernelError {
            #expect(e.description == message)
        }
        #expect(rec.calls.isEmpty)
    }

    @Test func namesAreValidated() throws {
        let r = CommandRegistry()
        for bad in ["", "1abc", "_x", "-x", "a b", "a!", "é", "a.b", "/x"] {
            #expect(throws: KernelError.self, "\(bad)") { try r.create(name: bad) { _ in } }
        }
        for good in ["a", "Write", "w2", "my_cmd", "my-cmd", "X9_-"] {
            try r.create(name: good) { _ in }
        }
        #expect(r.count == 6)
    }

    @Test func handlerErrorsPropagate() throws {
        struct Boom: Error {}
        let r = CommandRegistry()
        try r.create(name: "boom") { _ in throw Boom() }
        #expect(throws: Boom.self) { try r.run(line: "boom") }
    }

    @Test func createReplacesAndDelRemoves() throws {
        let r = CommandRegistry()
        var hits: [String] = []
        try r.create(name: "x") { _ in hits.append("old") }
        try r.create(name: "x", options: CommandOptions(desc: "new", owner: "me")) { _ in hits.append("new") }
        try r.run(line: "x")
        #expect(hits == ["new"])
        #expect(r.list() == [CommandInfo(name: "x", desc: "new", nargs: .zero, owner: "me")])
        try r.del(name: "x")
        #expect(!r.exists("x"))
        #expect(throws: KernelError.notFound("unknown command: x")) { try r.del(name: "x") }
        #expect(throws: KernelError.notFound("unknown command: x")) { try r.run(line: "x") }
    }

    @Test func nargsParsing() throws {
        for n in CommandNargs.allCases { #expect(try CommandNargs(parsing: n.rawValue) == n) }
        #expect(throws: KernelError.self) { try CommandNargs(parsing: "2") }
        #expect(throws: KernelError.self) { try CommandNargs(parsing: "") }
    }

    @Test func completesNamesSorted() throws {
        let rec = Recorder()
        let r = try registry(rec)
        #expect(r.complete(prefix: "o") == ["one", "opt"])
        #expect(r.complete(prefix: "") == ["many", "none", "one", "opt", "some"])
        #expect(r.complete(prefix: "z").isEmpty)
        #expect(r.complete(line: "/o") == CommandCompletion(start: 1, items: ["one", "opt"], isName: true))
        #expect(r.complete(line: "  :") == CommandCompletion(start: 3, items: r.complete(prefix: ""), isName: true))
        #expect(r.list().map(\.name) == ["many", "none", "one", "opt", "some"])
    }

    @Test func completesArgumentsThroughTheCommandsFunction() throws {
        let r = CommandRegistry()
        var leads: [String] = []
        let models = ["gpt-4", "gpt-5", "llama"]
        try r.create(name: "model", options: CommandOptions(nargs: .one, complete: { lead in
            leads.append(lead)
            return models.filter { $0.hasPrefix(lead) }
        })) { _ in }
        try r.create(name: "plain", options: CommandOptions(nargs: .any)) { _ in }
        #expect(r.complete(line: "/model gp") == CommandCompletion(start: 7, items: ["gpt-4", "gpt-5"], isName: false))
        #expect(r.complete(line: "/model ") == CommandCompletion(start: 7, items: models, isName: false))
        #expect(r.complete(line: "model! a l").start == 9)
        #expect(r.complete(line: "/model é\\ l").start == 7)
        #expect(leads == ["gp", "", "l", "é l"])
        #expect(r.complete(line: "/plain x").items.isEmpty)
        #expect(r.complete(line: "/nope x").items.isEmpty)
        #expect(r.list().map(\.completes) == [true, false])
    }

    @Test func splitArgsHandlesEscapes() {
        #expect(CommandLineSyntax.splitArgs("") == [])
        #expect(CommandLineSyntax.splitArgs("   ") == [])
        #expect(CommandLineSyntax.splitArgs("a\\ ") == ["a "])
        #expect(CommandLineSyntax.splitArgs("\\ ") == [" "])
        #expect(CommandLineSyntax.splitArgs("a\\b c") == ["a\\b", "c"])
        #expect(CommandLineSyntax.splitArgs("a\tb\nc") == ["a", "b", "c"])
    }
}
