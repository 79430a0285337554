import FuzzHarnesses

// The FuzzLuaValues target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzLuaValues.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzLuaValues(data, size)
}
