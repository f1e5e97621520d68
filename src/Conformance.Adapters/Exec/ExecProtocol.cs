namespace Conformance.Adapters.Exec;

/// <summary>The exec protocol's versions (docs/protocol.md): one home for the client (ExecAdapter) and the server (<see cref="ExecServer"/>).</summary>
public static class ExecProtocol
{
    /// <summary>The newest protocol version spoken here (every older one is spoken too, down to 1).</summary>
    public const int Version = 2;

    /// <summary>The protocol versions offered in a hello and answered by <see cref="ExecServer"/>, oldest first.</summary>
    public static IReadOnlyList<int> Versions { get; } = [1, 2];
}
