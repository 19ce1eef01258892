using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduPlatform.WebApi;

/// <summary>
/// A refusal that can only be known once the records a request names are read (a county office naming
/// another county's teacher by ID number): answered 403, and the transaction it was thrown in rolls back.
/// </summary>
public sealed class ForbiddenWriteException(string message) : Exception(message);

/// <summary>
/// The last line of defence against input that got past a service's own checks: whatever a request
/// carries, the answer is a 4xx ProblemDetails saying what was wrong, never a 500 with an empty body.
/// Malformed JSON names the field (its JSON path); a value the database cannot store (a figure too large
/// for its column, text it cannot hold) is a 400; a write that lost a race with another is a 409.
/// Anything else is a real fault: 500 as ProblemDetails with the trace id, and logged.
/// </summary>
public sealed class InputExceptionHandler(IProblemDetailsService problemDetails, ILogger<InputExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Describe(exception);
        if (problem is null)
        {
            return false;
        }
        logger.LogInformation("Refused {Method} {Route}: {Status} {Title}", http.Request.Method,
            (http.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText, problem.Status, problem.Title);
        problem.Instance = $"{http.Request.Method} {http.Request.Path}";
        http.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The ProblemDetails for an exception caused by the request, or null for a fault of the service.</summary>
    public static ProblemDetails? Describe(Exception exception)
    {
        if (exception is ForbiddenWriteException forbidden)
        {
            return new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = forbidden.Message };
        }
        if (Find<JsonException>(exception) is { } json)
        {
            var field = FieldOf(json.Path);
            var message = json.Message.Split(" Path:", 2)[0];
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest, Title = "The request body is not valid JSON for this endpoint; nothing was stored.",
            };
        }
        if (exception is BadHttpRequestException bad)
        {
            return new ProblemDetails
            {
                Status = bad.StatusCode, Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
                Detail = bad.Message + " Nothing was stored.",
            };
        }
        if (Find<PostgresException>(exception) is { } postgres)
        {
            return postgres.SqlState switch
            {
                PostgresErrorCodes.NumericValueOutOfRange or PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.DatetimeFieldOverflow
                    or PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire
                    or PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.NullValueNotAllowed => new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest, Title = "A value cannot be stored; nothing was stored.",
                    Detail = $"A value is outside what this service stores{(postgres.ColumnName is { } c ? $" ({c})" : "")}: {postgres.MessageText}.",
                },
                PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict, Title = "Changed at the same time by another request; nothing was stored.",
                    Detail = "Another request changed the same records at the same moment. Send this request again.",
                },
                _ => null,
            };
        }
        if (exception is InvalidDataException form)
        {
            // ASP.NET Core's form reader refusing a form over its limits.
            return new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = form.Message };
        }
        if (Find<OverflowException>(exception) is not null)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest, Title = "A figure is too large; nothing was stored.",
                Detail = "A figure, or a total of figures, is larger than this service can compute with.",
            };
        }
        return null;
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>"$.classes[3].students" → "classes[3].students", the key style of the services' own validation.</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}

/// <summary>
/// A JSON array of objects may not hold <c>null</c> where a row should be (<c>[null]</c>): refused while
/// reading, naming the item, instead of failing later on a missing row.
/// </summary>
public sealed class NoNullRowsConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsArray && typeToConvert.GetElementType() is { IsClass: true } element && element != typeof(string);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(RowsConverter<>).MakeGenericType(typeToConvert.GetElementType()!))!;

    private sealed class RowsConverter<T> : JsonConverter<T[]> where T : class
    {
        public override T[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"Expected an array, got {reader.TokenType}.");
            }
            var rows = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    throw new JsonException($"item [{rows.Count}] is null; each item is an object.");
                }
                try
                {
                    rows.Add(JsonSerializer.Deserialize<T>(ref reader, options)!);
                }
                catch (JsonException ex)
                {
                    // The item's own reading starts a new path: say which item, and where in it.
                    throw new JsonException($"item [{rows.Count}]{ex.Path?.TrimStart('$')}: {ex.Message.Split(" Path:", 2)[0]}", ex);
                }
            }
            return [.. rows];
        }

        public override void Write(Utf8JsonWriter writer, T[] value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsEnumerable(), options);
    }
}
