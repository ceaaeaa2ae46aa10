/// Growing a basis with the model, for column generation: a master re-solved with more columns
/// starts from the previous optimum (the new columns nonbasic at their lower bound, 0).
extension Basis {
    /// The basis with `count` more columns appended, each nonbasic at its lower bound.
    public func appendingColumns(_ count: Int) -> Basis {
        Basis(rowStatus: rowStatus, columnStatus: columnStatus + Array(repeating: 2, count: count))  // GLP_NL
    }

    /// The number of columns the basis describes.
    public var columnCount: Int { columnStatus.count }

    /// The number of rows the basis describes.
    public var rowCount: Int { rowStatus.count }

    /// The status of row `i`.
    public func status(ofRow i: Int) -> BasisStatus { BasisStatus(rawValue: rowStatus[i]) ?? .basic }

    /// The status of column `j`.
    public func status(ofColumn j: Int) -> BasisStatus { BasisStatus(rawValue: columnStatus[j]) ?? .basic }

    /// Whether column `j` is basic.
    public func isBasic(column j: Int) -> Bool { columnStatus[j] == 1 }  // GLP_BS
}

extension SolveStatistics {
    /// Counts for work done outside one solve (e.g. many solves of a decomposition).
    public init(simplexIterations: Int = 0, seconds: Double = 0) {
        self.simplexIterations = simplexIterations
        self.seconds = seconds
    }
}

/// The status of one row or column in a simplex basis (GLPK's GLP_BS … GLP_NS).
public enum BasisStatus: Int32, Sendable {
    case basic = 1
    case atLower = 2
    case atUpper = 3
    case free = 4
    case fixed = 5
}

extension Basis {
    /// A basis built by the caller (a crash basis from a known point). GLPK checks it: a singular
    /// one is replaced by the standard basis, reported by ``SolveStatistics/warmStartUsed``.
    public init(rows: [BasisStatus], columns: [BasisStatus]) {
        self.init(rowStatus: rows.map(\.rawValue), columnStatus: columns.map(\.rawValue))
    }
}
