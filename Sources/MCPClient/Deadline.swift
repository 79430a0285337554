import Foundation
import Synchronization

/// Runs `operation` and returns its result, or throws `timeoutError` once
/// `seconds` pass, whichever comes first. The operation is not awaited
/// past the deadline (the SDK's requests ignore cancellation, so a server
/// that never answers would otherwise hang the caller); the caller cleans
/// up (disconnects) after a timeout.
func withDeadline<T: Sendable>(seconds: Double, timeoutError: @escaping @Sendable () -> Error,
                               _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let once = Once<T>()
    return try await withCheckedThrowingContinuation { continuation in
        once.install(continuation)
        let work = Task { once.resume(with: await Result { try await operation() }) }
        Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
            if once.resume(with: .failure(timeoutError())) { work.cancel() }
        }
    }
}

/// A continuation resumed at most once, from any thread.
private final class Once<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, Error>?>(nil)

    func install(_ c: CheckedContinuation<T, Error>) {
        continuation.withLock { $0 = c }
    }

    /// Resumes with `result` if nobody did yet; true if this call did.
    @discardableResult
    func resume(with result: Result<T, Error>) -> Bool {
        let c = continuation.withLock { $0.take() }
        guard let c else { return false }
        c.resume(with: result)
        return true
    }
}

extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
