/// The loopback server could not start: which call failed, and errno's text.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var description: String
}
