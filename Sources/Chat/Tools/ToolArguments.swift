import Foundation
import Kernel

/// Why a tool's arguments were rejected. The description is the message the
/// model sees, e.g. `read_file: missing required argument "path"`.
public enum ToolArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The arguments text is not JSON.
    case invalidJSON(tool: String, detail: String)
    /// The arguments are JSON but not an object.
    case notAnObject(tool: String)
    /// A required argument is absent (or null).
    case missing(tool: String, argument: String)
    /// An argument has the wrong JSON type.
    case wrongType(tool: String, argument: String, expected: String)
    /// An argument is out of range or otherwise unusable.
    case invalidValue(tool: String, argument: String, reason: String)

    /// A message the model can act on.
    public var description: String {
        switch self {
        case .invalidJSON(let t, let d): return "\(t): arguments are not valid JSON (\(d))"
        case .notAnObject(let t): return "\(t): arguments must be a JSON object"
        case .missing(let t, let a): return "\(t): missing required argument \"\(a)\""
        case .wrongType(let t, let a, let e): return "\(t): argument \"\(a)\" must be \(e)"
        case .invalidValue(let t, let a, let r): return "\(t): argument \"\(a)\" \(r)"
        }
    }
}

/// Parsing and validating tool arguments against a JSON schema (the subset
/// tools use: an object with typed `properties` and `required`).
public enum ToolArguments {
    /// The schema of a tool without arguments.
    public static let emptySchema: Value = .table(["type": "object", "properties": .table([:])])

    /// Builds an object schema: `properties` maps a name to (JSON type,
    /// description); `required` lists the mandatory names.
    public static func objectSchema(_ properties: [(name: String, type: String, description: String)],
                                    required: [String]) -> Value {
        var props: [String: Value] = [:]
        for p in properties {
            props[p.name] = .table(["type": .string(p.type), "description": .string(p.description)])
        }
        return .table(["type": "object", "properties": .table(props),
                       "required": .array(required.map { .string($0) })])
    }

    /// Parses `json` and validates it against `schema`.
    public static func parse(_ json: String, schema: Value, tool: String) -> Result<[String: Value], ToolArgumentError> {
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        let value: Value
        if trimmed.isEmpty {
            value = .table([:])
        } else {
            do { value = try JSON.decode(trimmed, surrogates: .replace) } catch {
                return .failure(.invalidJSON(tool: tool, detail: "\(error)"))
            }
        }
        guard let table = value.table else { return .failure(.notAnObject(tool: tool)) }
        if let error = validate(table, schema: schema, tool: tool) { return .failure(error) }
        return .success(table)
    }

    /// Checks required arguments and the JSON types of known properties;
    /// unknown properties are allowed. Returns the first problem, or nil.
    public static func validate(_ arguments: [String: Value], schema: Value, tool: String) -> ToolArgumentError? {
        for case .string(let name) in schema["required"]?.array ?? [] {
            if arguments[name] == nil || arguments[name] == .null { return .missing(tool: tool, argument: name) }
        }
        for (name, property) in schema["properties"]?.table ?? [:] {
            guard let value = arguments[name], value != .null, let type = property["type"]?.string else { continue }
            if !matches(value, type: type) {
                return .wrongType(tool: tool, argument: name, expected: article(type))
            }
        }
        return nil
    }

    private static func matches(_ value: Value, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .table): return true
        case ("integer", _): return value.int != nil
        case ("number", .int), ("number", .double): return true
        case ("string", _), ("boolean", _), ("array", _), ("object", _), ("number", _): return false
        default: return true
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "integer", "array", "object": return "an \(type)"
        default: return "a \(type)"
        }
    }

    /// An optional integer argument with bounds; nil when absent.
    public static func optionalInt(_ arguments: [String: Value], _ name: String, tool: String,
                                   range: ClosedRange<Int>) -> Result<Int?, ToolArgumentError> {
        guard let value = arguments[name], value != .null else { return .success(nil) }
        guard let i = value.int else { return .failure(.wrongType(tool: tool, argument: name, expected: "an integer")) }
        guard range.contains(i) else {
            return .failure(.invalidValue(tool: tool, argument: name,
                                          reason: "must be between \(range.lowerBound) and \(range.upperBound)"))
        }
        return .success(i)
    }
}
