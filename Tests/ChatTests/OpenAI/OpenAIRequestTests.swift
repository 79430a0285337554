import Chat
import Foundation
import Kernel
import Testing

@Suite struct OpenAIRequestTests {
    @Test func endpointAcceptsBasesWithAndWithoutV1() {
        for base in ["http://h:1", "http://h:1/", "http://h:1/v1", "http://h:1/v1/"] {
            #expect(OpenAIRequest.endpoint(baseURL: base, path: "chat/completions") == "http://h:1/v1/chat/completions")
        }
        #expect(OpenAIRequest.endpoint(baseURL: "", path: "models") == "https://api.openai.com/v1/models")
    }

    @Test func headersCarryTheKeyOnlyWhenSet() {
        let req = ProviderRequest(messages: [ProviderMessage(role: .user, content: "hi")])
        let with = OpenAIRequest(baseURL: "http://h", apiKey: "k1", model: "m", request: req)
        #expect(with.headers.contains(.init("Authorization", "Bearer k1")))
        #expect(with.headers.contains(.init("Accept", "text/event-stream")))
        #expect(with.headers.contains(.init("Content-Type", "application/json")))
        for key in [nil, ""] as [String?] {
            let without = OpenAIRequest(baseURL: "http://h", apiKey: key, model: "m", request: req)
            #expect(!without.headers.contains { $0.name == "Authorization" })
        }
    }

    @Test func bodyHasStreamUsageToolsAndToolMessages() throws {
        let schema = ToolSchema(name: "read_file", description: "Read", parameters: .table(["type": "object"]))
        let req = ProviderRequest(messages: [
            ProviderMessage(role: .system, content: "be brief"),
            ProviderMessage(role: .user, content: "read a"),
            ProviderMessage(role: .assistant, content: "",
                            toolCalls: [ToolCallRequest(id: "c1", name: "read_file", arguments: #"{"path":"a"}"#)]),
            ProviderMessage(role: .tool, content: "contents", toolCallID: "c1"),
        ], tools: [schema])
        let body = try JSON.decode(OpenAIRequest(baseURL: "x", apiKey: nil, model: "m1", request: req).body)
        #expect(body["model"] == .string("m1"))
        #expect(body["stream"] == .bool(true))
        #expect(body["stream_options"]?["include_usage"] == .bool(true))
        let messages = body["messages"]?.array ?? []
        #expect(messages.map { $0["role"]?.string ?? "" } == ["system", "user", "assistant", "tool"])
        // Never null: llama-cpp-python and mockllm answer HTTP 500 to it.
        #expect(messages[2]["content"] == .string(""))
        let call = messages[2]["tool_calls"]?.array?.first
        #expect(call?["id"] == .string("c1"))
        #expect(call?["type"] == .string("function"))
        #expect(call?["function"]?["name"] == .string("read_file"))
        #expect(call?["function"]?["arguments"] == .string(#"{"path":"a"}"#))
        #expect(messages[3]["tool_call_id"] == .string("c1"))
        #expect(messages[3]["content"] == .string("contents"))
        let tool = body["tools"]?.array?.first
        #expect(tool?["type"] == .string("function"))
        #expect(tool?["function"]?["name"] == .string("read_file"))
        #expect(tool?["function"]?["parameters"]?["type"] == .string("object"))
    }

    @Test func noToolsKeyWithoutTools() throws {
        let req = ProviderRequest(messages: [ProviderMessage(role: .user, content: "hi")])
        let body = try JSON.decode(OpenAIRequest(baseURL: "x", apiKey: nil, model: "m", request: req).body)
        #expect(body["tools"] == nil)
    }
}

@Suite struct OpenAIErrorMapperTests {
    let url = "http://127.0.0.1:9/v1/chat/completions"

    @Test func status401SaysKeyMissingOrWrongWithoutTheKey() {
        let key = "sk-live-abcdefghijklmnop"
        let body = #"{"error":{"message":"Incorrect API key provided: \#(key).","code":"invalid_api_key"}}"#
        let m = OpenAIErrorMapper.message(status: 401, body: body, url: url, key: key)
        #expect(m.contains("missing or wrong"))
        #expect(m.contains("Incorrect API key provided"))
        #expect(!m.contains(key))
        #expect(!m.contains("abcdefghijklmnop"))
    }

    @Test func serverMessageIsQuoted() {
        let m = OpenAIErrorMapper.message(status: 400, body: #"{"error":{"message":"too long","type":"x"}}"#, url: url, key: nil)
        #expect(m == "openai: request rejected (HTTP 400): too long")
        let plain = OpenAIErrorMapper.message(status: 502, body: "<html>\nBad gateway\n</html>", url: url, key: nil)
        #expect(plain == "openai: server error (HTTP 502): <html> Bad gateway </html>")
        #expect(OpenAIErrorMapper.message(status: 404, body: "", url: url, key: nil).contains(url))
    }

    @Test func retryableStatuses() {
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(RetryPolicy.isRetryable(status: 500))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 400))
        #expect(!RetryPolicy.isRetryable(status: 401))
    }

    @Test func scrubRemovesKeysButKeepsShortSk() {
        #expect(OpenAIErrorMapper.scrub("key sk-abc12345678 here", key: nil) == "key sk-[key] here")
        #expect(OpenAIErrorMapper.scrub("task-1 ask-me", key: nil) == "task-1 ask-me")
        #expect(OpenAIErrorMapper.scrub("local key hunter2!", key: "hunter2") == "local key [key]!")
    }

    @Test func maxTokensIsSentUnderTheNameTheModelTakes() throws {
        let req = ProviderRequest(messages: [ProviderMessage(role: .user, content: "hi")])
        func body(_ model: String, _ n: Int?) throws -> Value {
            try JSON.decode(OpenAIRequest(baseURL: "x", apiKey: nil, model: model, request: req, maxTokens: n).body)
        }
        #expect(try body("qwen3", 4096)["max_tokens"] == .int(4096))
        #expect(try body("qwen3", 4096)["max_completion_tokens"] == nil)
        #expect(try body("o3-mini", 100)["max_completion_tokens"] == .int(100))
        #expect(try body("gpt-5", 100)["max_tokens"] == nil)
        #expect(try body("gpt-4o", 0)["max_tokens"] == nil)
        #expect(try body("gpt-4o", nil)["max_tokens"] == nil)
        #expect(OpenAIRequest.maxTokensField(model: "o1") == "max_completion_tokens")
        #expect(OpenAIRequest.maxTokensField(model: "o1x") == "max_tokens")
    }

    @Test func aFiveHundredThatBlamesTheRequestIsNotRetried() {
        #expect(OpenAIErrorMapper.isRetryable(status: 500, body: #"{"error":{"message":"x","type":"server_error"}}"#))
        #expect(OpenAIErrorMapper.isRetryable(status: 500, body: "Internal Server Error"))
        #expect(!OpenAIErrorMapper.isRetryable(status: 500, body: #"{"error":{"message":"bad","type":"invalid_request_error"}}"#))
        #expect(!OpenAIErrorMapper.isRetryable(status: 500, body: #"{"object":"error","message":"m","type":"BadRequestError","code":400}"#))
        #expect(!OpenAIErrorMapper.isRetryable(status: 502, body: #"{"error":{"message":"m","code":"422"}}"#))
        #expect(OpenAIErrorMapper.isRetryable(status: 429, body: #"{"error":{"message":"slow","type":"invalid_request_error"}}"#))
        #expect(!OpenAIErrorMapper.isRetryable(status: 400, body: ""))
    }
}
