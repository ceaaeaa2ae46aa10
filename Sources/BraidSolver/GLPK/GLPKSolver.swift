// The only Swift file that imports CGLPKShim (BlockInteriorPoint.swift, Braid's own solver, also
// works in unsafe buffers, for speed).
internal import CGLPKShim

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Solves ``LinearModel`` values with GLPK (the GNU Linear Programming Kit), through the C shim.
///
/// Each call creates a GLPK problem, solves it and deletes it inside one C function, so a GLPK
/// fatal error becomes ``SolverError/glpkFatal(_:)`` and the next call works normally. GLPK keeps
/// its state per thread (Debian's libglpk has a thread-local environment), so solves on
/// different threads may run at the same time.
///
/// The corresponding GLPK routines are `glp_simplex`, `glp_interior` and `glp_intopt`.
/// Related GLPK documentation: GLPK Reference Manual, chapters 2 ("Basic API routines") and 6
/// ("Miscellaneous API routines", `glp_error_hook`, `glp_term_hook`).
public struct GLPKSolver: LinearSolver {
    /// Creates a solver.
    public init() {}

    /// GLPK's version, e.g. "5.0".
    public static var version: String { String(cString: CGLPKShim_version()) }

    /// Solves the model: the simplex (or interior point) for an LP; the LP relaxation followed by
    /// branch and cut for a MIP. The time limit covers both.
    /// - Parameters:
    ///   - model: the model; checked with ``LinearModel/validate()`` first.
    ///   - options: algorithm, limits, gap, warm start.
    /// - Returns: the solution, whose status may be infeasible, unbounded or a limit.
    /// - Throws: ``SolverError`` when the model is invalid or GLPK fails.
    public func solve(_ model: LinearModel, options: SolveOptions = SolveOptions()) throws(SolverError) -> Solution {
        try model.validate()
        return try solveUnchecked(model, options: options)
    }

    /// Solves without Swift-side validation, so that tests can reach GLPK's fatal-error path.
    func solveUnchecked(_ model: LinearModel, options: SolveOptions) throws(SolverError) -> Solution {
        let integer = model.isMixedInteger && !options.relaxIntegrality
        var shimOptions = try Self.shimOptions(options, integer: integer, model: model)
        let rows = model.constraintCount, columns = model.variableCount
        var values = [Double](repeating: 0, count: columns)
        var reducedCosts = [Double](repeating: 0, count: columns)
        var activities = [Double](repeating: 0, count: rows)
        var duals = [Double](repeating: 0, count: rows)
        var rowStatus = [Int32](repeating: 0, count: rows)
        var columnStatus = [Int32](repeating: 0, count: columns)
        var result = CGLPKShimResult()
        let started = MonotonicClock.now()
        // GLPK's progress text reaches the caller's closure through a C function pointer and an
        // unretained context that lives as long as this call.
        let progress = options.verbose ? options.progress.map(ProgressSink.init) : nil
        if let progress {
            shimOptions.progress = { text, context in
                Unmanaged<ProgressSink>.fromOpaque(context!).takeUnretainedValue().receive(String(cString: text))
            }
            shimOptions.progressContext = Unmanaged.passUnretained(progress).toOpaque()
        }
        // The warm start and the initial point are pinned with the model's arrays (no copies).
        let warmRows = options.warmStart.flatMap { $0.rowStatus.count == rows ? $0.rowStatus : nil }
        let warmColumns = options.warmStart.flatMap { $0.columnStatus.count == columns ? $0.columnStatus : nil }
        let initial = options.initialSolution.flatMap { $0.count == columns ? $0 : nil }
        let outcome = withExtendedLifetime(progress) {
            withProblem(model, names: nil, doubles: [initial ?? []], ints: [warmRows ?? [], warmColumns ?? []]) {
                problem, doubles, ints in
                shimOptions.initialSolution = initial == nil ? nil : doubles[0]
                shimOptions.basisRowStatus = warmRows == nil ? nil : ints[0]
                shimOptions.basisColumnStatus = warmColumns == nil ? nil : ints[1]
                return CGLPKShim_solve(
                    &problem, &shimOptions, &result, &values, &reducedCosts, &activities, &duals, &rowStatus,
                    &columnStatus)
            }
        }
        let seconds = MonotonicClock.now() - started
        if outcome == CGLPKShimOutcomeFatal { throw .glpkFatal(Self.firstLine(of: result)) }

        let status = try Self.status(of: result, integer: integer)
        let objective = result.objectiveValue
        let bound = result.bestBound
        let gap: Double
        switch status {
        case .timeLimit(let g): gap = g ?? .infinity
        case .optimal where integer: gap = Self.relativeGap(objective, bound)
        default: gap = 0
        }
        let isSimplex = shimOptions.algorithm != Int32(CGLPKShimInterior)
        return Solution(
            status: status, objectiveValue: objective, bestBound: bound, relativeGap: gap, values: values,
            rowActivities: activities, duals: duals, reducedCosts: reducedCosts,
            basis: isSimplex && result.lpStatus != 0 ? Basis(rowStatus: rowStatus, columnStatus: columnStatus) : nil,
            statistics: SolveStatistics(
                simplexIterations: Int(result.simplexIterations), nodes: Int(result.nodes), seconds: seconds,
                warmStartUsed: result.warmStartUsed != 0, stoppedAtBound: result.stoppedAtBound != 0))
    }

