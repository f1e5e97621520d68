namespace Conformance.Tests.Exec;

/// <summary>Files of the working copy the exec tests need (the hostile adapter script, the Go adapter).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string HostileAdapter => Path.Combine(Root, "tests", "Conformance.Tests", "Exec", "hostile-adapter.sh");

    public static string GoAdapterDir => Path.Combine(Root, "adapters", "go");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Conformance.sln")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the working copy (Conformance.sln) above " + AppContext.BaseDirectory);
    }
}
