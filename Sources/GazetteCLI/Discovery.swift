import Foundation
import GazetteFetch
import GazetteModel
import GazetteParse

/// A feed `subscribe` found, fetched and parsed once.
struct FoundFeed {
    /// The feed's address: the URL given, or the one a page linked to.
    var url: String
    /// Where the body came from after redirects.
    var finalURL: String
    /// Where a chain of permanent redirects (301/308) ended, when every hop was permanent.
    var permanentRedirect: String?
    var feed: Feed
    var isLocal: Bool
    /// What the user should know about the choice (several feeds on a page, a well-known path used).
    var warnings: [String] = []
}

/// Finds the feed behind an address for `subscribe`: the address itself when it is a feed; else the
/// feeds its HTML page links to (`<link rel="alternate">`); else the usual feed paths of the site.
struct Discovery {
    let fetcher: Fetcher
    let limits: FetchLimits
    let userAgent: String
    let zone: TimeZone

    func findFeed(at address: String, pick: Int?) async throws(CommandFailure) -> FoundFeed {
        let page = try await fetch(address)
        let local = !isWebURL(address)
        let notAFeed: ParseError
        do {
            let feed = try parse(page)
            return FoundFeed(url: address, finalURL: page.finalURL, permanentRedirect: page.permanentRedirect, feed: feed, isLocal: local)
        } catch {
            notAFeed = error
        }
        let isPage = FeedDiscovery.looksLikeHTML(page.body) || (page.contentType ?? "").contains("html")
        guard isPage else { throw CommandFailure(message: "\(address): \(notAFeed.description)") }
        let links = FeedDiscovery.feeds(inHTML: page.body, pageURL: page.finalURL, httpCharset: page.charset)
        guard !links.isEmpty else {
            guard !local else { throw CommandFailure(message: "\(address): an HTML page that links to no feed (no <link rel=\"alternate\">)") }
            return try await wellKnownFeed(near: page.finalURL, page: address)
        }
        var warnings: [String] = []
        let index: Int
        if let pick {
            guard pick <= links.count else {
                throw CommandFailure(message: "\(address): --pick \(pick), but the page links \(links.count) feeds:\n" + listing(links), exitCode: 2)
            }
            index = pick - 1
        } else if links.count > 1 {
            if isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 {
                index = try ask(links, page: address)
            } else {
                warnings.append("\(address) links \(links.count) feeds; took the first (rerun with --pick N for another):\n" + listing(links))
                index = 0
            }
        } else {
            index = 0
        }
        let chosen = links[index]
        let fetched = try await fetch(chosen.url)
        do {
            let feed = try parse(fetched)
            return FoundFeed(url: chosen.url, finalURL: fetched.finalURL, permanentRedirect: fetched.permanentRedirect,
                             feed: feed, isLocal: false, warnings: warnings)
        } catch {
            throw CommandFailure(message: "\(address) links to \(chosen.url), which cannot be read: \(error.description)")
        }
    }

    /// The first of the usual paths on the page's site that answers with a feed.
    private func wellKnownFeed(near pageURL: String, page: String) async throws(CommandFailure) -> FoundFeed {
        guard var root = URLComponents(string: pageURL) else {
            throw CommandFailure(message: "\(page): an HTML page that links to no feed")
        }
        (root.query, root.fragment) = (nil, nil)
        let candidates = Subscribe.wellKnownPaths.compactMap { path -> String? in
            root.percentEncodedPath = path
            return root.string
        }
        let results = await fetcher.fetch(candidates.map { FetchRequest(url: $0, limits: limits, userAgent: userAgent) })
        for (candidate, result) in zip(candidates, results) {
            guard case let .success(fetched) = result, let feed = try? parse(fetched) else { continue }
            return FoundFeed(url: candidate, finalURL: fetched.finalURL, permanentRedirect: fetched.permanentRedirect, feed: feed,
                             isLocal: false, warnings: ["\(page) links to no feed (no <link rel=\"alternate\">); found one at \(candidate)"])
        }
        throw CommandFailure(message: "\(page): an HTML page that links to no feed (no <link rel=\"alternate\">), and none of "
                             + Subscribe.wellKnownPaths.joined(separator: ", ") + " on its site is one; give the feed's URL itself")
    }

    private func fetch(_ address: String) async throws(CommandFailure) -> FetchResult {
        let request = FetchRequest(url: address, limits: limits, userAgent: userAgent)
        switch await fetcher.fetch([request])[0] {
        case let .success(result): return result
        case let .failure(error): throw CommandFailure(message: error.description)
        }
    }

    private func parse(_ fetched: FetchResult) throws(ParseError) -> Feed {
        let base = isWebURL(fetched.finalURL) ? fetched.finalURL : nil
        return try FeedParser.parse(fetched.body, options: ParseOptions(documentURL: base, httpCharset: fetched.charset, timeZone: zone))
    }

    private func listing(_ links: [DiscoveredFeed]) -> String {
        links.enumerated().map { index, link in
            "  \(index + 1). \(link.url)  (\(link.type)" + (link.title.map { ", \"\($0)\"" } ?? "") + ")"
        }.joined(separator: "\n")
    }

    /// Lists the feeds on the terminal and reads the user's choice.
    private func ask(_ links: [DiscoveredFeed], page: String) throws(CommandFailure) -> Int {
        printError("\(page) links \(links.count) feeds:\n" + listing(links))
        while true {
            writeIgnoringErrors(STDERR_FILENO, "which one? [1-\(links.count)] ")
            guard let answer = readLine() else { throw CommandFailure(message: "no feed chosen; rerun with --pick N", exitCode: 2) }
            if let number = Int(answer.trimmingCharacters(in: .whitespaces)), (1...links.count).contains(number) { return number - 1 }
        }
    }
}
