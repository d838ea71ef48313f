import Foundation
import Testing
@testable import GazetteStore

@Test func aSecondAcquirerIsToldTheHoldersPid() throws {
    try withTemporaryFolder { folder in
        let path = RunLock.path(besideConfig: folder.appendingPathComponent("feeds.yml").path)
        #expect(path == folder.appendingPathComponent(".gazette/lock").path)
        let held = try RunLock.acquire(path: path)
        let pid = ProcessInfo.processInfo.processIdentifier
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(pid)\n")
        // flock locks belong to open file descriptions: a second open() conflicts even in this process.
        #expect {
            _ = try RunLock.acquire(path: path)
        } throws: { error in
            guard case .locked(_, pid) = error as? StoreError else { return false }
            return "\(error)".contains("pid \(pid)") && "\(error)".contains("kill \(pid)")
        }
        held.release()
        let again = try RunLock.acquire(path: path)
        again.release()
    }
}

@Test func releasingClearsThePid() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent(".gazette/lock").path
        try RunLock.acquire(path: path).release()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
    }
}

private let flockTool = "/usr/bin/flock"

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: flockTool), "needs util-linux's flock"))
func theLockDiesWithItsHolder() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent(".gazette/lock").path
        try FileManager.default.createDirectory(atPath: folder.appendingPathComponent(".gazette").path, withIntermediateDirectories: true)
        // A holder in another process: flock(1) takes flock(2) on the file, then (--no-fork) becomes a
        // shell that writes its pid as gazette does, says so, and waits for ever.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: flockTool)
        holder.arguments = ["--nonblock", "--no-fork", path, "/bin/sh", "-c", "echo $$ > \"$0\"; echo held; exec sleep 600", path]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() } }
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("held") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        let holderPID = holder.processIdentifier
        #expect {
            _ = try RunLock.acquire(path: path)
        } throws: { error in
            guard case .locked(_, holderPID) = error as? StoreError else { return false }
            return "\(error)".contains("another gazette run (pid \(holderPID)) holds the lock")
        }
        kill(holderPID, SIGKILL)
        holder.waitUntilExit()
        #expect(holder.terminationReason == .uncaughtSignal)
        // The kernel let go of the lock with the process: no stale lock, no cleanup needed.
        let lock = try RunLock.acquire(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "\(ProcessInfo.processInfo.processIdentifier)\n")
        lock.release()
    }
}

@Test func aLockFileWithoutAPidStillRefusesAndSaysHowToFindTheHolder() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("lock").path
        let held = try RunLock.acquire(path: path)
        // Simulate a holder that has not written its pid yet.
        try Data().write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try RunLock.acquire(path: path)
        } throws: { error in
            guard case .locked(_, nil) = error as? StoreError else { return false }
            return "\(error)".contains("fuser \(path)")
        }
        held.release()
    }
}
