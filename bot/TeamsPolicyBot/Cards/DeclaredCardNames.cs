using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TeamsPolicyBot.Cards;

/// <summary>
/// Every template name the code renders: the string constants of each class marked <see cref="CardTemplateNamesAttribute"/>.
/// Found in the assembly's metadata, so a workflow adding a card cannot forget to register it, and every one must have
/// its file or the app refuses to start (<see cref="CardTemplates.Load"/>).
/// </summary>
internal static class DeclaredCardNames
{
    public static IReadOnlyList<string> All { get; } = Find(typeof(DeclaredCardNames).Assembly);

    // Read from metadata, not by reflection: Assembly.GetTypes() loads every type of the bot and with them the assemblies
    // their base types come from (Lucene for "Ask the policy", the Graph SDK), about 15 MB of memory and a good part of
    // the cold start in a process that may never use either (issue 14's benchmark).
    private static List<string> Find(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var type in metadata.TypeDefinitions.Select(metadata.GetTypeDefinition))
        {
            if (!type.GetCustomAttributes().Any(attribute => IsMarker(metadata, metadata.GetCustomAttribute(attribute))))
            {
                continue;
            }

            foreach (var field in type.GetFields().Select(metadata.GetFieldDefinition))
            {
                var isPublicConstant = (field.Attributes & FieldAttributes.FieldAccessMask) == FieldAttributes.Public
                    && field.Attributes.HasFlag(FieldAttributes.Literal);
                if (!isPublicConstant)
                {
                    continue;
                }

                var constant = metadata.GetConstant(field.GetDefaultValue());
                if (constant.TypeCode == ConstantTypeCode.String)
                {
                    var value = metadata.GetBlobReader(constant.Value);
                    names.Add(value.ReadUTF16(value.Length));
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static bool IsMarker(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MethodDefinition)
        {
            return false; // an attribute from another assembly
        }

        var type = metadata.GetTypeDefinition(metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType());
        return metadata.StringComparer.Equals(type.Name, nameof(CardTemplateNamesAttribute))
            && metadata.StringComparer.Equals(type.Namespace, typeof(CardTemplateNamesAttribute).Namespace!);
    }
}
