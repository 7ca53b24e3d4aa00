using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookOrchestrator.Server.Api;

/// <summary>JSON conventions of the HTTP API: snake_case names, enums as lower-case strings, nulls omitted.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // For any endpoint that binds a typed body: a repeated key is an error, never "the last one wins".
        options.AllowDuplicateProperties = false;
        // Numbers are numbers: the Web defaults also read them from strings, which made every integer "integer | string"
        // in the OpenAPI document. Bodies are parsed by JsonBody, which never relied on it.
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
