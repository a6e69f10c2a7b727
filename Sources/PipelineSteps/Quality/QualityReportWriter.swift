import Foundation
import PipelineCore

/// Writes `quality_report.json` at the end of every execution (complete or one step): the last step that ran
/// decides what it can say. Never fails the run: a report that cannot be written is a warning in the task log.
enum QualityReportWriter {
    static func write(_ context: StepContext, after step: StepName?) {
        do {
            let report = QualityReportBuilder(directory: context.directory).build(after: step, now: context.clock())
            try context.directory.writeAtomically(ResultFiles.encoder.encode(report), to: SafeFileName(QualityReport.fileName)!)
            let coverage = report.measures["coverage"]?.detail ?? "-"
            context.log.info("pipeline", "质量报告已生成: \(QualityReport.fileName)（问题对 \(report.shapes.pairs) 个，覆盖 \(coverage)，警告 \(report.warnings.count) 条，耗时 \(report.durationMS) ms）")
        } catch {
            context.log.warning("pipeline", "质量报告生成失败: \(error)")
        }
    }
}
