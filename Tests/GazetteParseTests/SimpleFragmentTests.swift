import Foundation
import Testing
@testable import GazetteParse

// The sanitizer's fast path (SimpleFragment.swift) must give exactly what libxml2 gives, and must
// really be taken for the plain HTML publishing tools write.

private let base = "https://example.com/news/2024/item.html"

/// Fragments the fast path reads itself.
private let plainFragments: [String] = [
    "<p>Hello <b>world</b></p>",
    "<p>第一段，<a href=\"https://example.com/a?x=1&amp;y=2\" target=\"_blank\" rel=\"noopener\">链接</a>。</p><p>第二段</p>",
    "<p>A&nbsp;B &mdash; &ldquo;quoted&rdquo; &hellip; &amp; &lt;tag&gt; &#20013;&#x6587; &#X4E2D;</p>",
    "<ul><li>one</li><li>two <em>2</em></li></ul><ol><li>x</li></ol>",
    "<figure><img src=\"/img/a.png\" alt=\"A &quot;picture&quot;\" width=\"640\" height=\"480\"><figcaption>Cap</figcaption></figure>",
    "<p>line<br>break<br/>again<br />end</p><hr>",
    "<P>uppercase tags</P><UL><Li>x</LI></ul>",
    "<blockquote><p>q</p></blockquote><h2>T</h2><h3>t</h3><div class=\"c\" data-id=\"7\"><span>s</span></div>",
    "<p onclick=\"alert(1)\" style=\"color: red; position: fixed\">handlers and style</p>",
    "<a href=\"javascript:alert(1)\">x</a><img src=\"data:image/svg+xml;base64,AAAA\"><a href='relative/page.html'>r</a>",
    "<p title=\"multi\nline\tvalue\">t</p>",
    "  leading and trailing whitespace  \n",
    "<p>unclosed at the end <b>bold",
    "<table><tr><td>1</td><td>2</td></tr></table>",
    "<custom-element>c</custom-element><font color=\"red\" face=\"Arial\">f</font>",
    "<pre>  keep\n   spaces</pre>",
    "text with a > sign and &amp; only",
]

/// Fragments it leaves to libxml2, each for its own reason.
private let otherFragments: [String] = [
    "<p>one<p>two",                                 // <p> closes <p>
    "<ul><li>a<li>b</ul>",                          // <li> closes <li>
    "<p><div>block in p</div></p>",                 // <div> closes <p>
    "<b><i>misnested</b></i>",                      // end tag not the innermost
    "a</b>c",                                       // stray end tag
    "<!-- comment -->x",
    "<script>alert(1)</script>x",
    "<style>p{}</style>x",
    "<p>x</p><![CDATA[y]]>",
    "A & B",                                        // bare &
    "&unknownentity; x",
    "&nbsp without semicolon",
    "&#0; null reference",
    "<a href=unquoted>x</a>",
    "<input disabled>",                             // valueless attribute
    "<a HREF=\"x\">upper attribute</a>",
    "<P CLASS=\"x\">upper attribute</P>",
    "<p>x<wbr>y</p>",                               // libxml2 does not know <wbr> is empty: </p> closes it
    "<a href=\"x\" href=\"y\">repeat</a>",
    "<a href=\"x\"title=\"y\">no blank</a>",
    "line\r\nbreaks",
    "a < b",
    "<p/>",                                         // a self-closed element that is not empty
    "<html><body>x</body></html>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<a href=\"&Auml;\">x</a>",                      // an uppercase entity name
    "<averyveryverylongelementname>x</averyveryverylongelementname>",
    // What stops the text, past the first eight bytes (read eight at a time): a control, a bare '&',
    // a '<' that starts no tag, a noncharacter.
    "<p>中文中文中文中文\u{1}中文</p>",
    "<p>abcdefghijklmnop & q</p>",
    "abcdefghijklmnopqrstuvwxyz < 1",
    "<p>abcdefghijklmnop\u{FFFE}</p>",
]

@Test(arguments: otherFragments)
func htmlThatLibxml2MightRepairIsLeftToIt(_ html: String) {
    #expect(!isSimpleFragment(html))
    #expect(sanitizeHTML(html, base: base) == sanitizeHTML(html, base: base, reader: .libxml2))
}

@Test func libxml2IsAskedHowElementsNest() {
    func nesting(_ child: String, in parent: String?) -> Nesting {
        Nesting.of(ShortName(child), in: parent.map(ShortName.init))
    }
    #expect(nesting("b", in: "p") == .opens)
    #expect(nesting("p", in: nil) == .opens)
    #expect(nesting("br", in: "p") == .empty)
    #expect(nesting("img", in: nil) == .empty)
    #expect(nesting("p", in: "p") == .other)
    #expect(nesting("li", in: "li") == .other)
    #expect(nesting("div", in: "p") == .other)
    #expect(nesting("script", in: nil) == .other)
}

