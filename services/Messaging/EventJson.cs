using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace EduPlatform.Messaging;

/// <summary>How events are stored as JSON (outbox rows, consumed-event logs): web defaults, enums as kebab-case names.</summary>
public static class EventJson
{
    // Chinese names stay readable in the tables (psql), rather than \uXXXX escapes.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
