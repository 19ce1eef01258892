using System.Text.Json;
using System.Text.Json.Serialization;
using EduPlatform.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EduPlatform.WebApi;

/// <summary>What every service's HTTP API answers alike, beside the hosting defaults (<c>AddServiceDefaults</c>).</summary>
public static class ApiDefaults
{
    /// <summary>
    /// Refusals as ProblemDetails naming the field (<see cref="InputExceptionHandler"/>), and JSON as the platform
    /// writes and reads it: enums by kebab-case name, strings checked, no null rows, bounded depth.
    /// </summary>
    public static TBuilder AddPlatformApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<InputExceptionHandler>();
        // A body that cannot be bound throws, so InputExceptionHandler answers it with a ProblemDetails naming the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Enums travel as their kebab-case names ("nine-year"), which clients can read and which survive reordering.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            json.SerializerOptions.Converters.Add(new CheckedStringConverter());
            json.SerializerOptions.Converters.Add(new NoNullRowsConverterFactory());
            json.SerializerOptions.MaxDepth = 32;
        });
        return builder;
    }
}
