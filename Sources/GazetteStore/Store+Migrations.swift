internal import GRDB

extension Store {
    /// The schema's history, oldest first. A migration, once shipped, is never edited: a change is a
    /// new migration with the next number and a name saying what it does.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-feeds-items-runs") { db in
            // Dates are GRDB's "YYYY-MM-DD HH:MM:SS.SSS" in UTC: text that sorts as time does.
            try db.execute(sql: """
                CREATE TABLE feeds (
                    url TEXT NOT NULL PRIMARY KEY,      -- as feeds.yml names it
                    key_url TEXT NOT NULL,              -- the URL item keys derive from; kept across a rename
                    etag TEXT,
                    last_modified TEXT,
                    last_status INTEGER,
                    last_error TEXT,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_due DATETIME,                  -- NULL: due now
                    adopted_url TEXT,                   -- end of a permanent redirect chain
                    disabled_reason TEXT,               -- set by 410 Gone
                    last_attempt DATETIME,
                    last_success DATETIME,
                    last_new_item DATETIME,
                    info_json TEXT                      -- FeedInfo of the last successful parse
                );
                CREATE INDEX feeds_by_adopted_url ON feeds(adopted_url) WHERE adopted_url IS NOT NULL;

                CREATE TABLE items (
                    key TEXT NOT NULL PRIMARY KEY,      -- itemKey(feedURL:entry:)
                    feed_url TEXT NOT NULL REFERENCES feeds(url) ON UPDATE CASCADE,
                    first_seen DATETIME NOT NULL,
                    last_changed DATETIME NOT NULL,
                    sort_date DATETIME NOT NULL,        -- StoredItem.date
                    content_hash TEXT NOT NULL,         -- SHA-256 of entry_json
                    entry_json TEXT NOT NULL,           -- Entry, Codable form
                    source_json TEXT NOT NULL,          -- FeedInfo of the source when the item last changed
                    post_file TEXT UNIQUE,              -- set once by the post writer, never changed
                    atom_id TEXT UNIQUE                 -- set once by the Atom writer, never changed
                );
                CREATE INDEX items_by_date ON items(sort_date DESC, first_seen DESC, key);
                CREATE INDEX items_by_feed_date ON items(feed_url, sort_date DESC);
                CREATE INDEX items_by_change ON items(last_changed);

                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started DATETIME NOT NULL,
                    ended DATETIME,                     -- NULL: running, or died
                    pid INTEGER NOT NULL,
                    feeds_fetched INTEGER NOT NULL DEFAULT 0,
                    feeds_not_modified INTEGER NOT NULL DEFAULT 0,
                    feeds_failed INTEGER NOT NULL DEFAULT 0,
                    items_new INTEGER NOT NULL DEFAULT 0,
                    items_changed INTEGER NOT NULL DEFAULT 0,
                    posts_new INTEGER NOT NULL DEFAULT 0,
                    posts_updated INTEGER NOT NULL DEFAULT 0,
                    atom_files_written INTEGER NOT NULL DEFAULT 0,
                    errors_json TEXT NOT NULL DEFAULT '[]'
                );
                """)
        }
        migrator.registerMigration("v2-content-hash-xxh64") { db in
            // content_hash was the SHA-256 of entry_json; it is now ContentHash (XXH64), several times
            // cheaper per fetched entry. Rehashing every row from its own entry_json keeps change
            // detection exactly as it was: an item is changed when its new JSON differs from the stored one.
            let function = DatabaseFunction("gazette_content_hash", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map(ContentHash.hex)
            }
            db.add(function: function)
            defer { db.remove(function: function) }
            try db.execute(sql: "UPDATE items SET content_hash = gazette_content_hash(entry_json)")
        }
        migrator.registerMigration("v3-sources-table") { db in
            // Each item's source_json repeated its feed's metadata (FeedInfo.storedJSON()): 6.3 M
            // characters beside 51.6 M of entry_json after a cold fetch of 400 feeds, all of it
            // written twice (WAL, checkpoint). Each distinct source is now one row of `sources`,
            // which items point to; what an item reads as its source is unchanged.
            try db.execute(sql: """
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    json TEXT NOT NULL UNIQUE           -- FeedInfo.storedJSON(): one row per distinct source
                );
                INSERT OR IGNORE INTO sources (json) SELECT source_json FROM items ORDER BY rowid;
                ALTER TABLE items ADD COLUMN source_id INTEGER REFERENCES sources(id); -- the source when the item last changed
                UPDATE items SET source_id = (SELECT id FROM sources WHERE sources.json = items.source_json);
                ALTER TABLE items DROP COLUMN source_json;
                """)
        }
        migrator.registerMigration("v4-feeds-shared-ids") { db in
            // Set once a document of the feed gave one id to different items: from then on each
            // item of the feed is looked up under its link-qualified key first (`sharedIDItemKey`).
            try db.execute(sql: "ALTER TABLE feeds ADD COLUMN shared_ids INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }
}
