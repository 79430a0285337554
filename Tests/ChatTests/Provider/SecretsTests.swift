import Testing
@testable import Chat

/// What `Secrets.scrub` removes from everything a user sees.
@Suite struct SecretsTests {
    @Test func theKeyGoesByteForByteEvenInsideAWord() {
        let key = "gsk_live_0123456789"
        #expect(Secrets.scrub("model-\(key)-v2", key: key) == "model-[key]-v2")
        // A combining mark after the key makes another grapheme: still removed.
        #expect(Secrets.scrub("x \(key)\u{301} y", key: key) == "x [key]\u{301} y")
        #expect(Secrets.scrub("short abc", key: "abc") == "short abc", "keys under 4 bytes are not searched")
    }

    @Test func keyShapedWordsGoButWordsEndingInSkStay() {
        #expect(Secrets.scrub("key sk-abc12345678 here", key: nil) == "key sk-[key] here")
        #expect(Secrets.scrub("(sk-proj-ABCDEFGH_1234)", key: nil) == "(sk-[key])")
        #expect(Secrets.scrub("task-specific-model disk-image-builder", key: nil) == "task-specific-model disk-image-builder")
        #expect(Secrets.scrub("sk-short", key: nil) == "sk-short")
    }

    @Test func urlPasswordsGo() {
        #expect(Secrets.scrub("http://me:hunter2@127.0.0.1:8080/v1/models", key: nil)
                == "http://me:[password]@127.0.0.1:8080/v1/models")
        #expect(Secrets.scrub("cannot connect to https://u:p@h (refused)", key: nil)
                == "cannot connect to https://u:[password]@h (refused)")
        #expect(Secrets.scrub("https://user@host/x and https://host:443/", key: nil)
                == "https://user@host/x and https://host:443/")
    }
}
