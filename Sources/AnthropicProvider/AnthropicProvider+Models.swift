import AsyncHTTPClient
import Chat
import Foundation
import Kernel
import ProviderHTTP

extension AnthropicProvider {
    /// The ids of the models the key may use (`GET /v1/models`, every page).
    /// - Throws: a ``ModelListError`` with a message for the user.
    public func listModels(timeout: Double = 10) async throws -> [String] {
        var ids: [String] = []
        var after: String?
        for _ in 0..<20 {
            let page = try await get(configuration.modelsURL + "?limit=1000" + (after.map { "&after_id=\($0)" } ?? ""),
                                     timeout: timeout)
            let data = page["data"]?.array ?? []
            ids += data.compactMap { $0["id"]?.string.map { Secrets.scrub($0, key: configuration.apiKey) } }
            guard page["has_more"] == .bool(true), let last = page["last_id"]?.string else { break }
            after = last
        }
        return ids
    }

    /// The model's context window from `GET /v1/models/{id}`
    /// (`max_input_tokens`), nil when the server does not say.
    public func contextWindow(timeout: Double = 10) async -> Int? {
        let id = configuration.model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? configuration.model
        guard let info = try? await get(configuration.modelsURL + "/" + id, timeout: timeout) else { return nil }
        return info["max_input_tokens"]?.int ?? info["context_window"]?.int
    }

    /// A GET on the API, decoded.
    func get(_ url: String, timeout: Double) async throws -> Value {
        let c = configuration
        let status: Int, body: String
        do {
            (status, body) = try await HTTPTransport.get(url: url, headers: c.headers(accept: "application/json"),
                                                         timeout: timeout, provider: name, secret: c.apiKey)
        } catch {
            throw ModelListError(description: String(describing: error))
        }
        guard (200..<300).contains(status) else {
            throw ModelListError(description: AnthropicErrorMapper.message(status: status, body: body, url: url, key: c.apiKey))
        }
        guard let v = try? JSON.decode(body, surrogates: .replace) else {
            throw ModelListError(description: "anthropic: the answer from \(url) is not JSON")
        }
        return v
    }

    /// One line for `weft --health`: whether the API answers with the key.
    public func healthLine(timeout: Double = 5) async -> String {
        let url = Secrets.scrub(configuration.modelsURL, key: configuration.apiKey)
        let head = "anthropic: \(url) (model \(model), key \(configuration.apiKey == nil ? "not set" : "set")"
            + (configuration.thinkingBudget > 0 ? ", thinking budget \(configuration.thinkingBudget)" : "") + ")"
        switch await availableModels(timeout: timeout) {
        case .success(let ids):
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", ..." : "")
            return head + ": ok, \(ids.count) model\(ids.count == 1 ? "" : "s")" + (ids.isEmpty ? "" : " (\(shown))")
        case .failure(let e):
            return head + ": FAILED: \(e)"
        }
    }
}

/// Why a model list (or model info) could not be read; safe to show.
public struct ModelListError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public let description: String
}

// MARK: - ModelSwitching

extension AnthropicProvider: ModelSwitching {
    public func availableModels(timeout: Double) async -> Result<[String], Error> {
        do { return .success(try await listModels(timeout: timeout)) } catch { return .failure(error) }
    }

    public func switching(to model: String) -> Provider { with(model: model) }
}
