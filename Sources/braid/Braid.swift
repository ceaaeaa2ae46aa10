import ArgumentParser
import BraidCore

@main
struct Braid: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Braid public workforce funding streams.")
}
