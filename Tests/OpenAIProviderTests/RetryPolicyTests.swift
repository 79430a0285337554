import Foundation
import Testing
import Chat
@testable import OpenAIProvider
import ProviderHTTP

/// The retry rules and transport wording every provider shares, and the
/// OpenAI provider's own retry verdict.
@Suite struct RetryPolicyTests {
    @Test func retryAfterSecondsAndDate() {
        #expect(RetryPolicy.retryAfter("3") == 3)
        #expect(RetryPolicy.retryAfter(" 1.5 ") == 1.5)
        #expect(RetryPolicy.retryAfter(nil) == nil)
        #expect(RetryPolicy.retryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:10 GMT", now: now) == 10)
    }

    @Test func backoffDoublesAndIsCapped() {
        let p = RetryPolicy(maxAttempts: 3, maxWait: 20)
        #expect(p.wait(after: 1, retryAfter: nil) == 0.5)
        #expect(p.wait(after: 3, retryAfter: nil) == 2)
        #expect(p.wait(after: 1, retryAfter: 100) == 20)
    }

    @Test func transportMessagesNameTheProviderAndURL() {
        let url = "http://127.0.0.1:9/v1/chat/completions"
        let r = StreamingRequest(provider: "openai", url: url, headers: [], body: "", readTimeout: 10,
                                 retry: RetryPolicy(), secret: nil)
        #expect(r.timedOutMessage(seconds: 10) == "openai: no answer from \(url) within 10 s (timeout)")
    }

    @Test func aRefusedGetNamesTheProviderAndURL() async throws {
        let server = try await FakeServer.start()
        let url = server.baseURL + "/v1/models"
        server.stop()
        let error = await #expect(throws: TransportError.self) {
            _ = try await HTTPTransport.get(url: url, headers: [], timeout: 5, provider: "openai", secret: nil)
        }
        #expect(error?.description == "openai: cannot connect to \(url) (connection refused)")
    }

    @Test func openAIRetriesA500OnceWhenItRepeatsWordForWord() {
        let hiccup = HTTPFailure(status: 500, body: "Internal Server Error")
        #expect(OpenAIProvider.isRetryable(hiccup, after: nil))
        #expect(!OpenAIProvider.isRetryable(hiccup, after: hiccup))
        #expect(OpenAIProvider.isRetryable(HTTPFailure(status: 503, body: "busy"), after: HTTPFailure(status: 503, body: "busy")))
        #expect(!OpenAIProvider.isRetryable(HTTPFailure(status: 400, body: "bad"), after: nil))
    }
}
