/// One table documented the way step 1 documents it: sampled from the business database, then its missing comments
/// filled by the language model (comments already there are kept; a model failure leaves the table as it is and is
/// reported, it never becomes a comment). Step 1 (`DDLGenerationStep`) uses it for each listed table and
/// `POST /database/table/ddl` for one; both then format the result with `DDLFormatter` and `TableDocFormatter`.
public struct TableDocumenter: Sendable {
    public let llm: LLMProvider
    public let options: IntrospectionOptions

    /// A documented table and what was learned on the way.
    public struct Documented: Sendable {
        public var table: TableDescription
        /// What the reads found beyond the document (index-read ranges of time columns), for step 1's semantic
        /// model; empty unless asked for.
        public var facts: SampledFacts
        /// True when the model filled comments.
        public var commentsGenerated: Bool
        /// Why comment generation failed, when it did: the table keeps the comments it had.
        public var commentFailure: Error?
    }

    public init(llm: LLMProvider, options: IntrospectionOptions = IntrospectionOptions()) {
        self.llm = llm
        self.options = options
    }

    /// Samples `table` (catalogued by `introspector.catalog`) and fills its comments. `withFacts` adds the reads
    /// only the semantic model needs. Throws only when the database reads fail.
    public func document(_ table: TableDescription, businessContext: String, introspector: SchemaIntrospector,
                         withFacts: Bool) throws -> Documented {
        var documented: Documented
        if withFacts {
            let (sampled, facts) = try introspector.sampleWithFacts(table, options: options)
            documented = Documented(table: sampled, facts: facts, commentsGenerated: false, commentFailure: nil)
        } else {
            documented = Documented(table: try introspector.sample(table, options: options), facts: SampledFacts(),
                                    commentsGenerated: false, commentFailure: nil)
        }
        guard documented.table.needsComments else { return documented }
        do {
            let request = TableCommentRequest(table: documented.table, businessContext: businessContext)
            documented.table = documented.table.filling(try llm.generateComments(request))
            documented.commentsGenerated = true
        } catch {
            documented.commentFailure = error
        }
        return documented
    }
}
