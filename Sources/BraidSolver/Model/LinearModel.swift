/// A linear or mixed-integer program as a value: named variables with bounds, named sparse
/// linear constraints, and a linear objective.
///
/// The model knows nothing about any solver; ``GLPKSolver`` solves it and can write it out.
/// Entries are stored row by row in insertion order, so building the same model twice gives the
/// same arrays (Braid's output must be byte-identical for the same input).
///
/// ```swift
/// var model = LinearModel(name: "knapsack")
/// let x = model.addVariable("x", kind: .binary)
/// let y = model.addVariable("y", lower: 0, upper: 3)
/// model.addConstraint("capacity", [(x, 2), (y, 1)], .atMost(4))
/// model.setObjective(.maximize, [(x, 3), (y, 1)])
/// ```
public struct LinearModel: Sendable {
    /// The model name, used in exported files.
    public var name: String
    /// The direction of the objective.
    public private(set) var sense: ObjectiveSense = .minimize
    /// A constant added to the objective value.
    public var objectiveConstant: Double = 0

    public private(set) var variableNames: [String] = []
    public private(set) var variableKinds: [VariableKind] = []
    public private(set) var lowerBounds: [Double] = []
    public private(set) var upperBounds: [Double] = []
    public private(set) var objectiveCoefficients: [Double] = []

    public private(set) var constraintNames: [String] = []
    public private(set) var rowLower: [Double] = []
    public private(set) var rowUpper: [Double] = []
    /// Row `r` holds entries `rowStart[r] ..< rowStart[r + 1]` of `entryColumns`/`entryValues`.
    public private(set) var rowStart: [Int] = [0]
    public private(set) var entryColumns: [Int32] = []
    public private(set) var entryValues: [Double] = []

    /// Creates an empty model.
    public init(name: String = "braid") { self.name = name }

    /// The number of variables (columns).
    public var variableCount: Int { variableNames.count }
    /// The number of constraints (rows).
    public var constraintCount: Int { constraintNames.count }
    /// The number of non-zero constraint coefficients.
    public var entryCount: Int { entryValues.count }
    /// Whether any variable is integer or binary.
    public var isMixedInteger: Bool { variableKinds.contains { $0 != .continuous } }

