import PipelineCore
import PipelineProviders
import PipelineSteps

/// The composition root's one factory: which adapter backs each step.
enum StepCatalog {
    static func steps(_ configuration: WorkerConfiguration) -> [PipelineStep] {
        [
            DDLGenerationStep(
                makeIntrospector: { PostgresSchemaIntrospector(connectionURL: $0, maxConnections: configuration.maxConcurrentTables) },
                llm: BuiltinLLM(), maxConcurrentTables: configuration.maxConcurrentTables),
            UnavailableStep(.qaGeneration),
            UnavailableStep(.sqlValidation),
            UnavailableStep(.trainingLoad),
        ]
    }
}
