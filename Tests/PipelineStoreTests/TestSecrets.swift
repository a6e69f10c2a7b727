import PipelineStore

/// One key for every task store of this test process (a store reads what another one wrote).
let testSecrets = ConnectionSecretBox.random()
