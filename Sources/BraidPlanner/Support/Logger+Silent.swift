import Logging

extension Logger {
    /// A logger that drops everything: for the planner's inner re-solves whose rounds would only
    /// repeat the run's own (a marginal value's master).
    static let silent = Logger(label: "braid.silent") { _ in SwiftLogNoOpLogHandler() }
}
