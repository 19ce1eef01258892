using System.Reflection;
using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Contracts.Tests;

/// <summary>
/// A message's full type name is its identity on the wire (urn:message:Namespace:Type), and its
/// properties are what consumers read. published-contracts.txt lists what has been published:
/// a type or property may be added (and listed), never renamed, moved, retyped or removed.
/// </summary>
public sealed class ContractTests
{
    private static readonly Assembly Contracts = typeof(CountyRecorded).Assembly;

    private static readonly HashSet<Type> FlatTypes =
    [
        typeof(string), typeof(int), typeof(long), typeof(short), typeof(decimal), typeof(double), typeof(bool),
        typeof(Guid), typeof(DateTimeOffset), typeof(DateOnly),
    ];

    private static IEnumerable<Type> Events => Contracts.GetExportedTypes().Where(t => !t.IsEnum && !t.IsInterface);

    private static string Describe(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is { } underlying
            ? $"{property.Name}:{underlying.Name}?"
            : $"{property.Name}:{property.PropertyType.Name}";

    private static Dictionary<string, string[]> Published() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "published-contracts.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1].Split(", ") : []);

    [Fact]
    public void Every_published_type_still_exists_under_its_name_with_its_properties()
    {
        foreach (var (name, properties) in Published())
        {
            var type = Contracts.GetType(name);
            Assert.True(type is not null, $"{name} was published and must not be renamed, moved or removed");
            var now = type.GetProperties().Select(Describe).ToHashSet();
            foreach (var property in properties)
            {
                Assert.True(now.Contains(property), $"{name}.{property} was published and must keep its name and type");
            }
        }
    }

    [Fact]
    public void Every_event_is_listed_as_published()
    {
        var published = Published();
        foreach (var type in Events)
        {
            Assert.True(published.ContainsKey(type.FullName!),
                $"add '{type.FullName} {string.Join(", ", type.GetProperties().Select(Describe))}' to published-contracts.txt");
        }
    }

    [Fact]
    public void Events_are_sealed_records_of_flat_values_with_an_OccurredAt()
    {
        foreach (var type in Events)
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            Assert.True(type.GetMethod("<Clone>$") is not null, $"{type.Name} must be a record");
            Assert.Equal(typeof(DateTimeOffset), type.GetProperty("OccurredAt")?.PropertyType);
            foreach (var property in type.GetProperties())
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var element = propertyType.IsArray ? propertyType.GetElementType()! : propertyType;
                Assert.True(FlatTypes.Contains(element) || element.IsEnum,
                    $"{type.Name}.{property.Name} is a {propertyType.Name}: events carry codes and ids, not nested entities");
            }
        }
    }
}
