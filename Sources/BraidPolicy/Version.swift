public enum BraidPolicyVersion { public static let version = "0.1.0" }
