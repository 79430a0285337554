import Foundation
import Kernel
import Testing
@testable import Chat

/// The agent's flows end to end in one process: the mock model calls the
/// real file tools; the approval float shows the diff; modes decide;
/// checkpoints undo.
@Suite struct AgentFlowTests {
    @Test func approvalFloatShowsTheDiffThenTheTranscriptDoes() throws {
        let f = try AgentFixture()
        f.send("write")
        #expect(f.controller.state == .awaitingApproval)
        let screen = f.screen().joined(separator: "\n")
        #expect(screen.contains("Create weft-scratch.txt?"))
        #expect(screen.contains(" 6 + counter: 1"))
        #expect(f.events.last?.0 == "tool_approval" && f.events.last?.1["diff"]?.string?.hasPrefix("--- /dev/null") == true)
        #expect(f.files.text("weft-scratch.txt") == nil)  // nothing written before the answer
        f.press("y")
        #expect(f.files.text("weft-scratch.txt") == MockScript.scratchContent)
        let write = try #require(f.calls.last { $0.name == "write_file" })
        #expect(write.status == .ok && write.diff?.contains("+counter: 1") == true)
        let transcript = f.ui.windows.transcriptBuffer.lines.joined(separator: "\n")
        #expect(transcript.contains("✓ write_file  weft-scratch.txt  new, 36 lines"))
        #expect(transcript.contains("… 21 more lines (Ctrl-O to expand)"))
    }

