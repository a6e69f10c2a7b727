/// The comment text of words ending in a unit: the quantity, named by the words before the unit or by the unit
/// itself, then the unit in brackets (`floor_sqft` 面积（平方英尺）, `price_usd` 单价（美元）, `weight_kg` 重量（千克）,
/// `revenue_per_sqft` 每平方英尺营收).
enum UnitPhrase {
    static func text(prefix: [String], unit: UnitWords.Unit, context: GlossaryContext) -> String {
        if prefix.last == "per" {
            // `yield_kg_per_mu` 每亩产量（千克）: what is counted per unit may carry a unit of its own.
            let counted = Array(prefix.dropLast())
            let text = UnitWords.trailingUnit(in: counted).map { inner in
                Self.text(prefix: Array(counted.dropLast(inner.wordCount)), unit: inner, context: context)
            } ?? GlossaryPhrase(words: counted, context: context).text
            return "每" + unit.chinese + text
        }
        return quantity(prefix, unit.quantity, context: context) + "（\(unit.chinese)）"
    }

    /// The words before the unit as the quantity they measure: as they are when they already name it, as one
    /// glossary phrase with the quantity's word when there is one (`floor` + `area` → 面积), else with its noun added.
    private static func quantity(_ words: [String], _ quantity: UnitWords.Quantity, context: GlossaryContext) -> String {
        // `area_sqm`: the words name the quantity in English already.
        if words.last == quantity.glossaryWord {
            return GlossaryPhrase(words: Array(words.dropLast()), context: context).text + quantity.defaultNoun
        }
        let plain = GlossaryPhrase(words: words, context: context).text
        if quantity.nouns.contains(where: plain.hasSuffix) { return plain }
        let combined = GlossaryPhrase(words: words + [quantity.glossaryWord], context: context)
        if let last = combined.pieces.last, last.words.count > 1, last.isKnown,
           quantity.nouns.contains(where: combined.text.hasSuffix) {
            return combined.text
        }
        return plain + quantity.defaultNoun
    }
}
