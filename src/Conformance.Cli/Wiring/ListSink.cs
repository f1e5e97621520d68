using Conformance.Suite;

namespace Conformance.Cli.Wiring;

/// <summary>Collects every result of a run into a list (the zoo's runs, the run command's summary, tests).</summary>
internal sealed class ListSink(List<CaseResult> into) : IResultSink
{
    public void Begin(RunHeader header) { }

    public void Add(CaseResult result) => into.Add(result);

    public void Finish(RunSummary summary) { }
}
