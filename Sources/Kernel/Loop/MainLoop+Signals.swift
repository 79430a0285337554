#if canImport(Glibc)
import Glibc
#endif

extension MainLoop {
    /// Runs `handler` on this loop whenever `signal` arrives (SIGWINCH,
    /// SIGTSTP, SIGCONT, SIGINT, SIGTERM, SIGHUP, ...). The C handler only
    /// writes to a self-pipe; several arrivals before the loop runs may be
    /// delivered once. While any hook exists for a signal its default action
    /// (e.g. terminating on SIGTERM) is replaced; removing the last hook
    /// restores it.
    /// - Throws: ``KernelError/invalidArgument(_:)`` for SIGKILL, SIGSTOP or
    ///   an out-of-range number; ``KernelError/invalidState(_:)`` if the
    ///   handler cannot be installed.
    @discardableResult
    public func onSignal(_ signal: Int32, _ handler: @escaping (Int32) throws -> Void) throws -> SignalHookID {
        let hub: SignalHub
        switch SignalHub.shared {
        case .success(let h): hub = h
        case .failure(let e): throw e
        }
        try hub.subscribe(poster, signal: signal)
        if signalWatch == nil {
            signalWatch = watch(fd: hub.readFD, events: .read) { _, _ in hub.drain() }
        }
        let id = SignalHookID(takeID())
        signalHooks.append(SignalHook(id: id, signal: signal, handler: handler))
        return id
    }

    /// Removes a signal hook; false if `id` is unknown.
    @discardableResult
    public func removeSignalHook(_ id: SignalHookID) -> Bool {
        guard let i = signalHooks.firstIndex(where: { $0.id == id }) else { return false }
        let hook = signalHooks.remove(at: i)
        if case .success(let hub) = SignalHub.shared {
            hub.unsubscribe(poster, signal: hook.signal)
        }
        if signalHooks.isEmpty, let w = signalWatch {
            unwatch(w)
            signalWatch = nil
        }
        return true
    }

    /// Runs the hooks for signals delivered so far. True if any ran.
    func dispatchSignals() -> Bool {
        var did = false
        while let signal = poster.popSignal() {
            for hook in signalHooks where hook.signal == signal {
                did = true
                do { try hook.handler(signal) } catch { reportError(error) }
            }
        }
        return did
    }
}
