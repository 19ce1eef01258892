using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>Reads API responses as the services write them (web defaults, enums as kebab-case names).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static Task<T?> GetApiAsync<T>(this HttpClient client, string url) =>
        client.GetFromJsonAsync<T>(url, Options, TestContext.Current.CancellationToken);

    public static Task<T?> ReadApiAsync<T>(this HttpContent content) =>
        content.ReadFromJsonAsync<T>(Options, TestContext.Current.CancellationToken);

    /// <summary>Fails the test unless <paramref name="response"/> is a success, naming the request and giving the body.</summary>
    public static async Task SucceedsAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} " +
                await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }
}
