import Dispatch
import Kernel

// The tool loop: approval, execution off the main thread, then the next request.
extension ChatController {
    func runNextTool() {
        guard !pendingCalls.isEmpty else {
            if let last = messages.last { persist(last) }
            request()
            return
        }
        var call = pendingCalls[0]
        editor.emit(.toolStart, data: .table(["id": .string(call.id), "name": .string(call.name),
                                                 "arguments": .string(call.arguments)]))
        let policy = tools.policy(for: call.name) ?? .deny
        guard tools.lookup(call.name) != nil else {
            finishTool(&call, ToolResult.failure("unknown tool: \(call.name)"), started: loop.clock.nowNanos)
            return
        }
        switch policy {
        case .allow: execute(call)
        case .deny: deny(call)
        case .ask:
            if editor.emit(.toolApproval, data: .table(["id": .string(call.id), "name": .string(call.name),
                                                           "arguments": .string(call.arguments)])) {
                // A handler consumed the event: it decided through `decide(_:)`.
                if let d = pendingDecision { pendingDecision = nil; apply(d, to: call) }
                else { deny(call) }
                return
            }
            guard let approver else { deny(call); return }
            state = .awaitingApproval
            approver(call) { [weak self] decision in self?.apply(decision, to: call) }
        }
    }

    /// Lets a `tool_approval` handler decide for the call being asked about.
    public func decide(_ decision: ToolApprovalDecision) { pendingDecision = decision }

    func apply(_ decision: ToolApprovalDecision, to call: ToolCall) {
        guard pendingCalls.first?.id == call.id else { return }
        tools.decide(decision, for: call.name)
        if decision == .deny { deny(call) } else { execute(call) }
    }

    func deny(_ call: ToolCall) {
        var c = call
        c.status = .denied
        c.output = ToolRegistry.deniedResult(call.name).output
        done(c)
    }

    func execute(_ call: ToolCall) {
        state = .runningTools
        let started = loop.clock.nowNanos
        let registry = tools
        let context = ToolContext(cwd: cwd)
        let request = ToolCallRequest(id: call.id, name: call.name, arguments: call.arguments)
        let poster = loop.poster
        let owner = LoopRef(self)
        DispatchQueue.global().async {
            let result = registry.execute(request, context: context)
            poster.post {
                guard let self = owner.value, self.pendingCalls.first?.id == call.id else { return }
                var c = call
                self.finishTool(&c, result, started: started)
            }
        }
    }

    func finishTool(_ call: inout ToolCall, _ result: ToolResult, started: UInt64) {
        call.output = result.output
        call.status = result.isError ? .error : .ok
        call.duration = Double(loop.clock.nowNanos &- started) / 1e9
        done(call)
    }

    func done(_ call: ToolCall) {
        updateToolBlock(call)
        editor.emit(.toolEnd, data: .table(["id": .string(call.id), "name": .string(call.name),
                                               "status": .string(call.status.rawValue)]))
        if !pendingCalls.isEmpty { pendingCalls.removeFirst() }
        runNextTool()
    }
}
