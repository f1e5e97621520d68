namespace Reference.Tests;

/// <summary>Theory data over the four architectures (by name, so that each row is its own test case).</summary>
public static class Arches
{
    /// <summary>"32le", "32be", "64le", "64be".</summary>
    public static TheoryData<string> Names => new(Architecture.All.Select(a => a.Name));

    /// <summary>The bool and integer kinds (AR-002's twelve).</summary>
    public static IEnumerable<ValueKind> IntegerKinds => Enum.GetValues<ValueKind>().Where(k => k <= ValueKind.Uintptr);

    /// <summary>Every architecture with every bool or integer kind.</summary>
    public static TheoryData<string, ValueKind> NamesAndKinds
    {
        get
        {
            var data = new TheoryData<string, ValueKind>();
            foreach (var arch in Architecture.All)
            {
                foreach (var kind in IntegerKinds)
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

    /// <summary>A fresh reference runtime in gc's design (<see cref="ZeroDesign.AbsentLarge"/>).</summary>
    public static ReferenceRuntime GcRuntime(string name) =>
        new(Architecture.Parse(name), new RuntimeOptions(Design: ZeroDesign.AbsentLarge));

    /// <summary>True for signed kinds.</summary>
    public static bool IsSigned(ValueKind kind) =>
        kind is ValueKind.Int8 or ValueKind.Int16 or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Int;
}
