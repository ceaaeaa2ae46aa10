import BraidPolicy
import BraidReports
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidScenario

/// The plan does not depend on the order of the roster's rows (hostile-input finding F30: shuffled
/// rows swapped up to 5 of 83 people served in Oregon and 6 of 14,403 at 20,000): participants
/// are kept in id order, so every report is the same bytes whatever the order.
@Suite struct RowOrderTests {
    /// The rows of `csv` (header kept first) in a fixed scrambled order: reversed, then every
    /// third row moved to the end.
    func scrambled(_ csv: String) -> String {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        let reversed = Array(lines.reversed())
        let moved = reversed.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        let kept = reversed.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        return ([header] + kept + moved).joined(separator: "\n") + "\n"
    }

    /// A copy of a scenario folder with its roster's rows scrambled.
    func scrambledCopy(of folder: URL) throws -> URL {
        let copy = try Scratch.newFolder("row-order").appendingPathComponent("scenario")
        try FileManager.default.copyItem(at: folder, to: copy)
        let roster = copy.appendingPathComponent("participants.csv")
        let rows = scrambled(try String(contentsOf: roster, encoding: .utf8))
        try rows.write(to: roster, atomically: true, encoding: .utf8)
        return copy
    }

    func result(_ folder: URL, prices: PriceMode = .always) throws -> String {
        let policies = try PolicySet.load(directory: policiesPath)
        let scenario = try Scenario.load(path: folder.path, policies: policies)
        var options = PlanOptions()
        options.prices = prices
        return ResultJSON.encode(try Planner.plan(scenario, options: options))
    }

    @Test(arguments: ["oregon-maritime-welding", "houston-women-construction"])
    func aShippedScenarioIsTheSameWhateverItsRowOrder(_ name: String) throws {
        let folder = URL(fileURLWithPath: scenariosPath).appendingPathComponent(name)
        let copy = try scrambledCopy(of: folder)
        #expect(
            try String(contentsOf: copy.appendingPathComponent("participants.csv"), encoding: .utf8)
                != String(contentsOf: folder.appendingPathComponent("participants.csv"), encoding: .utf8))
        #expect(try result(copy) == result(folder))
    }

    /// On the decomposition too (from 200 applicants).
    @Test func aGeneratedRosterIsTheSameWhateverItsRowOrder() throws {
        let fixture = try Fixture.generated(participants: 600, seed: 11)
        let copy = try scrambledCopy(of: fixture.directory)
        #expect(try result(copy, prices: .never) == result(fixture.directory, prices: .never))
    }

    @Test func idsAreInNaturalOrder() {
        let ids = ["p10", "p9", "p010", "P1", "p1", "a", "a0", "a00", "b2c10", "b2c9", "b10", "x", "p0", "p00"]
        #expect(
            ids.sorted(by: Roster.listedBefore)
                == ["P1", "a", "a0", "a00", "b2c9", "b2c10", "b10", "p0", "p00", "p1", "p9", "p010", "p10", "x"])
    }
}
