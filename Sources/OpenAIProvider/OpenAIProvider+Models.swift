import Chat
import Foundation
import Kernel
import ProviderHTTP

/// Why a model listing or health check failed; the message is for users
/// and never contains the API key.
public enum OpenAIProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server could not be reached or did not answer in time.
    case unreachable(String)
    /// The server answered with an error status or an unreadable body.
    case failed(String)
    /// The server has no model list (`GET /v1/models` is not supported).
    case unsupported(String)

    /// The message.
    public var description: String {
        switch self {
        case .unreachable(let m), .failed(let m), .unsupported(let m): return m
        }
    }
}

extension OpenAIProvider {
    /// The ids of the server's models (`GET /v1/models`), in its order.
    /// - Parameter timeout: seconds for the whole request.
    /// - Throws: ``OpenAIProviderError``; `.unsupported` for a 404/405.
    public func listModels(timeout: Double = 10) async throws -> [String] {
        try Self.modelIDs(try await modelList(timeout: timeout), url: configuration.modelsURL)
            .map { Secrets.scrub($0, key: configuration.apiKey) }
    }

    /// The model's context window from the server's model list, where it
    /// says (see ``contextWindow(in:model:)``); nil when it does not or
    /// cannot be asked.
    public func contextWindow(timeout: Double = 10) async -> Int? {
        guard let list = try? await modelList(timeout: timeout) else { return nil }
        return Self.contextWindow(in: list, model: configuration.model)
    }

    /// The context window of `model` in a `/v1/models` answer: its entry's
    /// `context_length` (OpenRouter, LiteLLM), `max_model_len` (vLLM),
    /// `context_window` (Groq), `max_context_length` (LM Studio),
    /// `top_provider.context_length`, or `meta.n_ctx_train` (llama.cpp).
    public static func contextWindow(in list: Value, model: String) -> Int? {
        let items = list["data"]?.array ?? list["models"]?.array ?? list.array ?? []
        guard let entry = items.first(where: { ($0["id"]?.string ?? $0["name"]?.string) == model }) else { return nil }
        let candidates: [Value?] = [entry["context_length"], entry["max_model_len"], entry["context_window"],
                                    entry["max_context_length"], entry["top_provider"]?["context_length"],
                                    entry["meta"]?["n_ctx_train"], entry["meta"]?["n_ctx"]]
        return candidates.lazy.compactMap { $0?.int }.first { $0 > 0 }
    }

    /// `GET /v1/models`, decoded.
    func modelList(timeout: Double) async throws -> Value {
        let c = configuration
        let url = c.modelsURL
        let headers = OpenAIRequest.headers(apiKey: c.apiKey, accept: "application/json")
        let status: Int, body: String
        do {
            (status, body) = try await HTTPTransport.get(url: url, headers: headers, timeout: timeout,
                                                         provider: name, secret: c.apiKey)
        } catch {
            throw OpenAIProviderError.unreachable(String(describing: error))
        }
        if status == 404 || status == 405 {
            throw OpenAIProviderError.unsupported(
                "openai: this server does not list its models (HTTP \(status) for \(url)); use /model NAME")
        }
        guard (200..<300).contains(status) else {
            throw OpenAIProviderError.failed(OpenAIErrorMapper.message(status: status, body: body, url: url, key: c.apiKey))
        }
        guard let json = try? JSON.decode(body, surrogates: .replace) else {
            throw OpenAIProviderError.failed("openai: the model list from \(url) is not JSON")
        }
        return json
    }

    /// One line for `weft --health`: whether the server answers
    /// `GET /v1/models` within `timeout` seconds.
    public func healthLine(timeout: Double = 3) async -> String {
        let url = Secrets.scrub(configuration.modelsURL, key: configuration.apiKey)
        let head = "openai: \(url) (model \(model), key \(configuration.apiKey == nil ? "not set" : "set"))"
        let result: Result<[String], OpenAIProviderError>
        do { result = .success(try await listModels(timeout: timeout)) }
        catch let e as OpenAIProviderError { result = .failure(e) }
        catch { result = .failure(.failed("openai: \(error)")) }
        switch result {
        case .success(let ids):
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", ..." : "")
            return head + ": ok, \(ids.count) model\(ids.count == 1 ? "" : "s")" + (ids.isEmpty ? "" : " (\(shown))")
        case .failure(.unsupported):
            return head + ": answers, but does not list models"
        case .failure(let e):
            return head + ": FAILED: \(e.description)"
        }
    }

    static func modelIDs(_ body: String, url: String) throws -> [String] {
        guard let json = try? JSON.decode(body, surrogates: .replace) else {
            throw OpenAIProviderError.failed("openai: the model list from \(url) is not JSON")
        }
        return try modelIDs(json, url: url)
    }

    static func modelIDs(_ json: Value, url: String) throws -> [String] {
        let items = json["data"]?.array ?? json["models"]?.array ?? json.array ?? []
        return items.compactMap { $0["id"]?.string ?? $0["name"]?.string ?? $0.string }
    }
}
