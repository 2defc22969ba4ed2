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
        /// A run stopped on request (SIGTERM, SIGINT) after saving its whole units.
        case interrupted
    }

    public var code: Code
    public var message: String
    /// The exit status the command-line tool should end with, when not the
    /// usual 1 (e.g. 143 after SIGTERM, 130 after SIGINT).
    public var exitStatus: Int32?

    public init(_ code: Code, _ message: String, exitStatus: Int32? = nil) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
