/// Every fuzz target of weft by name, each the function libFuzzer calls
/// with one input (`LLVMFuzzerTestOneInput`). The instrumented executables
/// of `fuzz/Package.swift` (`make fuzz`) and the quick driver `weft-fuzz`
/// of the normal build (`make test`) both run these.
public enum FuzzTargets {
    /// A target's body: one input's bytes in, 0 out; a failed check aborts.
    public typealias Body = @Sendable (UnsafePointer<UInt8>?, Int) -> CInt

    /// The targets' names, in the order `make fuzz` runs them.
    public static let names = ["FuzzInputDecoder", "FuzzStream", "FuzzAnthropic", "FuzzJSON", "FuzzMarkdown",
                               "FuzzText", "FuzzSession", "FuzzLuaValues", "FuzzFrame"]

    /// The body of the target called `name`, or nil.
    public static func body(named name: String) -> Body? {
        switch name {
        case "FuzzInputDecoder": fuzzInputDecoder
        case "FuzzStream": fuzzStream
        case "FuzzAnthropic": fuzzAnthropic
        case "FuzzJSON": fuzzJSON
        case "FuzzMarkdown": fuzzMarkdown
        case "FuzzText": fuzzText
        case "FuzzSession": fuzzSession
        case "FuzzLuaValues": fuzzLuaValues
        case "FuzzFrame": fuzzFrame
        default: nil
        }
    }
}
