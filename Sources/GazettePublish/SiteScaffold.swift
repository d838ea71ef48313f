import Foundation
public import GazetteModel

/// Jekyll's permalink for posts; `postURL(site:category:date:slug:zone:)` builds the same URL.
public let postPermalink = "/:categories/:year/:month/:day/:title:output_ext"

/// How many posts the home page lists, newest first.
let homePostCount = 50

/// The files of the Jekyll site that Gazette writes when missing (`gazette init`, and `run`):
/// `_config.yml`, the layouts, `index.html` and `category/SLUG.html` per category, as
/// (path relative to the output root, UTF-8 contents), in a stable order. Pure.
/// Categories whose slug is not lowercase ASCII letters, digits, `-`, `_` are left out (they could
/// name a path outside `category/`); a repeated slug keeps its first title.
public func scaffoldFiles(site: Site, categories: [(slug: String, title: String)]) -> [(path: String, contents: String)] {
    var seen = Set<String>()
    let categories = categories.filter { isSafeSlug($0.slug) && seen.insert($0.slug).inserted }
    var files: [(path: String, contents: String)] = [
        ("_config.yml", configYAML(site: site)),
        ("_layouts/default.html", defaultLayout),
        ("_layouts/post.html", postLayout),
        ("_layouts/category.html", categoryLayout),
        ("_layouts/home.html", homeLayout),
        ("index.html", indexPage(site: site, categories: categories)),
    ]
    for category in categories {
        files.append(("category/\(category.slug).html", categoryPage(slug: category.slug, title: category.title)))
    }
    return files
}

private func isSafeSlug(_ slug: String) -> Bool {
    !slug.isEmpty && slug.utf8.count <= 200
        && slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
}

private func configYAML(site: Site) -> String {
    // Jekyll splits the site address into `url` (scheme and host) and `baseurl` (the path).
    var components = URLComponents(url: site.url, resolvingAgainstBaseURL: false) ?? URLComponents()
    var path = components.path
    while path.hasSuffix("/") { path.removeLast() }
    components.path = ""; components.query = nil; components.fragment = nil
    var lines = [
        "# Written by Gazette. Edit freely: once you change this file Gazette leaves it alone.",
        "title: \(yamlDoubleQuoted(site.title))",
        "url: \(yamlDoubleQuoted(components.string ?? site.url.absoluteString))",
        "baseurl: \(yamlDoubleQuoted(path))",
    ]
    if let zone = jekyllTimeZone(site.timeZone) { lines.append("timezone: \(yamlDoubleQuoted(zone))") }
    if let language = site.language { lines.append("lang: \(yamlDoubleQuoted(language))") }
    lines += [
        "permalink: \(postPermalink)",
        "# Build posts dated after the build too: sources that label local time as UTC give items dated",
        "# hours ahead, and the Atom feeds link to every post as soon as it is written.",
        "future: true",
        "markdown: kramdown",
        "# Not part of the site: Gazette's own files and the usual tooling.",
        "exclude:",
        "  - .gazette",
        "  - feeds.yml",
        "  - Gemfile",
        "  - Gemfile.lock",
        "  - node_modules",
        "  - vendor",
        "  - Makefile",
        "  - README.md",
    ]
    return lines.joined(separator: "\n") + "\n"
}

/// The zone as Jekyll's `timezone` wants it (a tz database name, it sets `TZ`): IANA names as they
/// are; a whole-hour fixed offset as `Etc/GMT-8` (POSIX signs are inverted); otherwise nil (UTC).
private func jekyllTimeZone(_ zone: TimeZone) -> String? {
    let identifier = zone.identifier
    if identifier == "GMT" || identifier == "UTC" { return "UTC" }
    if identifier.contains("/") { return identifier }
    let seconds = zone.secondsFromGMT()
    guard seconds % 3600 == 0 else { return nil }
    let hours = seconds / 3600
    return hours == 0 ? "UTC" : "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))"
}

/// Text for HTML that Liquid also reads: `{` and `}` become references so that a title holding
/// `{{` or `{%` is shown, not run.
private func htmlEscaped(_ value: String) -> String {
    var out = ""
    for character in value.unicodeScalars {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "{": out += "&#123;"
        case "}": out += "&#125;"
        default:
            if character.value >= 0x20 || character == "\n" || character == "\t" { out.unicodeScalars.append(character) }
        }
    }
    return out
}

