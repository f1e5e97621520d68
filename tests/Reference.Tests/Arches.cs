namespace Reference.Tests;

/// <summary>Theory data over the four architectures (by name, so that each row is its own test case).</summary>
public static class Arches
{
    /// <summary>"32le", "32be", "64le", "64be".</summary>
    public static TheoryData<string> Names => new(Architecture.All.Select(a => a.Name));

    /// <summary>Every architecture with every value kind.</summary>
    public static TheoryData<string, ValueKind> NamesAndKinds
    {
        get
        {
            var data = new TheoryData<string, ValueKind>();
            foreach (var arch in Architecture.All)
            {
                foreach (var kind in Enum.GetValues<ValueKind>())
                {
                    data.Add(arch.Name, kind);
                }
            }

            return data;
        }
    }

    /// <summary>A fresh reference runtime.</summary>
    public static ReferenceRuntime Runtime(string name, bool enforceGuards = true) =>
        new(Architecture.Parse(name), new RuntimeOptions(enforceGuards));

    /// <summary>True for signed kinds.</summary>
    public static bool IsSigned(ValueKind kind) =>
        kind is ValueKind.Int8 or ValueKind.Int16 or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Int;
}
