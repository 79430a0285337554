import Chat
import Testing

@Suite struct ToolCallAccumulatorTests {
    typealias D = OpenAIToolCallDelta

    func run(_ deltas: [D]) -> [ToolCallRequest] {
        var acc = ToolCallAccumulator()
        for d in deltas { acc.add(d) }
        return acc.finish()
    }

    @Test func fragmentedArgumentsAreJoined() {
        let calls = run([D(index: 0, id: "call_1", name: "read_file", arguments: ""),
                         D(index: 0, arguments: #"{"pa"#), D(index: 0, arguments: #"th":"a"}"#)])
        #expect(calls == [ToolCallRequest(id: "call_1", name: "read_file", arguments: #"{"path":"a"}"#)])
    }

    @Test func parallelCallsByIndexInterleaved() {
        let calls = run([D(index: 0, id: "a", name: "f", arguments: "{"), D(index: 1, id: "b", name: "g", arguments: "["),
                         D(index: 0, arguments: "}"), D(index: 1, arguments: "]")])
        #expect(calls == [ToolCallRequest(id: "a", name: "f", arguments: "{}"),
                          ToolCallRequest(id: "b", name: "g", arguments: "[]")])
    }

    @Test func reusedIndexZeroWithNewIDAndNameOpensASlot() {
        let calls = run([D(index: 0, id: "a", name: "f", arguments: #"{"x":1}"#),
                         D(index: 0, id: "b", name: "g", arguments: #"{"y":"#), D(index: 0, arguments: "2}")])
        #expect(calls == [ToolCallRequest(id: "a", name: "f", arguments: #"{"x":1}"#),
                          ToolCallRequest(id: "b", name: "g", arguments: #"{"y":2}"#)])
    }

    @Test func sameNameReusedIndexOpensASlotOnlyAfterCompleteArguments() {
        let calls = run([D(index: 0, id: "a", name: "f", arguments: #"{"x":1}"#),
                         D(index: 0, id: "b", name: "f", arguments: "{}")])
        #expect(calls.map(\.id) == ["a", "b"])
        let glued = run([D(index: 0, id: "a", name: "f", arguments: #"{"x":"#),
                         D(index: 0, id: "b", name: "f", arguments: "1}")])
        #expect(glued == [ToolCallRequest(id: "a", name: "f", arguments: #"{"x":1}"#)])
    }

    @Test func newIDOnEveryChunkKeepsTheFirst() {
        let calls = run([D(index: 0, id: "id_1", name: "read_file", arguments: #"{"pa"#),
                         D(index: 0, id: "id_2", arguments: #"th": "#), D(index: 0, id: "id_3", arguments: #""b"}"#)])
        #expect(calls == [ToolCallRequest(id: "id_1", name: "read_file", arguments: #"{"path": "b"}"#)])
    }

    @Test func missingIDAndEmptyArgumentsGetDefaults() {
        let calls = run([D(index: 3, name: "list_files")])
        #expect(calls == [ToolCallRequest(id: "call_0", name: "list_files", arguments: "{}")])
    }

    @Test func invalidArgumentsArePassedAsSent() {
        let calls = run([D(index: 0, id: "a", name: "f", arguments: #"{"x":"#)])
        #expect(calls.first?.arguments == #"{"x":"#)
    }

    @Test func finishResets() {
        var acc = ToolCallAccumulator()
        acc.add(D(index: 0, id: "a", name: "f"))
        #expect(!acc.isEmpty)
        #expect(acc.finish().count == 1)
        #expect(acc.isEmpty)
        #expect(acc.finish().isEmpty)
    }
}
