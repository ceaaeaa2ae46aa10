/// A named derived value of `definitions.yaml` (e.g. WIOA low-income).
public struct Definition: Sendable {
    public let name: String
    public let text: String
    public let expression: CompiledExpression
    public let citation: Citation
    public let slot: Int
}
