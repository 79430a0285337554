/// The built-in languages of `SyntaxRegistry.standard`.
extension KeywordHighlighter {
    private static func words(_ s: String) -> Set<String> {
        Set(s.split(separator: " ").map(String.init))
    }

    /// Language names and their highlighters.
    static let builtins: [([String], KeywordHighlighter)] = [
        (["swift"], KeywordHighlighter(keywords: words(
            "let var func if else guard return for in while repeat switch case default break continue struct class enum protocol extension import public private internal fileprivate open static final init deinit self Self super throw throws try catch do defer as is nil true false where inout async await actor some any typealias associatedtype mutating nonmutating weak unowned lazy override required convenience subscript"),
            lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\""])),
        (["python", "py", "python3"], KeywordHighlighter(keywords: words(
            "def class if elif else return for in while break continue pass import from as with try except finally raise lambda yield None True False and or not is global nonlocal async await del assert match case self"),
            lineComments: ["#"], quotes: ["\"", "'"])),
        (["javascript", "js", "jsx", "typescript", "ts", "tsx", "mjs"], KeywordHighlighter(keywords: words(
            "const let var function return if else for of in while do break continue switch case default new this class extends import export from as async await try catch finally throw typeof instanceof null undefined true false yield interface type enum implements public private protected readonly static void delete"),
            lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"", "'", "`"])),
        (["rust", "rs"], KeywordHighlighter(keywords: words(
            "fn let mut const static if else match for in while loop break continue return struct enum impl trait pub use mod crate self Self super as where move ref unsafe async await dyn true false type extern"),
            lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\""])),
        (["go", "golang"], KeywordHighlighter(keywords: words(
            "func package import var const type struct interface map chan if else for range switch case default break continue return go defer select fallthrough goto nil true false iota"),
            lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"", "'", "`"])),
        (["lua"], KeywordHighlighter(keywords: words(
            "local function end if then elseif else for in do while repeat until return break goto nil true false and or not"),
            lineComments: ["--"], blockComment: ("--[[", "]]"), quotes: ["\"", "'"])),
        (["c", "h", "cpp", "c++", "cc", "hpp", "objc"], KeywordHighlighter(keywords: words(
            "int char float double void long short unsigned signed const static struct union enum typedef if else for while do switch case default break continue return sizeof goto extern inline volatile auto register bool true false NULL nullptr class public private protected template typename namespace using new delete virtual override"),
            lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"", "'"])),
        (["sh", "bash", "shell", "zsh", "console", "shellsession"], KeywordHighlighter(keywords: words(
            "if then else elif fi for in do done while until case esac function return local export set unset echo cd exit source"),
            lineComments: ["#"], quotes: ["\"", "'"])),
        (["json", "jsonc", "jsonl"], KeywordHighlighter(keywords: words("true false null"),
            lineComments: [], quotes: ["\""])),
    ]
}