/// A seeded generator of HTML fragments: mostly well nested, sometimes broken on purpose.
private struct FragmentGenerator {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    static let containers = ["p", "div", "span", "a", "b", "i", "em", "strong", "ul", "ol", "li", "table", "tr",
                             "td", "th", "tbody", "h1", "h2", "blockquote", "figure", "figcaption", "code", "pre",
                             "sup", "sub", "small", "u", "s", "q", "cite", "dl", "dt", "dd", "section", "article",
                             "video", "font", "custom-el", "center", "form", "select", "option", "button", "label"]
    static let empties = ["img", "br", "hr", "wbr", "source", "input", "col", "area"]
    static let texts = ["text", "中文内容，", " ", "\n", "&amp;", "&nbsp;", "&mdash;", "&#x4e2d;", "&#39;", "&quot;",
                        "a > b", "\t", "&lt;b&gt;", "&copy;", "&euro;", "&zwnj;", "&#128;", "&#x1F600;"]
    static let attributes = ["href=\"https://e.com/a?b=1&amp;c=2\"", "href=\"/rel/x\"", "href='javascript:x'",
                             "src=\"a.png\"", "class=\"k\"", "title=\"t &quot;q&quot; &#39;\"",
                             "style=\"color:red;background:url(x)\"", "onclick=\"x()\"", "alt=\"\"",
                             "data-x=\"1\"", "width=\"3\"", "title=\"line\nbreak\"", "target=\"_blank\"",
                             "srcset=\"a.png 1x, b.png 2x\"", "cite=\"https://e.com/\"", "lang=\"zh\""]

    mutating func attributes() -> String {
        var out = ""
        for _ in 0..<next(3) { out += " " + pick(Self.attributes) }
        return out
    }

    mutating func content(depth: Int) -> String {
        var out = ""
        for _ in 0..<(1 + next(4)) {
            switch next(10) {
            case 0, 1, 2, 3:
                out += pick(Self.texts)
            case 4:
                out += "<\(pick(Self.empties))\(attributes())\(next(3) == 0 ? "/" : "")>"
            case 5 where next(6) == 0:
                // Broken on purpose: an end tag, a start tag left open, a comment, a bare '&'.
                out += pick(["</p>", "<p>", "<li>", "<!-- c -->", "&", "</b>", "<td>"])
            default:
                guard depth < 6 else { out += pick(Self.texts); continue }
                let tag = pick(Self.containers)
                let open = next(2) == 0 ? tag.uppercased() : tag
                out += "<\(open)\(attributes())>" + content(depth: depth + 1) + "</\(tag)>"
            }
        }
        return out
    }
}

/// The tests that depend on the process-wide table of element pairs (`Nesting`): one fills it, the
/// others count on the table to let the fast path through. Not at the same time.
@Suite(.serialized) struct NestingTableTests {
    @Test(arguments: plainFragments)
    func plainHTMLIsReadByTheFastPathWithLibxml2sResult(_ html: String) {
        #expect(isSimpleFragment(html))
        #expect(sanitizeHTML(html, base: base) == sanitizeHTML(html, base: base, reader: .libxml2))
        #expect(sanitizeHTML(html, base: nil) == sanitizeHTML(html, base: nil, reader: .libxml2))
    }

    @Test func generatedFragmentsGiveLibxml2sResultAndMostArePlain() {
        var generator = FragmentGenerator(state: 20_261_201)
        var plain = 0
        let count = 3_000
        for _ in 0..<count {
            let html = generator.content(depth: 0)
            let fast = sanitizeHTML(html, base: base)
            let slow = sanitizeHTML(html, base: base, reader: .libxml2)
            #expect(fast == slow, "\(html.debugDescription)")
            if fast != slow { break }
            if isSimpleFragment(html) { plain += 1 }
        }
        // The generator nests what libxml2 would repair (a <p> in a <p>, a <div> in a <span> …) often;
        // still a good share must take the fast path, or this test proves nothing about it.
        #expect(plain > count / 5, "only \(plain) of \(count) fragments took the fast path")
    }

    @Test func inventedElementNamesCostAtMostABoundedNumberOfProbes() {
        // It fills the process's table: the other test of this suite would then find fewer plain fragments.
        defer { Nesting.forgetAll() }
        // 6,000 made-up names side by side: every (body, name) pair is new.
        var html = ""
        for n in 0..<6_000 { html += "<x\(n)>t</x\(n)>" }
        let output = sanitizeHTML(html, base: nil)
        #expect(output == sanitizeHTML(html, base: nil, reader: .libxml2))
        #expect(Nesting.probedCount <= Nesting.maxKnown)
    }
}
