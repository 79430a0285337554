import Foundation
import Kernel
import MCP

/// Converts between weft's ``Kernel/Value`` and the SDK's `MCP.Value`.
enum ValueBridge {
    /// An SDK value as a weft value (binary data becomes base64 text).
    static func weft(_ v: MCP.Value) -> Kernel.Value {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .data(_, let d): return .string(d.base64EncodedString())
        case .array(let a): return .array(a.map(weft))
        case .object(let o): return .table(o.mapValues(weft))
        }
    }

    /// A weft value as an SDK value.
    static func mcp(_ v: Kernel.Value) -> MCP.Value {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(mcp))
        case .table(let t): return .object(t.mapValues(mcp))
        }
    }

    /// A tool result's content as the text the model sees: text as is,
    /// embedded text resources with their URI, other content named by its
    /// type (images and audio cannot reach the model as text).
    static func text(_ content: [MCP.Tool.Content]) -> String {
        content.map { c -> String in
            switch c {
            case .text(let text, _, _): return text
            case .image(let data, let mime, _, _): return "[image \(mime), \(data.count * 3 / 4) bytes]"
            case .audio(let data, let mime, _, _): return "[audio \(mime), \(data.count * 3 / 4) bytes]"
            case .resource(let r, _, _):
                if let t = r.text { return "[resource \(r.uri)]\n\(t)" }
                return "[resource \(r.uri)\(r.mimeType.map { ", " + $0 } ?? "")]"
            case .resourceLink(let uri, let name, _, _, _, _): return "[resource link \(name): \(uri)]"
            }
        }.joined(separator: "\n")
    }
}
