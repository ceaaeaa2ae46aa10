extension LinearModel {
    /// Checks the model before it reaches a solver, so that GLPK's fatal-error path is never the
    /// first line of defence (after GLPK.jl's checks).
    ///
    /// Rejects: an empty model, non-finite or NaN
    /// coefficients and bounds, inverted bounds, binary bounds outside 0...1, entries that refer to
    /// a variable that does not exist, and the same variable twice in one row.
    /// - Throws: ``SolverError/invalidModel(_:)`` naming the first problem found.
    public func validate() throws(SolverError) {
        if variableCount == 0 { throw .invalidModel("the model has no variables") }
        if variableCount > Int(Int32.max) - 1 || constraintCount > Int(Int32.max) - 1
            || entryCount > Int(Int32.max) - 1
        {
            throw .invalidModel("the model is too large for GLPK (more than 2^31 rows, columns or entries)")
        }
        for j in 0..<variableCount {
            let (l, u) = (lowerBounds[j], upperBounds[j])
            let name = variableNames[j]
            if l.isNaN || u.isNaN { throw .invalidModel("variable \(name): bound is NaN") }
            if l == .infinity || u == -.infinity {
                throw .invalidModel("variable \(name): bounds [\(l), \(u)] are empty")
            }
            if l > u { throw .invalidModel("variable \(name): lower bound \(l) is above upper bound \(u)") }
            if !objectiveCoefficients[j].isFinite {
                throw .invalidModel("variable \(name): objective coefficient \(objectiveCoefficients[j]) is not finite")
            }
            if variableKinds[j] == .binary && (l < 0 || u > 1) {
                throw .invalidModel("variable \(name): a binary variable must lie within 0...1")
            }
        }
        if !objectiveConstant.isFinite { throw .invalidModel("objective constant \(objectiveConstant) is not finite") }
        var lastRowOfColumn = [Int32](repeating: -1, count: variableCount)
        for r in 0..<constraintCount {
            let (l, u) = (rowLower[r], rowUpper[r])
            let name = constraintNames[r]
            if l.isNaN || u.isNaN { throw .invalidModel("constraint \(name): bound is NaN") }
            if l == .infinity || u == -.infinity {
                throw .invalidModel("constraint \(name): bounds [\(l), \(u)] are empty")
            }
            if l > u { throw .invalidModel("constraint \(name): lower bound \(l) is above upper bound \(u)") }
            for k in rowStart[r]..<rowStart[r + 1] {
                let column = Int(entryColumns[k])
                guard column >= 0 && column < variableCount else {
                    throw .invalidModel("constraint \(name): refers to variable #\(column), which does not exist")
                }
                if !entryValues[k].isFinite {
                    throw .invalidModel(
                        "constraint \(name): coefficient of \(variableNames[column]) is \(entryValues[k])")
                }
                if lastRowOfColumn[column] == Int32(r) {
                    throw .invalidModel("constraint \(name): variable \(variableNames[column]) appears twice")
                }
                lastRowOfColumn[column] = Int32(r)
            }
        }
    }

    /// The names written to a model file: each variable's and constraint's own name where GLPK
    /// can hold it (1 to 255 bytes, no control character, not used before), else a generic
    /// `c<column>` or `r<row>` (1-based, as GLPK numbers them). A participant id is input, and
    /// a name it cannot hold must not make the export fail.
    func exportNames() -> (columns: [String], rows: [String]) {
        (Self.exportable(variableNames, generic: "c"), Self.exportable(constraintNames, generic: "r"))
    }

    private static func exportable(_ names: [String], generic: String) -> [String] {
        var seen = Set<String>()
        seen.reserveCapacity(names.count)
        return names.enumerated().map { k, name in
            let fits =
                !name.isEmpty && name.utf8.count <= 255
                && !name.unicodeScalars.contains {
                    $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
                }
            if fits, !name.hasPrefix(generic) || Int(name.dropFirst()) == nil, seen.insert(name).inserted {
                return name
            }
            return "\(generic)\(k + 1)"
        }
    }
}
