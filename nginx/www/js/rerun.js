// Which steps read an uploaded file, so that the page can offer to run them again (in step mode, in this order).
// Step 3 reads the pair file; step 2 the table documents and the semantic model; step 4 all of them.

/** The steps to offer after uploading `name`; [] when no step reads such a file. */
export function stepsAfterUpload(name) {
    if (/_pairs?\.json$/.test(name)) return ["sql_validation", "training_load"];
    if (name === "semantic_model.json" || name.endsWith(".ddl") || name.endsWith("_detail.md")) {
        return ["qa_generation", "sql_validation", "training_load"];
    }
    return [];
}