private func categoryPage(slug: String, title: String) -> String {
    """
    ---
    layout: category
    category: \(slug)
    title: \(yamlDoubleQuoted(title))
    feed: /feeds/\(slug).xml
    ---
    <p class="subscribe"><a href="{{ page.feed | relative_url }}" type="application/atom+xml">订阅 Atom</a></p>

    """
}

private func indexPage(site: Site, categories: [(slug: String, title: String)]) -> String {
    var page = """
        ---
        layout: home
        title: \(yamlDoubleQuoted(site.title))
        ---
        <nav class="categories">
        <h2>分类</h2>
        <ul>

        """
    for category in categories {
        page += "  <li><a href=\"{{ '/category/\(category.slug).html' | relative_url }}\">\(htmlEscaped(category.title))</a>"
        page += " <a class=\"feed\" href=\"{{ '/feeds/\(category.slug).xml' | relative_url }}\" type=\"application/atom+xml\">Atom</a></li>\n"
    }
    page += "</ul>\n</nav>\n"
    return page
}

private let defaultLayout = """
    <!DOCTYPE html>
    <html lang="{{ site.lang | default: 'zh-CN' }}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{% if page.title and page.layout != 'home' %}{{ page.title | escape }} · {% endif %}{{ site.title | escape }}</title>
    <link rel="alternate" type="application/atom+xml" title="{{ site.title | escape }}" href="{{ '/feeds/all.xml' | relative_url }}">
    {% if page.feed %}<link rel="alternate" type="application/atom+xml" title="{{ page.title | escape }}" href="{{ page.feed | relative_url }}">
    {% endif %}<style>
    body { margin: 0; color: #222; background: #fdfdfd; line-height: 1.8; font-size: 17px;
      font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
        "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", Roboto,
        "Helvetica Neue", Arial, sans-serif; }
    .wrap { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
    header.site, footer.site { border-bottom: 1px solid #eee; padding: .8rem 0; }
    footer.site { border-top: 1px solid #eee; border-bottom: 0; margin-top: 3rem; color: #777; font-size: .9em; }
    header.site a.title { font-weight: 600; color: #222; text-decoration: none; font-size: 1.1em; }
    header.site nav { float: right; }
    a { color: #0b5cad; }
    h1 { line-height: 1.4; font-size: 1.6em; }
    img, video { max-width: 100%; height: auto; }
    pre { overflow-x: auto; }
    blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid #ddd; color: #555; }
    .meta, time { color: #777; font-size: .9em; }
    ul.posts { list-style: none; padding: 0; }
    ul.posts li { margin: .4rem 0; }
    ul.posts time { display: inline-block; min-width: 6.5em; }
    article .content { text-align: justify; word-break: break-word; }
    </style>
    </head>
    <body>
    <header class="site"><div class="wrap">
    <a class="title" href="{{ '/' | relative_url }}">{{ site.title | escape }}</a>
    <nav><a href="{{ '/' | relative_url }}">首页</a> · <a href="{{ '/feeds/all.xml' | relative_url }}" type="application/atom+xml">Atom</a></nav>
    </div></header>
    <main class="wrap">
    {{ content }}
    </main>
    <footer class="site"><div class="wrap">
    <a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a> · <a href="{{ '/feeds/all.xml' | relative_url }}" type="application/atom+xml">订阅全部（Atom）</a>
    </div></footer>
    </body>
    </html>

    """

private let postLayout = """
    ---
    layout: default
    ---
    <article class="post">
    <h1>{{ page.title | escape }}</h1>
    <p class="meta"><time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%Y-%m-%d %H:%M" }}</time>{% for category in page.categories %}
     · <a href="{{ '/category/' | append: category | append: '.html' | relative_url }}">{{ page.tags | first | default: category | escape }}</a>{% endfor %}</p>
    <div class="content">
    {{ content }}
    </div>
    </article>

    """

private let categoryLayout = """
    ---
    layout: default
    ---
    <h1>{{ page.title | escape }}</h1>
    {{ content }}
    <ul class="posts">
    {% for post in site.categories[page.category] %}  <li><time datetime="{{ post.date | date_to_xmlschema }}">{{ post.date | date: "%Y-%m-%d" }}</time> <a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></li>
    {% endfor %}</ul>

    """

private let homeLayout = """
    ---
    layout: default
    ---
    <h1>{{ site.title | escape }}</h1>
    <h2>最新文章</h2>
    <ul class="posts">
    {% for post in site.posts limit: \(homePostCount) %}  <li><time datetime="{{ post.date | date_to_xmlschema }}">{{ post.date | date: "%Y-%m-%d" }}</time> <a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></li>
    {% endfor %}</ul>
    {{ content }}

    """