    /// The shim's options for a solve (the warm start and the initial point are set by the caller,
    /// where they are pinned).
    private static func shimOptions(_ options: SolveOptions, integer: Bool, model: LinearModel) throws(SolverError)
        -> CGLPKShimOptions
    {
        var shimOptions = CGLPKShimOptions()
        switch options.algorithm {
        case .interiorPoint where !integer: shimOptions.algorithm = Int32(CGLPKShimInterior)
        case .dualSimplex: shimOptions.algorithm = Int32(CGLPKShimDualSimplex)
        default: shimOptions.algorithm = Int32(CGLPKShimSimplex)
        }
        shimOptions.integer = integer ? 1 : 0
        shimOptions.presolve = options.presolve ? 1 : 0
        shimOptions.feasibilityPump = options.feasibilityPump ? 1 : 0
        shimOptions.breadthFirst = options.breadthFirst ? 1 : 0
        shimOptions.mostFractional = options.mostFractional ? 1 : 0
        shimOptions.longStep = options.longStep ? 1 : 0
        shimOptions.nodeLimit = Int32(clamping: options.nodeLimit ?? 0)
        shimOptions.cuts = options.cuts ? 1 : 0
        shimOptions.timeLimitMs =
            options.timeLimit.map { Int32(clamping: Int(($0 * 1000).rounded(.up).clamped(to: 1...2e9))) } ?? 0
        shimOptions.iterationLimit = options.iterationLimit.map { Int32(clamping: $0) } ?? 0
        if let limit = options.memoryLimitMB, limit < 1 {
            throw .invalidModel("the memory limit must be at least 1 MB, got \(limit)")  // glp_mem_limit(0) is fatal
        }
        shimOptions.memoryLimitMB = options.memoryLimitMB.map { Int32(clamping: $0) } ?? 0
        shimOptions.relativeGap = options.relativeGap
        shimOptions.verbose = options.verbose ? 1 : 0
        shimOptions.objectiveStep =
            options.objectiveStep > 0 && options.objectiveStep.isFinite ? options.objectiveStep : 0
        shimOptions.externalBound = options.externalBound ?? (model.sense == .maximize ? .infinity : -.infinity)
        return shimOptions
    }

