import Kernel
import Testing
@testable import Chat

/// The context window: the server's word, else the known models, else the
/// configuration; the status line shows the last request's share of it.
@Suite struct ContextWindowTests {
    @Test func knownModelsByFamily() {
        #expect(ContextWindow.known(model: "gpt-4o-mini") == 128_000)
        #expect(ContextWindow.known(model: "GPT-4.1-nano") == 1_047_576)
        #expect(ContextWindow.known(model: "gpt-4") == 8_192)
        #expect(ContextWindow.known(model: "claude-sonnet-4-5") == 200_000)
        #expect(ContextWindow.known(model: "openai/gpt-4o") == 128_000)
        #expect(ContextWindow.known(model: "my-local-model") == nil)
    }

    @Test func theServerWinsThenTheTableThenTheConfiguration() {
        #expect(ContextWindow.resolve(model: "gpt-4o", reported: 32_000, configured: 8_000) == 32_000)
        #expect(ContextWindow.resolve(model: "gpt-4o", reported: nil, configured: 8_000) == 128_000)
        #expect(ContextWindow.resolve(model: "local", reported: 0, configured: 8_000) == 8_000)
        #expect(ContextWindow.resolve(model: "local") == ContextWindow.fallback)
    }

    @Test func statusShowsTheLastRequestsShare() {
        var s = StatusLine(model: "m", provider: "p", state: .idle, spinner: "", tokensIn: 90_000, tokensOut: 9_000,
                           contextWindow: 10_000, session: nil, cwd: "/", queued: 0, newLines: 0, notice: nil)
        s.contextUsed = 2_500
        #expect(s.render(width: 120).contains(" 25%"))
        s.contextUsed = 50_000
        #expect(s.render(width: 120).contains(" 100%"))
    }

    @Test func theControllerCountsTheLastRequestOnly() throws {
        let s = try ChatScreen(width: 60, height: 12)
        let c = s.ui.controller
        let token = RequestToken()
        c.currentRequest = token
        c.requestTokens = 0
        c.receive(.usage(input: 1_000, output: 200), for: token)
        c.receive(.cacheUsage(read: 300, write: 0), for: token)
        #expect(c.contextTokens == 1_500)
        c.requestTokens = 0  // the next request starts counting anew
        c.receive(.usage(input: 1_700, output: 100), for: token)
        #expect(c.contextTokens == 1_800)
        #expect(c.usage.input == 2_700)
    }
}
