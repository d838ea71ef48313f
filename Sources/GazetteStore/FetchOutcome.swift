public import GazetteModel

/// What a successful fetch of one feed brought, as `Store.recordFetch` takes it.
public enum FetchOutcome: Sendable {
    /// The feed answered with a body that parsed: HTTP 200, or a local file (`status` nil).
    /// `validators` replace the stored ones entirely (a 200 without an ETag drops the old ETag).
    case parsed(Feed, validators: Validators, status: Int?)
    /// HTTP 304 Not Modified: the items stay as they are. A validator given here replaces the stored
    /// one; a nil field keeps it (a 304 need not repeat its headers, RFC 9110 §15.4.5).
    case notModified(validators: Validators)
}
