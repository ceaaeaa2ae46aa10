import Foundation

/// Reads a parameter value of a unit from YAML or from `--set` text.
func parameterValue(_ node: YAMLValue, unit: ParameterUnit) throws(InputError) -> Value {
    switch parseParameterText(try node.string(), unit: unit) {
    case .success(let v): return v
    case .failure(let f): throw node.error(f.reason)
    }
}

/// Parses text as a value of a unit: numbers (money may have `$` and commas), true/false, dates.
public func parseParameterText(_ raw: String, unit: ParameterUnit) -> Result<Value, FieldError> {
    let text = raw.trimmingCharacters(in: .whitespaces)
    switch unit.type {
    case .bool:
        guard let b = parseBool(text) else {
            return .failure(FieldError("expected true or false for a \(unit.rawValue) parameter, got '\(raw)'"))
        }
        return .success(.bool(b))
    case .day:
        guard let d = Day(text) else { return .failure(FieldError("expected a date YYYY-MM-DD, got '\(raw)'")) }
        return .success(.day(d))
    case .text:
        return .success(.text(text))
    default:
        var cleaned = text.replacingOccurrences(of: "_", with: "")
        if unit == .usd {
            if cleaned.hasPrefix("$") { cleaned.removeFirst() }
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        }
        if unit == .percent && cleaned.hasSuffix("%") { cleaned.removeLast() }
        guard let n = Double(cleaned) else {
            return .failure(FieldError("expected a number (\(unit.rawValue)), got '\(raw)'"))
        }
        guard n.isFinite else { return .failure(FieldError("expected a finite number, got '\(raw)'")) }
        return .success(.number(n))
    }
}
