import Foundation
import GazetteModel
import GazettePublish
import Testing

private let site = Site(title: "Gazette \"新闻\"", url: URL(string: "https://news.example.org/")!,
                        timeZone: TimeZone(identifier: "Asia/Shanghai")!, language: "zh-CN",
                        output: URL(fileURLWithPath: "/tmp/out"))
private let categories: [(slug: String, title: String)] = [
    ("meirijingjixinwen", "每日经济新闻新闻"), ("hn", "Hacker {{ News }}"), ("../evil", "x"), ("hn", "dup"),
]

/// A fresh temporary folder, removed when `body` returns.
private func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-scaffold-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

private func modificationDate(_ url: URL) throws -> Date {
    try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
}

@Test func scaffoldListsConfigLayoutsIndexAndOneSafePagePerCategory() {
    let files = scaffoldFiles(site: site, categories: categories)
    #expect(files.map(\.path) == [
        "_config.yml", "_layouts/default.html", "_layouts/post.html", "_layouts/category.html", "_layouts/home.html",
        "index.html", "category/meirijingjixinwen.html", "category/hn.html",
    ])
    let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    let config = byPath["_config.yml"]!
    #expect(config.contains("title: \"Gazette \\\"新闻\\\"\"\n"))
    #expect(config.contains("url: \"https://news.example.org\"\n"))
    #expect(config.contains("timezone: \"Asia/Shanghai\"\n"))
    #expect(config.contains("permalink: /:categories/:year/:month/:day/:title:output_ext\n"))
    #expect(config.contains("exclude:\n  - .gazette\n"))
    let page = byPath["category/meirijingjixinwen.html"]!
    #expect(page.hasPrefix("---\nlayout: category\ncategory: meirijingjixinwen\ntitle: \"每日经济新闻新闻\"\nfeed: /feeds/meirijingjixinwen.xml\n---\n"))
    #expect(byPath["_layouts/category.html"]!.contains("site.categories[page.category]"))
    let layout = byPath["_layouts/default.html"]!
    #expect(layout.contains("<html lang=\"{{ site.lang | default: 'zh-CN' }}\">"))
    #expect(layout.contains("PingFang SC") && layout.contains("Noto Sans CJK SC") && layout.contains("max-width"))
    #expect(layout.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{{ page.title | escape }}\" href=\"{{ page.feed | relative_url }}\">"))
    #expect(layout.contains("'/feeds/all.xml' | relative_url"))
    #expect(byPath["index.html"]!.hasPrefix("---\nlayout: home\n"))
    #expect(byPath["index.html"]!.contains("Hacker &#123;&#123; News &#125;&#125;"))
}

@Test func scaffoldWritesEverythingOnceThenNothing() throws {
    try withTemporaryFolder { root in
        let manifest = root.appendingPathComponent(".gazette/scaffold.json")
        let files = scaffoldFiles(site: site, categories: categories)
        let first = try writeScaffold(root: root, files: files, manifestPath: manifest)
        #expect(first.written == files.map(\.path) && first.skippedUserEdited.isEmpty)
        for file in files {
            #expect(try String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8) == file.contents)
        }
        let paths = files.map { root.appendingPathComponent($0.path) } + [manifest]
        let before = try paths.map(modificationDate)
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        for path in paths { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path.path) }
        let second = try writeScaffold(root: root, files: files, manifestPath: manifest)
        #expect(second.written.isEmpty && second.skippedUserEdited.isEmpty)
        #expect(try paths.map(modificationDate).allSatisfy { $0 == old })
        #expect(before.count == paths.count)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}

@Test func userEditedFileIsNeverOverwrittenAndIsReported() throws {
    try withTemporaryFolder { root in
        let manifest = root.appendingPathComponent(".gazette/scaffold.json")
        _ = try writeScaffold(root: root, files: scaffoldFiles(site: site, categories: categories), manifestPath: manifest)
        let layout = root.appendingPathComponent("_layouts/default.html")
        try Data("<html>mine</html>\n".utf8).write(to: layout)
        // A new site title changes _config.yml and index.html, which the user never touched.
        var renamed = site
        renamed.title = "Renamed"
        let files = scaffoldFiles(site: renamed, categories: categories + [("new", "New")])
        let result = try writeScaffold(root: root, files: files, manifestPath: manifest)
        #expect(result.skippedUserEdited == ["_layouts/default.html"])
        #expect(result.written == ["_config.yml", "index.html", "category/new.html"])
        #expect(try String(contentsOf: layout, encoding: .utf8) == "<html>mine</html>\n")
        // Still the user's on the next run, too.
        #expect(try writeScaffold(root: root, files: files, manifestPath: manifest).skippedUserEdited == ["_layouts/default.html"])
    }
}

@Test func aFileGazetteNeverWroteCountsAsTheUsers() throws {
    try withTemporaryFolder { root in
        try Data("title: Mine\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        let result = try writeScaffold(root: root, files: scaffoldFiles(site: site, categories: []),
                                       manifestPath: root.appendingPathComponent(".gazette/scaffold.json"))
        #expect(result.skippedUserEdited == ["_config.yml"])
        #expect(!result.written.contains("_config.yml"))
    }
}

@Test func scaffoldRefusesPathsOutsideTheRoot() throws {
    try withTemporaryFolder { root in
        for path in ["../x.html", "/etc/x", "a/../../x", ""] {
            #expect(throws: ScaffoldError.self) {
                try writeScaffold(root: root, files: [(path, "x")], manifestPath: root.appendingPathComponent(".gazette/scaffold.json"))
            }
        }
    }
}
