import Foundation

/// The line under each post body (`site.footer`): a link back to the post's category page and one to
/// the home page, joined by `separator`:
/// `[返回每日经济新闻新闻](//HOST/category/SLUG.html)｜[返回首页](//HOST/)`.
public struct Footer: Sendable, Equatable {
    /// Text of the category link; `{category_title}` stands for the feed's category title.
    public var backToCategory: String
    /// Text of the home-page link.
    public var backToHome: String
    /// Written between the two links.
    public var separator: String

    /// The placeholder `backToCategory` may hold.
    public static let categoryTitlePlaceholder = "{category_title}"

    /// The defaults are the reference site's (design.md).
    public init(backToCategory: String = "返回{category_title}", backToHome: String = "返回首页", separator: String = "｜") {
        (self.backToCategory, self.backToHome, self.separator) = (backToCategory, backToHome, separator)
    }

    /// The category link's text for one category: `返回{category_title}` → `返回每日经济新闻新闻`.
    public func backToCategory(titled categoryTitle: String) -> String {
        backToCategory.replacingOccurrences(of: Footer.categoryTitlePlaceholder, with: categoryTitle)
    }
}