    @Test func approvalScrollsAndDenies() throws {
        let f = try AgentFixture(height: 16)
        f.send("write")
        let window = try #require(f.editor.windows.values.first { $0.name == "approval" })
        #expect(f.screen().joined(separator: "\n").contains("[y] yes  [n] no"),
                "the keys are in the border, in view above a diff taller than the screen")
        f.press("G")
        #expect(window.view.topline > 0)
        f.press("n")
        #expect(f.calls.last?.status == .denied)
        #expect(f.files.text("weft-scratch.txt") == nil)
        #expect(f.editor.mode == "composer")
    }

    @Test func editsModeAppliesInsideTheProjectWithoutAsking() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.send("edit")
        #expect(!f.events.contains { $0.0 == "tool_approval" })
        #expect(f.files.text("weft-scratch.txt")?.contains("counter: 2\nstatus: edited 1 time\n") == true)
    }

    @Test func readOnlyRefusesAndTellsTheModel() throws {
        let f = try AgentFixture(mode: .readOnly)
        #expect(f.controller.effectiveSystemPrompt.contains("Permission mode: read-only"))
        f.send("write")
        let call = try #require(f.calls.first { $0.name == "write_file" })
        #expect(call.status == .denied && call.output.contains("not available in read-only mode"))
        #expect(f.files.text("weft-scratch.txt") == nil)
    }

    @Test func nobodyToAskMeansDenied() throws {
        let f = try AgentFixture()
        f.controller.approver = nil
        f.send("write")
        #expect(f.calls.first?.status == .denied)
        #expect(f.calls.first?.output.contains("nobody can give it here") == true)
    }

    @Test func editOutsideTheProjectAsksEvenInYolo() throws {
        let f = try AgentFixture(mode: .yolo)
        let outside = FileFixture()
        defer { outside.cleanup() }
        f.controller.tools.register(FunctionTool(name: "noop", description: "") { _, _ in ToolResult(output: "") })
        let change = try #require({ () -> FileChange? in
            if case .change(let c) = WriteFileTool().prepare(json: toolJSON(["path": .string(outside.dir + "/x.txt"),
                                                                             "content": "x\n"]), context: f.controller.toolContext()) {
                return c
            }
            return nil
        }())
        let decision = f.controller.agent.policy.decide(tool: "write_file", kind: .edit, setPolicy: nil, paths: [change.path])
        #expect(decision == .ask)
    }

    @Test func shiftTabCyclesAndEmits() throws {
        let f = try AgentFixture()
        f.press("<S-Tab>")
        #expect(f.controller.permissionMode == .edits)
        f.press("<S-Tab>")
        f.press("<S-Tab>")
        #expect(f.controller.permissionMode == .ask)
        #expect(f.events.filter { $0.0 == "permission_mode" }.map { $0.1["mode"]?.string ?? "" } == ["edits", "read-only", "ask"])
        #expect(f.ui.windows.statusBuffer.line(0)?.contains("⏵ ask") == true)
        f.controller.setPermissionMode(.yolo)
        for _ in 0..<4 { f.controller.cyclePermissionMode() }
        #expect(f.controller.permissionMode == .yolo)  // chosen once, yolo joins the cycle
    }

    @Test func undoRestoresIdenticalBytesAndWalksBack() throws {
        let f = try AgentFixture(mode: .edits)
        let original = Array("keep\r\nthese bytes\r\n".utf8) + [0xE2, 0x9C, 0x93]
        f.files.write("other.txt", original)
        f.send("write")
        let v1 = f.files.bytes("weft-scratch.txt")
        f.send("edit")
        f.send("edit")
        f.press("/undo<CR>")
        #expect(f.files.text("weft-scratch.txt")?.contains("counter: 2\n") == true)
        f.press("/undo<CR>")
        #expect(f.files.bytes("weft-scratch.txt") == v1)
        f.press("/undo<CR>")
        #expect(f.files.bytes("weft-scratch.txt") == nil)
        f.press("/undo<CR>")
        #expect(f.ui.windows.statusBuffer.line(0)?.contains("no file changes to undo") == true,
                "\(f.ui.windows.statusBuffer.line(0) ?? "")")
        #expect(f.files.bytes("other.txt") == original)
        #expect(f.events.filter { $0.0 == "undo" }.count == 3)
        // The model is told, and must read the file again before editing it.
        let sent = Conversation.providerMessages(f.controller.messages).map(\.content).joined(separator: "\n")
        #expect(sent.contains("[weft: ↺ /undo: the file changes of prompt 1 (“write”): restored weft-scratch.txt]"))
    }

    @Test func undoAsksBeforeOverwritingTheUsersChange() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.send("edit")
        f.files.write("weft-scratch.txt", "the user's own version\n")
        f.press("/undo<CR>")
        #expect(f.screen().joined(separator: "\n").contains("These files changed since weft wrote them"))
        f.press("k")
        #expect(f.files.text("weft-scratch.txt") == "the user's own version\n")
        #expect(f.events.last { $0.0 == "undo" }?.1["kept"]?.array?.count == 1)
    }

    @Test func undoOverwritesTheUsersChangeWhenTold() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.send("edit")
        f.files.write("weft-scratch.txt", "the user's own version\n")
        f.press("/undo<CR>")
        f.press("o")
        #expect(f.files.text("weft-scratch.txt") == MockScript.scratchContent)
        // What weft wrote is there again: the next undo asks nothing.
        f.press("/undo<CR>")
        #expect(f.files.text("weft-scratch.txt") == nil)
    }

    @Test func rewindContinuesInANewSessionAndKeepsTheOld() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.send("edit")
        f.send("hello")
        let old = try #require(f.controller.sessionID)
        let oldFile = try String(contentsOfFile: f.controller.store.path(for: old), encoding: .utf8)
        let outcome = try f.controller.rewind(toTurn: 2, overwriteChanged: false)
        #expect(outcome.prompt == "edit" && outcome.previousSession == old)
        #expect(f.files.text("weft-scratch.txt") == MockScript.scratchContent)
        #expect(f.controller.sessionID != old && f.controller.sessionID != nil)
        #expect(f.controller.prompts.map(\.text) == ["write"])
        #expect(try String(contentsOfFile: f.controller.store.path(for: old), encoding: .utf8) == oldFile)
        // The new session remembers turn 1's checkpoint.
        #expect(f.controller.checkpoints?.turns().map(\.turn) == [1])
        let loaded = try f.controller.store.load(f.controller.sessionID!)
        #expect(loaded.records.contains { $0.meta["forked_from"]?.string == old })
    }

    @Test func rewindPickerChoosesAPrompt() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.send("edit")
        f.press("/rewind<CR>")
        #expect(f.screen().joined(separator: "\n").contains("Rewind to before which prompt?"))
        f.press("<CR>")  // the newest, selected: "edit"
        #expect(f.controller.prompts.map(\.text) == ["write"])
        #expect(f.ui.composer.text == "edit")
        #expect(f.files.text("weft-scratch.txt") == MockScript.scratchContent)
    }

    @Test func shellCommandRunsAndReachesTheModel() throws {
        let f = try AgentFixture()
        f.files.write("marker.txt", "x")
        f.send("!ls")
        let shell = try #require(f.calls.first)
        #expect(shell.name == "shell" && shell.status == .ok && shell.output.contains("marker.txt"))
        #expect(f.controller.messages.count == 1 && f.controller.messages[0].role == .user)
        let sent = Conversation.providerMessages(f.controller.messages)
        #expect(sent.last?.content.hasPrefix("I ran this command in the shell myself (not a tool call):\n$ ls\n") == true)
        // Saved and shown again after a reload.
        let loaded = try f.controller.store.load(f.controller.sessionID!)
        let again = Conversation.messages(from: loaded.records)
        guard case .toolCall(let c)? = again.first?.blocks.first else { Issue.record("no shell block"); return }
        #expect(c.name == "shell" && c.output == shell.output)
    }

    @Test func sessionFileKeepsTheDiff() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.send("edit")
        let loaded = try f.controller.store.load(f.controller.sessionID!)
        let diffs = loaded.records.compactMap(\.diff)
        #expect(diffs.count == 2 && diffs[1].contains("-counter: 1\n-status: draft\n+counter: 2\n"))
        let messages = Conversation.messages(from: loaded.records)
        let edit = messages.flatMap(\.blocks).compactMap { b -> ToolCall? in
            if case .toolCall(let c) = b, c.name == "edit_file" { return c } else { return nil }
        }.first
        #expect(edit?.diff == diffs[1])
    }

    @Test func staleFileIsRefusedToTheModel() throws {
        let f = try AgentFixture(mode: .edits)
        f.send("write")
        f.files.age("weft-scratch.txt", seconds: 100)
        // The model read it (via the write); the user changes it behind its back.
        let ctx = f.controller.toolContext()
        _ = ReadFileTool().execute(json: #"{"path":"weft-scratch.txt"}"#, context: ctx)
        f.files.write("weft-scratch.txt", MockScript.scratchContent + "user line\n")
        let r = EditFileTool().execute(json: toolJSON(["path": "weft-scratch.txt", "old_string": "counter: 1",
                                                       "new_string": "counter: 9"]), context: ctx)
        #expect(r.isError && r.output.contains("changed on disk since you last read it"))
    }
}
