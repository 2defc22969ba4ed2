/// The one error type of the EMLab library: a machine-readable code and a
/// message written for the person at the terminal.
///
/// EM failing to converge is *not* an error: it is a ``StopReason`` on a
/// ``FitResult``. Errors are for input that cannot be used at all.
public struct EMLabError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of problem this is.
    public enum Code: String, Sendable {
        case invalidMixture
        case invalidData
        case invalidOption
        case unknownGenerator
        case invalidExperiment
        case io
        case gsl
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
