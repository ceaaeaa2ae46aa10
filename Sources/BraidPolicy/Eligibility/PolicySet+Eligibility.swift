extension PolicySet {
    /// Resolves `stream.parameter=value` (or `parameter=value` for a shared parameter).
    /// - Returns: the slot and the parsed value.
    /// - Throws: ``FieldError`` naming the unknown stream or parameter (with close matches),
    ///   the wrong type, or the value out of range.
    public func parameterOverride(key: String, value raw: String) throws(FieldError) -> (slot: Int, value: Value) {
        let allKeys = parameters.map(\.key)
        guard let parameter = parameters.first(where: { $0.key == key }) else {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2,
                stream(parts[0]) == nil && !parameters.contains(where: { $0.stream == nil && $0.name == key })
            {
                throw FieldError("unknown stream '\(parts[0])' in '\(key)'" + suggestion(for: parts[0], in: streamIDs))
            }
            throw FieldError("unknown parameter '\(key)'" + suggestion(for: key, in: allKeys))
        }
        switch parseParameterText(raw, unit: parameter.unit) {
        case .failure(let f): throw FieldError("\(key): \(f.reason)")
        case .success(let value):
            if !parameter.allowed.isEmpty && !parameter.allowed.contains(value) {
                throw FieldError(
                    "\(key): \(value) is not allowed (allowed: \(parameter.allowed.map(\.description).joined(separator: ", ")))"
                )
            }
            if let n = value.number {
                if let lo = parameter.minimum, n < lo {
                    throw FieldError("\(key): \(formatNumber(n)) is below the minimum \(formatNumber(lo))")
                }
                if let hi = parameter.maximum, n > hi {
                    throw FieldError("\(key): \(formatNumber(n)) is above the maximum \(formatNumber(hi))")
                }
            }
            return (parameter.slot, value)
        }
    }

    /// Switches a rule off (`expression` nil) or replaces its expression.
    /// - Throws: ``FieldError`` for an unknown stream or rule, or ``ExpressionError`` text for a bad expression.
    public mutating func changeRule(_ key: String, expression: String?) throws(FieldError) {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let s = streams.firstIndex(where: { $0.id == parts[0] }) else {
            throw FieldError(
                "unknown stream in rule key '\(key)' (expected STREAM.RULE)"
                    + suggestion(for: parts.first ?? key, in: streamIDs))
        }
        guard let r = streams[s].rules.firstIndex(where: { $0.id == parts[1] }) else {
            throw FieldError(
                "unknown rule '\(parts[1])' of \(parts[0])" + suggestion(for: parts[1], in: streams[s].rules.map(\.id)))
        }
        let current = streams[s].rules[r]
        guard current.citation.status != .law && current.citation.status != .regulation else {
            throw FieldError(
                "\(key) is \(current.citation.status.rawValue) (\(current.citation.text)), not a state's or a "
                    + "scenario's to change or switch off; to model a change in the \(current.citation.status.rawValue), "
                    + "copy the policy folder, edit the rule there and give it with --policies")
        }
        guard let expression else {
            streams[s].rules.remove(at: r)
            return
        }
        do {
            let compiled = try compile(expression, stream: parts[0], expecting: .bool)
            let old = streams[s].rules[r]
            streams[s].rules[r] = Rule(
                id: old.id, text: "\(old.text) [replaced by the scenario: \(expression)]", expression: compiled,
                citation: Citation(
                    text: old.citation.text, status: .assumption,
                    note: "replaced by the scenario: the scenario's own reading, not the cited law",
                    references: old.citation.references),
                file: old.file, line: old.line)
        } catch {
            // (A long expression is shown around the offending character only.)
            let shown =
                expression.count <= 200
                ? expression
                : "…" + String(expression.dropFirst(max(0, error.offset - 60)).prefix(120)) + "…"
            throw FieldError("rule \(key): \(error.reason) at character \(error.offset + 1) of '\(shown)'")
        }
    }
}