    /// Adds a variable.
    /// - Parameters:
    ///   - name: a unique name (at most 255 characters), used in exported files and messages.
    ///   - kind: continuous (the default), integer or binary. Binary implies bounds 0 and 1.
    ///   - lower: the lower bound; `-.infinity` for none.
    ///   - upper: the upper bound; `.infinity` for none.
    /// - Returns: the variable's handle.
    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: VariableKind = .continuous, lower: Double = 0, upper: Double = .infinity
    ) -> Variable {
        variableNames.append(name)
        variableKinds.append(kind)
        lowerBounds.append(kind == .binary ? max(lower, 0) : lower)
        upperBounds.append(kind == .binary ? min(upper, 1) : upper)
        objectiveCoefficients.append(0)
        return Variable(index: variableNames.count - 1)
    }

    /// Adds a linear constraint `bound.lower <= Σ coefficient · variable <= bound.upper`.
    /// - Parameters:
    ///   - name: a unique row name.
    ///   - terms: the coefficients, in the order given (duplicates are caught by ``validate()``).
    ///   - bound: the right-hand side.
    /// - Returns: the constraint's handle, for duals and later changes of its bound.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ terms: [(Variable, Double)], _ bound: ConstraintBound)
        -> Constraint
    {
        constraintNames.append(name)
        let limits = bound.limits
        rowLower.append(limits.lower)
        rowUpper.append(limits.upper)
        for (variable, coefficient) in terms {
            entryColumns.append(Int32(truncatingIfNeeded: variable.index))
            entryValues.append(coefficient)
        }
        rowStart.append(entryValues.count)
        return Constraint(index: constraintNames.count - 1)
    }

    /// Adds the cutoff row "objective (without its constant) at least `value`", less 1e-7 for
    /// round-off: a branch and cut under it prunes every node that cannot reach `value`.
    @discardableResult
    public mutating func addObjectiveCutoff(atLeast value: Double) -> Constraint {
        let terms = objectiveCoefficients.indices.compactMap { j in
            objectiveCoefficients[j] == 0 ? nil : (Variable(index: j), objectiveCoefficients[j])
        }
        return addConstraint("cutoff", terms, .atLeast(value - objectiveConstant - Self.cutoffSlack))
    }

    /// How far below its value a cutoff row sits: above GLPK's primal feasibility tolerance on
    /// objective sums (1e-7 absolute), so round-off never cuts off the point the value came from.
    public static let cutoffSlack = 1e-7

    /// The worst objective value any point within the variables' bounds can have (the least when
    /// maximising, the greatest when minimising; infinite when a variable with a coefficient is
    /// unbounded that way): no solution is worse, so a search for values below it can stop.
    public var objectiveFloor: Double { objectiveOverBounds(best: false) }

    /// The best objective value the variables' bounds alone allow (every constraint dropped):
    /// a valid bound on any solution, infinite when a variable that improves the objective is
    /// unbounded. A solver's bound from early in a search can be weaker than this one; a gap
    /// reported after a time limit takes the better of the two.
    public var boundFromVariableBounds: Double { objectiveOverBounds(best: true) }

    /// The objective with each variable at the bound that helps it most (`best`) or least.
    private func objectiveOverBounds(best: Bool) -> Double {
        let sign: Double = sense == .maximize ? 1 : -1
        var total = 0.0
        for j in objectiveCoefficients.indices where objectiveCoefficients[j] != 0 {
            let c = sign * objectiveCoefficients[j]
            let (low, high) = (c * lowerBounds[j], c * upperBounds[j])
            total += best ? max(low, high) : min(low, high)
        }
        return sign * total + objectiveConstant
    }

    /// A constraint's right-hand side with `constant` taken off both limits: the row as it stands
    /// when terms worth `constant` are held outside the model (as constants).
    public func bound(of constraint: Constraint, less constant: Double) -> ConstraintBound {
        constant == 0
            ? bound(of: constraint)
            : .between(rowLower[constraint.index] - constant, rowUpper[constraint.index] - constant)
    }

    /// A constraint's right-hand side (the inverse of ``ConstraintBound/limits``).
    public func bound(of constraint: Constraint) -> ConstraintBound {
        let (lower, upper) = (rowLower[constraint.index], rowUpper[constraint.index])
        if lower == upper { return .equal(lower) }
        if lower == -.infinity { return .atMost(upper) }
        if upper == .infinity { return .atLeast(lower) }
        return .between(lower, upper)
    }

    /// Sets the objective: its sense and the coefficient of each listed variable (others become 0).
    public mutating func setObjective(_ sense: ObjectiveSense, _ terms: [(Variable, Double)], constant: Double = 0) {
        self.sense = sense
        objectiveConstant = constant
        objectiveCoefficients = Array(repeating: 0, count: variableCount)
        for (variable, coefficient) in terms where variable.index < variableCount {
            objectiveCoefficients[variable.index] += coefficient
        }
    }

    /// Changes one objective coefficient.
    public mutating func setObjectiveCoefficient(_ variable: Variable, _ coefficient: Double) {
        objectiveCoefficients[variable.index] = coefficient
    }

    /// Changes the bounds of a variable (e.g. to fix it, or for a warm-started re-solve).
    public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
        lowerBounds[variable.index] = lower
        upperBounds[variable.index] = upper
    }

    /// Changes the kind of a variable (e.g. to relax a binary to a continuous `[0, 1]` variable).
    public mutating func setKind(_ variable: Variable, _ kind: VariableKind) {
        variableKinds[variable.index] = kind
    }

    /// Changes the right-hand side of a constraint (e.g. a budget in a sweep).
    public mutating func setBound(_ constraint: Constraint, _ bound: ConstraintBound) {
        let limits = bound.limits
        rowLower[constraint.index] = limits.lower
        rowUpper[constraint.index] = limits.upper
    }

    /// The linear relaxation: every integer and binary variable becomes continuous.
    public var relaxed: LinearModel {
        var copy = self
        copy.variableKinds = Array(repeating: .continuous, count: variableCount)
        return copy
    }

    /// The same model with some columns measured in a smaller unit: column `j` becomes
    /// `x'_j = factor · x_j` (bounds × factor, coefficients ÷ factor) and, with `integer`, whole.
    /// Used to solve for whole cents when amounts are modelled in dollars.
    public func scalingColumns(_ columns: [Variable], by factor: Double, integer: Bool) -> LinearModel {
        var copy = self
        var scale = [Double](repeating: 1, count: variableCount)
        for v in columns { scale[v.index] = factor }
        for v in columns {
            copy.lowerBounds[v.index] = lowerBounds[v.index] * factor
            copy.upperBounds[v.index] = upperBounds[v.index] * factor
            if integer {  // GLPK needs whole bounds on integer columns
                copy.lowerBounds[v.index] = (copy.lowerBounds[v.index] - 1e-6).rounded(.up)
                copy.upperBounds[v.index] = (copy.upperBounds[v.index] + 1e-6).rounded(.down)
            }
            copy.objectiveCoefficients[v.index] = objectiveCoefficients[v.index] / factor
            if integer { copy.variableKinds[v.index] = .integer }
        }
        for k in 0..<entryCount { copy.entryValues[k] = entryValues[k] / scale[Int(entryColumns[k])] }
        return copy
    }

    /// The terms of one constraint.
    public func terms(of constraint: Constraint) -> [(Variable, Double)] {
        (rowStart[constraint.index]..<rowStart[constraint.index + 1]).map {
            (Variable(index: Int(entryColumns[$0])), entryValues[$0])
        }
    }

    /// The value of the objective at a point.
    public func objectiveValue(at values: [Double]) -> Double {
        var total = objectiveConstant
        for j in 0..<min(values.count, variableCount) { total += objectiveCoefficients[j] * values[j] }
        return total
    }
}
