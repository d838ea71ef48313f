public import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `gazette`: the root command. `run()` alone maps outcomes to exit codes (design.md):
/// 0 success, 1 fatal, 2 usage, 75 another run holds the lock.
public struct GazetteCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Pull source feeds, publish a Jekyll site and clean Atom feeds.",
        version: version,
        subcommands: [Run.self, Fetch.self, Build.self, Init.self, Subscribe.self, Unsubscribe.self, List.self, OPML.self,
                      Check.self, Parse.self]
    )

    public init() {}

    /// Parses the arguments, runs the command and returns the process exit code.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Int32 {
        var console = Console()
        do {
            var command = try parseAsRoot(arguments)
            if let shaped = command as? any ConsoleCommand { console = shaped.console }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as CommandFailure {
            if !failure.alreadyReported {
                // 75 is "try later", not a failure to act on (README): a warning in the JSON log.
                if failure.exitCode == 75 { console.notice(failure.message) } else { console.error(failure.message) }
            }
            return failure.exitCode
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if code == 0 {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { printError(message) }
            // argument-parser says 64 for usage errors; design.md says 2.
            return code == ExitCode.validationFailure.rawValue ? 2 : Int32(code)
        }
    }
}

/// A failure a command reports to the user, with the exit code it maps to.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32 = 1
    /// The details went to stderr already (one line per failed input); only the code is left.
    var alreadyReported = false

    var description: String { message }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    writeIgnoringErrors(STDERR_FILENO, line + "\n")
}

/// Writes `text` to the file descriptor `fd`, dropping what cannot be written. A log on a full disk,
/// or a closed stderr under cron, must not stop a run: `FileHandle.write` traps on a failed write
/// (SIGILL, exit 132, before anything was published).
/// - Returns: whether all of it was written.
@discardableResult
func writeIgnoringErrors(_ fd: Int32, _ text: String) -> Bool {
    writeIgnoringErrors(fd, Array(text.utf8))
}

@discardableResult
func writeIgnoringErrors(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else { return false }
        }
        return true
    }
}
