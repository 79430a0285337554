import Kernel

// The JSON codec (`weft.json`, tool arguments, session lines, the
// provider wire format).
//
// Input: JSON text (or anything). Decoding must not crash; whatever decodes
// must encode (a number too large for a double decodes to infinity, which
// only `JSON.line` can write, as null), and decoding that encoding must
// give the same value.

public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let bytes = r.rest()
    let text = String(decoding: bytes, as: UTF8.self)
    for policy in [JSON.SurrogatePolicy.reject, .replace] {
        guard let v = try? JSON.decode(text, surrogates: policy) else { continue }
        let encoded: String
        do { encoded = try JSON.encode(v) } catch {
            fuzzCheck(hasNonFinite(v), "decoded value does not encode: \(error) for \(fuzzDescribe(bytes))")
            continue
        }
        let again = try? JSON.decode(encoded)
        fuzzCheck(again == v, "round trip changed the value: \(fuzzDescribe(bytes)) -> \(encoded)")
        fuzzCheck(JSON.line(v) == encoded || !encoded.contains("\n"), "line form differs")
    }
    return 0
}

private func hasNonFinite(_ v: Value) -> Bool {
    switch v {
    case .double(let d): return !d.isFinite
    case .array(let a): return a.contains(where: hasNonFinite)
    case .table(let t): return t.values.contains(where: hasNonFinite)
    default: return false
    }
}
