using System.Text.RegularExpressions;
using Bogus;

namespace RunbookOrchestrator.Tests.Humans;

/// <summary>Random, valid user names and tokens for specs.</summary>
internal static partial class People
{
    private static readonly Faker Faker = new();

    public static string Name() => NotName().Replace(Faker.Internet.UserName().ToLowerInvariant(), "") is { Length: > 0 } n
        ? n + Faker.Random.Number(10, 9999)
        : "user" + Faker.Random.Number(10, 9999);

    public static string Group() => NotName().Replace(Faker.Commerce.Department().ToLowerInvariant(), "") + "-" + Faker.Random.Number(1, 99);

    /// <summary>An operator-chosen bootstrap token: long, random, no ':' or ';'.</summary>
    public static string Token() => Faker.Random.AlphaNumeric(40);

    public static string Email() => Faker.Internet.Email().ToLowerInvariant();

    [GeneratedRegex("[^a-z0-9]")]
    private static partial Regex NotName();
}
