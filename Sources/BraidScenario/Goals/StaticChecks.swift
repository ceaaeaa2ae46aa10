import BraidPolicy

/// What `braid check` can tell before any optimisation: problems `run` would reject (errors)
/// and choices that quietly serve no one (warnings), each with the fix.
extension Scenario {
    public struct StaticProblems: Sendable {
        /// `run` would stop on these (no plan exists).
        public var errors: [InputError] = []
        /// `run` would plan, but part of the scenario can do nothing.
        public var warnings: [String] = []
    }

    public func staticProblems(_ analyses: [ParticipantAnalysis]) -> StaticProblems {
        var found = StaticProblems()
        for program in programs {
            let applicants = analyses.filter { $0.person.program == program.info.id }
            var closed = false
            for (category, cost) in program.costs where programPayers(program, category).isEmpty {
                closed = true
                found.warnings.append(
                    "program \(program.info.id) needs \(formatMoney(cost)) of \(category), and no stream may pay \(category) for it: "
                        + "it will not run, and none of its \(applicants.count) applicants will be served "
                        + "(add \(category) to a scenario stream's allowable, or add a stream whose rules pay it"
                        + (category.isProgramLevel
                            ? "; perkins pays equipment, curriculum and instruction of a CTE program)" : ")"))
            }
            guard !closed else { continue }
            let servable = applicants.filter { $0.blocker == nil }.count
            if program.minEnrollment > servable {
                found.warnings.append(
                    "program \(program.info.id) needs at least \(program.minEnrollment) enrolled, but only \(servable) of its \(applicants.count) applicants can be served: it will not run, and none of them will be served (lower min_enrollment, or add applicants)"
                )
            }
        }
        for stream in streams where stream.policy?.matching != nil {
            let matched = stream.reimburses.compactMap { self.stream($0) }.filter { ($0.budget ?? 0) > 0 }
            if matched.isEmpty {
                found.warnings.append(
                    "\(stream.id) matches nothing, so it can pay nothing: list the non-federal streams whose spending it matches (reimburses: [...]), each with a budget"
                )
            }
        }
        for (t, target) in targets.enumerated() {
            guard case .atLeast(let count) = target.requirement else { continue }
            let group = analyses.filter { $0.groups[t] }
            let open = group.filter { $0.blocker == nil }.count
            if open < count {
                found.errors.append(
                    InputError(
                        file: file, key: "targets",
                        reason:
                            "target '\(target.label)' needs at least \(count) served, but only \(open) of its \(group.count) applicants can be served at all: lower at_least, or widen its when:"
                    ))
            }
        }
        return found
    }
}
