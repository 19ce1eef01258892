using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using EduPlatform.Kernel;

namespace EduPlatform.WebApi;

/// <summary>
/// Each service's API contract: an OpenAPI document complete enough to generate a client from (response
/// schemas, enums as enums, the XML comments as summaries and descriptions, the refusals every endpoint can
/// give) at <c>/openapi/v1.json</c>, and an API reference page for people at <c>/scalar</c>.
/// </summary>
public static class PlatformOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// A nullable enum property comes out as "one of null, or the enum" — which client generators read as a new
    /// type — and is rewritten as "the enum, nullable" (allOf with the reference), which they read as a nullable enum.
    /// </summary>
    public static void NullableReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["oneOf"] is JsonArray { Count: 2 } oneOf && oneOf.OfType<JsonObject>().FirstOrDefault(o => o.ContainsKey("$ref")) is { } reference
                    && oneOf.OfType<JsonObject>().Any(o => o["enum"] is JsonArray { Count: 1 } e && e[0] is null))
                {
                    obj.Remove("oneOf");
                    obj["allOf"] = new JsonArray(reference.DeepClone());
                    obj["nullable"] = true;
                }
                foreach (var (_, child) in obj.ToList())
                {
                    NullableReferences(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    NullableReferences(child);
                }
                break;
        }
    }

    /// <summary>
    /// The document's shared settings. Each service calls <c>builder.Services.AddOpenApi(o =&gt; o.UsePlatformDefaults(…))</c>
    /// itself: the OpenAPI source generator turns the handlers' XML comments into summaries only where
    /// <c>AddOpenApi</c> is called.
    /// </summary>
    public static OpenApiOptions UsePlatformDefaults(this OpenApiOptions options, string title, string description)
    {
        // 3.0 rather than 3.1: what most client generators read today.
        options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0;
        options.AddSchemaTransformer(TypedSchemas);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = title;
            document.Info.Description = description;
            document.Info.Version = "v1";
            // A client names its own base address.
            document.Servers?.Clear();
            // The handler's XML <summary> is the operation's summary; where no <remarks> says more, it describes it too.
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            {
                if (string.IsNullOrWhiteSpace(operation.Description))
                {
                    operation.Description = operation.Summary;
                }
            }
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>
    /// Puts back what the request-side converters hide from the schema generator (a custom converter is opaque
    /// to it): strings (<see cref="CheckedStringConverter"/>) and arrays of rows (<see cref="NoNullRowsConverterFactory"/>)
    /// get their types again; numbers are numbers, not "a number or a numeric string" (they are read leniently,
    /// but a client should send and expect numbers).
    /// </summary>
    private static async Task TypedSchemas(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // A property that may be null or left out is optional: not "required", whatever the constructor says.
        if (schema.Required is { Count: > 0 } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsSetNullable || p.IsGetNullable
                         || Nullable.GetUnderlyingType(p.PropertyType) is not null || p.AssociatedParameter is { HasDefaultValue: true }))
            {
                required.Remove(property.Name);
            }
        }
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(string) && schema.Type is null && schema.Enum is not { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
        }
        else if (type == typeof(string[]) && schema.Items is not OpenApiSchema { Type: not null })
        {
            schema.Type = JsonSchemaType.Array;
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (type.IsArray && type.GetElementType() is { IsClass: true } element && element != typeof(string) && schema.Items is null)
        {
            schema.Type = JsonSchemaType.Array;
            schema.Items = await context.GetOrCreateSchemaAsync(element, null, ct);
        }
        else if (type.IsPrimitive || type == typeof(decimal))
        {
            if (schema.Type is { } flags && flags.HasFlag(JsonSchemaType.String) && (flags.HasFlag(JsonSchemaType.Integer) || flags.HasFlag(JsonSchemaType.Number)))
            {
                schema.Type = flags & ~JsonSchemaType.String;
            }
            schema.Pattern = null;
        }
        // A reference-type property that may be null says so (the converters hid it with the type).
        if (context.JsonPropertyInfo is { IsGetNullable: true } && schema.Type is { } known && !known.HasFlag(JsonSchemaType.Null))
        {
            schema.Type = known | JsonSchemaType.Null;
        }
    }

    /// <summary>The API's endpoints, declared to refuse as every endpoint can: 400 (with the fields at fault), 401, 403, 404, 429.</summary>
    public static RouteGroupBuilder MapApi(this WebApplication app)
    {
        var api = app.MapGroup("");
        api.ProducesValidationProblem();
        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                     StatusCodes.Status429TooManyRequests })
        {
            api.ProducesProblem(status);
        }
        return api;
    }

    /// <summary><c>/openapi/v1.json</c> and the reference page <c>/scalar</c>, both open (the API itself needs a token).</summary>
    public static WebApplication MapPlatformOpenApi(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.Equals(DocumentPath, StringComparison.Ordinal))
            {
                await next(http);
                return;
            }
            var body = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await next(http);
            }
            finally
            {
                http.Response.Body = body;
            }
            buffer.Position = 0;
            var document = await JsonNode.ParseAsync(buffer, cancellationToken: http.RequestAborted);
            NullableReferences(document);
            http.Response.ContentLength = null;
            await http.Response.WriteAsync(document!.ToJsonString(), http.RequestAborted);
        });
        app.MapOpenApi().AllowAnonymous(); // its default route, /openapi/{documentName}.json, serves DocumentPath
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
