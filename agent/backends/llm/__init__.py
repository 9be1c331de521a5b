"""The LLM side of the openai backend, shared by the LLM reader, voice and grader.

- chat: the langchain ChatOpenAI for OpenAI or any OpenAI-compatible server (key as SecretStr)
- client: one handle per backend: retries, breaker, structured output, token accounting
- structured: json_schema | json_mode | function_calling per server, validation, repair
- retry / faults: backoff with jitter, Retry-After, what is worth retrying, short reasons
- context: bounded conversation (recent turns verbatim, older ones summarised)
- usage: tokens per call and per role, estimated (and marked) when a server reports none
- prompts: the templates in prompts/llm/*.md
(the `openai` Backend itself is assembled in agent.backends.openai)
"""
