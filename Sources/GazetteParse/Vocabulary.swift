/// The namespaces feeds use, by the URIs that name them.
enum Namespace: UInt8, Sendable {
    case none, atom10, atom03, rss10, rss090, rdf, content, dc, dcterms, media, xhtml, itunes, xml, other

    init(uri: String?) {
        guard let uri, !uri.isEmpty else { self = .none; return }
        switch uri {
        case "http://www.w3.org/2005/Atom": self = .atom10
        case "http://purl.org/atom/ns#": self = .atom03
        case "http://purl.org/rss/1.0/": self = .rss10
        case "http://my.netscape.com/rdf/simple/0.9/": self = .rss090
        case "http://www.w3.org/1999/02/22-rdf-syntax-ns#": self = .rdf
        case "http://purl.org/rss/1.0/modules/content/": self = .content
        case "http://purl.org/dc/elements/1.1/": self = .dc
        case "http://purl.org/dc/terms/": self = .dcterms
        case "http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss": self = .media
        case "http://www.w3.org/1999/xhtml": self = .xhtml
        case "http://www.itunes.com/dtds/podcast-1.0.dtd": self = .itunes
        case "http://www.w3.org/XML/1998/namespace": self = .xml
        default:
            // Feeds in the wild misspell these; accept the common variants feedparser accepts.
            if uri.hasPrefix("http://purl.org/atom") { self = .atom03 }
            else if uri.hasPrefix("http://backend.userland.com/rss") { self = .none }
            else { self = .other }
        }
    }
}

/// The elements Gazette reads, named for their role; everything else is `.unknown`.
enum Tag: UInt8, Sendable {
    case unknown
    // roots and containers
    case rss, rdfRoot, channel, item, feed, entry, image, textInput, atomAuthor, atomContributor, atomSource, mediaGroup
    // RSS (no namespace, RSS 1.0 and 0.90 namespaces)
    case title, link, description, guid, pubDate, lastBuildDate, author, category, comments, enclosure, source,
         language, generator, url, managingEditor, webMaster
    // modules
    case contentEncoded, dcCreator, dcDate, dcSubject, dcLanguage, dcTitle, dcDescription, dctermsIssued,
         dctermsModified, dctermsCreated, mediaContent, mediaThumbnail, itunesImage, xhtmlBody
    // Atom 1.0 / 0.3
    case atomId, atomTitle, atomLink, atomSummary, atomContent, atomPublished, atomUpdated, atomIssued,
         atomModified, atomCreated, atomName, atomEmail, atomURI, atomCategory, atomSubtitle, atomGenerator,
         atomLogo, atomIcon

    init(namespace: Namespace, name: String) {
        switch namespace {
        case .none, .rss10, .rss090:
            switch name {
            case "rss": self = .rss
            case "channel": self = .channel
            case "item": self = .item
            case "image": self = .image
            case "textInput", "textinput": self = .textInput
            case "title": self = .title
            case "link": self = .link
            case "description": self = .description
            case "guid": self = .guid
            case "pubDate", "pubdate": self = .pubDate
            case "lastBuildDate": self = .lastBuildDate
            case "author": self = .author
            case "category": self = .category
            case "comments": self = .comments
            case "enclosure": self = .enclosure
            case "source": self = .source
            case "language": self = .language
            case "generator": self = .generator
            case "url": self = .url
            case "managingEditor": self = .managingEditor
            case "webMaster": self = .webMaster
            // Atom elements written without their namespace (a common mistake in hand-made feeds).
            case "feed" where namespace == .none: self = .feed
            case "entry" where namespace == .none: self = .entry
            default: self = .unknown
            }
        case .atom10, .atom03:
            switch name {
            case "feed": self = .feed
            case "entry": self = .entry
            case "id": self = .atomId
            case "title": self = .atomTitle
            case "link": self = .atomLink
            case "summary": self = .atomSummary
            case "content": self = .atomContent
            case "published": self = .atomPublished
            case "updated": self = .atomUpdated
            case "issued": self = .atomIssued
            case "modified": self = .atomModified
            case "created": self = .atomCreated
            case "author": self = .atomAuthor
            case "contributor": self = .atomContributor
            case "name": self = .atomName
            case "email": self = .atomEmail
            case "uri", "url": self = .atomURI
            case "category": self = .atomCategory
            case "subtitle", "tagline": self = .atomSubtitle
            case "generator": self = .atomGenerator
            case "logo": self = .atomLogo
            case "icon": self = .atomIcon
            case "source": self = .atomSource
            default: self = .unknown
            }
        case .rdf: self = name == "RDF" ? .rdfRoot : .unknown
        case .content: self = name == "encoded" ? .contentEncoded : .unknown
        case .dc:
            switch name {
            case "creator": self = .dcCreator
            case "date": self = .dcDate
            case "subject": self = .dcSubject
            case "language": self = .dcLanguage
            case "title": self = .dcTitle
            case "description": self = .dcDescription
            default: self = .unknown
            }
        case .dcterms:
            switch name {
            case "issued": self = .dctermsIssued
            case "modified": self = .dctermsModified
            case "created": self = .dctermsCreated
            default: self = .unknown
            }
        case .media:
            switch name {
            case "content": self = .mediaContent
            case "thumbnail": self = .mediaThumbnail
            case "group": self = .mediaGroup
            default: self = .unknown
            }
        case .itunes: self = name == "image" ? .itunesImage : .unknown
        case .xhtml: self = name == "body" ? .xhtmlBody : .unknown
        case .xml, .other: self = .unknown
        }
    }
}
