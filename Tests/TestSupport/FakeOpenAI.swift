// The fake OpenAI-compatible server lives in its own Foundation-only module (Sources/FakeOpenAI) so that the
// dp-fake-openai executable can use it too; re-exported here so every test target importing TestSupport has
// FakeOpenAIServer, FakeResponse, FakeScript, FakeOpenAIProcess and FakeOpenAIControl.
@_exported import FakeOpenAI
