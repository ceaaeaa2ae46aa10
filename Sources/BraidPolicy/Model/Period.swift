import Foundation

/// The scenario period.
public struct Period: Sendable, Equatable {
    public var start: Day
    public var end: Day
    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }
}
