internal import GRDB
import Foundation
import GazetteModel

extension FeedState {
    /// Reads a full `feeds` row; throws when a column holds what this Gazette cannot read.
    init(row: Row, decoder: JSONDecoder) throws {
        let infoJSON: String? = try row.decode(forColumn: "info_json")
        self.init(
            url: try row.decode(forColumn: "url"),
            validators: Validators(etag: try row.decode(forColumn: "etag"),
                                   lastModified: try row.decode(forColumn: "last_modified")),
            lastStatus: try row.decode(forColumn: "last_status"),
            lastError: try row.decode(forColumn: "last_error"),
            consecutiveFailures: try row.decode(forColumn: "consecutive_failures"),
            nextDue: try row.decode(forColumn: "next_due"),
            adoptedURL: try row.decode(forColumn: "adopted_url"),
            disabledReason: try row.decode(forColumn: "disabled_reason"),
            lastAttempt: try row.decode(forColumn: "last_attempt"),
            lastSuccess: try row.decode(forColumn: "last_success"),
            lastNewItem: try row.decode(forColumn: "last_new_item"),
            info: try infoJSON.map { try decoder.decode(FeedInfo.self, from: Data($0.utf8)) })
    }
}
