import Foundation

/// When and how long to wait before trying a request again, and which
/// answers are worth another try (the one retry predicate of every
/// provider: ``OpenAIErrorMapper`` refines it with the error body).
///
/// ```swift
/// let p = RetryPolicy(maxAttempts: 4, maxWait: 30)
/// RetryPolicy.isRetryable(status: 529)            // true
/// p.wait(beforeTry: 2, retryAfter: RetryPolicy.retryAfter("3"))   // 3.0
/// ```
public struct RetryPolicy: Hashable, Sendable {
    /// Tries per request (1 = no retry), 1...10.
    public var maxAttempts: Int
    /// The longest wait between tries in seconds (caps `retry-after`).
    public var maxWait: Double

    /// A policy; out-of-range numbers are clamped.
    public init(maxAttempts: Int = 3, maxWait: Double = 20) {
        self.maxAttempts = min(max(1, maxAttempts), 10)
        self.maxWait = maxWait.isFinite ? min(max(0, maxWait), 300) : 20
    }

    /// True for statuses worth retrying: 408, 409, 429 and 5xx (which
    /// includes Anthropic's 529 "overloaded").
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || (500..<600).contains(status)
    }

    /// The wait before try number `attempt + 1` after try `attempt`
    /// (1-based) failed: `retryAfter` when the server gave one, else 0.5 s
    /// doubling; capped at ``maxWait``.
    public func wait(after attempt: Int, retryAfter: Double?) -> Double {
        let exp = 0.5 * pow(2, Double(max(0, attempt - 1)))
        return min(maxWait, retryAfter ?? exp)
    }

    /// Seconds from a `retry-after` header: delta-seconds or an HTTP date.
    public static func retryAfter(_ header: String?, now: Date = Date()) -> Double? {
        guard let h = header?.trimmingCharacters(in: .whitespaces), !h.isEmpty else { return nil }
        if let s = Double(h), s.isFinite { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = f.date(from: h) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// `1.5 s` or `3 s`, for retry notices.
    public static func seconds(_ s: Double) -> String {
        s < 10 && s.rounded() != s ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
    }
}
