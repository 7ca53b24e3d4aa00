using RunbookOrchestrator.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Masking.Logging;

namespace RunbookOrchestrator.Tests.Masking;

public class MaskingLoggerTests
{
    [Fact]
    public void Logged_email_reaches_the_inner_provider_masked()
    {
        var sink = new LogRecorder();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new MaskingLoggerProvider(sink, new Masker())));

        factory.CreateLogger("test").LogInformation("Notified {Email} about run {RunId}", "jane@example.com", 42);

        Assert.Contains("Notified j***@example.com about run 42", sink.Lines);
        Assert.DoesNotContain(sink.Lines, l => l.Contains("jane@example.com"));
    }

    [Fact]
    public void Exception_text_is_masked_before_it_is_logged()
    {
        var sink = new LogRecorder();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new MaskingLoggerProvider(sink, new Masker())));

        factory.CreateLogger("test").LogError(new InvalidOperationException("login failed for postgres://app:Hunter2pw@db/crm"), "connect failed");

        Assert.Contains(sink.Lines, l => l.Contains("InvalidOperationException") && l.Contains("[secret: url password]"));
        Assert.DoesNotContain(sink.Lines, l => l.Contains("Hunter2pw"));
    }

    [Fact]
    public void Masked_logging_wraps_providers_already_registered_in_the_container()
    {
        var sink = new LogRecorder();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink));
        services.AddMaskedLogging();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILogger<MaskingLoggerTests>>().LogWarning("card {Card} declined", "4242 4242 4242 4242");

        Assert.Contains("card **** **** **** 4242 declined", sink.Lines);
    }

    [Fact]
    public void Masked_logging_also_wraps_a_provider_registered_after_it()
    {
        var sink = new LogRecorder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMaskedLogging();
        services.AddSingleton<ILoggerProvider>(sink);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILogger<MaskingLoggerTests>>().LogWarning("ticket raised by {Email}", "jane@example.com");

        Assert.Contains("ticket raised by j***@example.com", sink.Lines);
        Assert.DoesNotContain(sink.Lines, l => l.Contains("jane@example.com"));
    }

    [Fact]
    public void Add_masking_registers_one_shared_masker()
    {
        using var provider = new ServiceCollection().AddMasking().BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<IMasker>(), provider.GetRequiredService<IMasker>());
    }
}
