namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>Writes the API's OpenAPI document (the one served at <c>/openapi/v1.json</c>) to a file: the build runs
/// <c>RunbookOrchestrator.Server openapi FILE</c> (with a throw-away data folder) so the designer's client is typed from the
/// real document. The server listens on a free loopback port just long enough to answer its own request.</summary>
public static class OpenApiDocumentFile
{
    public const string Verb = "openapi";

    public static async Task<int> WriteAsync(WebApplication app, string path)
    {
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            var address = app.Urls.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            var document = await client.GetStringAsync("/openapi/v1.json");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, document);
            Console.WriteLine($"Wrote the OpenAPI document to {path}");
            return 0;
        }
        finally
        {
            // Nothing ran that needs a graceful end (no runs, no timers): do not wait for background services.
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await app.StopAsync(quick.Token);
        }
    }
}
