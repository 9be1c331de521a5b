"""bench.llm_trace wraps package methods by name: a method renamed or moved must fail here,
not when someone next runs the trace (it once named a method that had moved)."""

from __future__ import annotations

from bench.llm_trace import Trace, traced


def test_every_traced_step_names_a_method_and_is_restored():
    from agent.backends.llm.client import LLMClient
    from agent.read.kind_details import KindDetails
    from agent.read.offline import OfflineReader

    before = (OfflineReader.read_in_steps, KindDetails.add, LLMClient.stream, LLMClient.invoke)
    with traced(Trace()):
        assert OfflineReader.read_in_steps is not before[0]
        assert LLMClient.stream is not before[2]
    after = (OfflineReader.read_in_steps, KindDetails.add, LLMClient.stream, LLMClient.invoke)
    assert after == before


def test_a_traced_generator_records_the_cpu_of_producing_its_pieces_only():
    class Source:
        def pieces(self):
            yield from ("a", "b", "c")

    trace = Trace()
    undo = trace.wrap_stream(Source, "pieces", "stream")
    try:
        assert list(Source().pieces()) == ["a", "b", "c"]
    finally:
        undo()
    assert [e[0] for e in trace.events] == ["stream"]
    _step, start, end, _thread, cpu = trace.events[0]
    assert end >= start and 0.0 <= cpu < 0.5
    assert list(Source().pieces()) == ["a", "b", "c"] and len(trace.events) == 1  # unwrapped