    /// Writes the model to a file in CPLEX LP or free MPS format.
    ///
    /// The corresponding GLPK routines are `glp_write_lp` and `glp_write_mps`.
    /// - Throws: ``SolverError/invalidModel(_:)`` or ``SolverError/writeFailed(path:reason:)``.
    public func write(_ model: LinearModel, to path: String, format: ModelFileFormat) throws(SolverError) {
        try model.validate()
        var result = CGLPKShimResult()
        let outcome = withProblem(model, names: model.exportNames()) { problem, _, _ in
            CGLPKShim_write(&problem, format == .mps ? 1 : 0, path, &result)
        }
        if outcome == CGLPKShimOutcomeFatal { throw .glpkFatal(Self.firstLine(of: result)) }
        if outcome != CGLPKShimOutcomeSolved {
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Makes GLPK raise a fatal error on purpose, for tests of the error hook.
    static func provokeFatalError() throws(SolverError) {
        var result = CGLPKShimResult()
        if CGLPKShim_provokeFatalError(&result) == CGLPKShimOutcomeFatal {
            throw .glpkFatal(firstLine(of: result))
        }
    }

    // MARK: - Status table

    // GLPK's solution statuses and return codes (glpk.h), with the meaning of each.
    private static let statusOptimal: Int32 = 5, statusFeasible: Int32 = 2, statusNoFeasible: Int32 = 4
    private static let statusUnbounded: Int32 = 6
    private static let codeMeanings: [Int32: String] = [
        0x01: "invalid basis (GLP_EBADB)",
        0x02: "singular matrix (GLP_ESING)",
        0x03: "ill-conditioned matrix (GLP_ECOND)",
        0x04: "some double-bounded variables have incorrect bounds (GLP_EBOUND)",
        0x05: "the solver failed (GLP_EFAIL)",
        0x06: "objective lower limit reached (GLP_EOBJLL)",
        0x07: "objective upper limit reached (GLP_EOBJUL)",
        0x0C: "the root LP optimum was not provided (GLP_EROOT)",
        0x0D: "the search was terminated by the application (GLP_ESTOP)",
        0x10: "the interior-point method did not converge (GLP_ENOCVG)",
        0x11: "numerical instability (GLP_EINSTAB)",
        0x12: "invalid data (GLP_EDATA)",
        0x13: "result out of range (GLP_ERANGE)",
    ]

    private static func status(of r: CGLPKShimResult, integer: Bool) throws(SolverError) -> SolveStatus {
        switch r.solverCode {
        case 0:
            break
        case 0x08: return .iterationLimit  // GLP_EITLIM
        case 0x09:  // GLP_ETMLIM
            return .timeLimit(gap: integer && r.hasMipSolution != 0 ? relativeGap(r.objectiveValue, r.bestBound) : nil)
        case 0x0A, 0x0F: return .infeasible  // GLP_ENOPFS, GLP_ENOFEAS
        case 0x0B: return .unbounded  // GLP_ENODFS: no dual feasible solution
        case 0x0E: return .optimal  // GLP_EMIPGAP: the requested relative gap was reached
        default:
            throw .glpkCode(r.solverCode, codeMeanings[r.solverCode] ?? "unknown GLPK return code")
        }
        if integer {
            if r.lpStatus == statusNoFeasible { return .infeasible }
            if r.lpStatus == statusUnbounded { return .unbounded }
        }
        switch r.status {
        case statusOptimal: return .optimal
        case statusNoFeasible: return .infeasible
        case statusUnbounded: return .unbounded
        case statusFeasible where integer: return .optimal
        default:
            throw .glpkCode(0, "the solver stopped with undefined solution status \(r.status)")
        }
    }

    private static func relativeGap(_ objective: Double, _ bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }

    /// GLPK's message without its "Error detected in file … at line …" trailer.
    private static func firstLine(of result: CGLPKShimResult) -> String {
        var copy = result
        let text = withUnsafeBytes(of: &copy.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let line = text.split(separator: "\n").first { !$0.hasPrefix("Error detected in file") }
        return line.map(String.init) ?? "GLPK stopped with a fatal error"
    }
}

extension GLPKSolver {
    /// Calls `body` with the shim's problem for `model`, its arrays pinned in place (no copies),
    /// and pointers to the extra `doubles` and `ints` arrays in order (placeholders when empty).
    /// One flat place for everything GLPK reads during a call, instead of a closure per array.
    fileprivate func withProblem<R>(
        _ model: LinearModel, names: (columns: [String], rows: [String])?, doubles: [[Double]] = [],
        ints: [[Int32]] = [],
        _ body: (inout CGLPKShimProblem, [UnsafePointer<Double>], [UnsafePointer<Int32>]) -> R
    ) -> R {
        var entryRows = [Int32](repeating: 0, count: model.entryCount)
        for r in 0..<model.constraintCount {
            for k in model.rowStart[r]..<model.rowStart[r + 1] { entryRows[k] = Int32(r) }
        }
        let kinds = model.variableKinds.map { kind -> Int32 in
            switch kind {
            case .continuous: return Int32(CGLPKShimContinuous)
            case .integer: return Int32(CGLPKShimInteger)
            case .binary: return Int32(CGLPKShimBinary)
            }
        }
        let modelDoubles = [
            model.objectiveCoefficients, model.lowerBounds, model.upperBounds, model.rowLower, model.rowUpper,
            model.entryValues,
        ]
        let modelInts = [kinds, entryRows, model.entryColumns]
        let columnNames = CStrings(names?.columns ?? [])
        let rowNames = CStrings(names?.rows ?? [])
        // (The names' C strings must live until the call returns.)
        return withExtendedLifetime((columnNames, rowNames)) {
            model.name.withCString { name in
                withPinned(modelDoubles + doubles, placeholder: Self.emptyDouble) { d in
                    withPinned(modelInts + ints, placeholder: Self.emptyInt) { i in
                        withPinned([columnNames.pointers, rowNames.pointers], placeholder: Self.emptyName) { n in
                            var problem = CGLPKShimProblem(
                                rowCount: Int32(model.constraintCount), columnCount: Int32(model.variableCount),
                                entryCount: Int32(model.entryCount), maximize: model.sense == .maximize ? 1 : 0,
                                objectiveConstant: model.objectiveConstant, name: name, objective: d[0],
                                columnLower: d[1],
                                columnUpper: d[2], columnKind: i[0], rowLower: d[3], rowUpper: d[4], entryRow: i[1],
                                entryColumn: i[2], entryValue: d[5], columnNames: names == nil ? nil : n[0],
                                rowNames: names == nil ? nil : n[1])
                            return body(
                                &problem, Array(d.dropFirst(modelDoubles.count)), Array(i.dropFirst(modelInts.count)))
                        }
                    }
                }
            }
        }
    }

    // Non-null placeholders for empty arrays; the shim never reads them when the count is 0.
    nonisolated(unsafe) private static let emptyDouble = UnsafePointer<Double>(
        UnsafeMutablePointer<Double>.allocate(capacity: 1))
    nonisolated(unsafe) private static let emptyInt = UnsafePointer<Int32>(
        UnsafeMutablePointer<Int32>.allocate(capacity: 1))
    nonisolated(unsafe) private static let emptyName = UnsafePointer<UnsafePointer<CChar>?>(
        UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: 1))
}

/// Calls `body` with a stable pointer to each array's elements, in order, without copying them:
/// each array is pinned by `withUnsafeBufferPointer`, one inside the next.
private func withPinned<T, R>(_ arrays: [[T]], placeholder: UnsafePointer<T>, _ body: ([UnsafePointer<T>]) -> R) -> R {
    var pointers: [UnsafePointer<T>] = []
    pointers.reserveCapacity(arrays.count)
    func pin(_ k: Int) -> R {
        guard k < arrays.count else { return body(pointers) }
        return arrays[k].withUnsafeBufferPointer { buffer in
            pointers.append(buffer.baseAddress ?? placeholder)
            return pin(k + 1)
        }
    }
    return pin(0)
}

/// C copies of strings (for GLPK's row and column names), freed with this object.
private final class CStrings {
    let pointers: [UnsafePointer<CChar>?]

    init(_ strings: [String]) { pointers = strings.map { UnsafePointer(strdup($0)) } }

    deinit {
        for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) }
    }
}

/// Holds the closure GLPK's progress text goes to, for the C callback's context pointer.
private final class ProgressSink {
    let receive: @Sendable (String) -> Void
    init(_ receive: @escaping @Sendable (String) -> Void) { self.receive = receive }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
