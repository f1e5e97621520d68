using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Conformance.Trace;

/// <summary>
/// Reads the requirement links a compiled assembly declares in attributes, without loading it: every method carrying
/// an attribute of the given full name whose constructor takes the requirement IDs (<c>params string[]</c>). This is
/// how <c>trace</c> finds tests (<c>Conformance.Testing.RequirementAttribute</c>): from what the compiler emitted, so a
/// commented-out attribute or an ID in a comment links nothing.
/// </summary>
public static class DeclaredLinks
{
    /// <summary>The (requirement ID, "Type.Method") pairs of <paramref name="assemblyPath"/>.</summary>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static IReadOnlyList<(string Id, string Site)> Read(string assemblyPath, string attributeFullName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var result = new List<(string, string)>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            string typeName = FullName(md, type);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                foreach (var attrHandle in method.GetCustomAttributes())
                {
                    var attr = md.GetCustomAttribute(attrHandle);
                    if (AttributeName(md, attr) != attributeFullName)
                    {
                        continue;
                    }
                    var value = attr.DecodeValue(new StringTypes());
                    foreach (var arg in value.FixedArguments)
                    {
                        foreach (var id in Strings(arg))
                        {
                            result.Add((id, $"{typeName}.{md.GetString(method.Name)}"));
                        }
                    }
                }
            }
        }
        return result;
    }

    private static IEnumerable<string> Strings(CustomAttributeTypedArgument<string> arg) => arg.Value switch
    {
        string s => [s],
        ImmutableArray<CustomAttributeTypedArgument<string>> items => items.SelectMany(Strings),
        _ => [],
    };

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        string name = md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(md, md.GetTypeDefinition(declaring)) + "+" + name;
        }
        string ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    private static string AttributeName(MetadataReader md, CustomAttribute attr)
    {
        EntityHandle owner = attr.Constructor.Kind switch
        {
            HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)attr.Constructor).Parent,
            HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)attr.Constructor).GetDeclaringType(),
            _ => default,
        };
        return owner.Kind switch
        {
            HandleKind.TypeReference => TypeRefName(md, md.GetTypeReference((TypeReferenceHandle)owner)),
            HandleKind.TypeDefinition => FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)owner)),
            _ => "",
        };
    }

    private static string TypeRefName(MetadataReader md, TypeReference t)
    {
        string ns = md.GetString(t.Namespace);
        string name = md.GetString(t.Name);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    /// <summary>Just enough of a type provider to decode string and string[] attribute arguments.</summary>
    private sealed class StringTypes : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(reader, reader.GetTypeDefinition(handle));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeRefName(reader, reader.GetTypeReference(handle));

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
