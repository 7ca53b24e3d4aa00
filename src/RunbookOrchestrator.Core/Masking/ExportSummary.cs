using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Masking;

/// <summary>What a reviewer sees of an export before approving it: row count, columns with classification and a few masked rows.</summary>
public sealed record ExportSummary(int RowCount, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> SampleRows)
{
    private static readonly HashSet<string> SecretTypes =
        ["password", "api_key", "aws_access_key", "aws_secret_key", "github_token", "gitlab_token", "slack_token", "slack_webhook", "jwt", "private_key"];

    // Names and addresses have no shape a detector could recognise, so in an export they are personal data by column name.
    private static readonly HashSet<string> PersonalColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "first_name", "firstname", "given_name", "last_name", "lastname", "surname", "family_name", "full_name", "fullname",
        "middle_name", "maiden_name", "address", "street", "street_address", "address_line1", "address_line2", "postcode", "zip", "zip_code",
        "postal_code", "birth_date", "birthdate", "date_of_birth", "dob", "ip", "ip_address", "username", "user_name", "login",
    };

    /// <summary>Summarises <paramref name="table"/>: classification from the policy, then the column name, then the values found in it.</summary>
    public static ExportSummary Of(CsvTable table, IMasker masker, MaskingPolicy? policy = null, int sampleRows = 3) =>
        Of(table.Header, table.Rows, table.Rows.Count, masker, policy, sampleRows);

    /// <summary>Summarises an export of <paramref name="rowCount"/> rows from the first rows of it (<paramref name="scanned"/>):
    /// columns are classified by declaration, name and the values seen; sample rows mask whole pii and secret columns, other cells by value.</summary>
    public static ExportSummary Of(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> scanned, int rowCount, IMasker masker,
        MaskingPolicy? policy = null, int sampleRows = 3)
    {
        var columns = new List<ExportColumn>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            var found = scanned.Where(r => i < r.Count)
                .SelectMany(r => masker.MaskText(r[i]).Detections.Select(d => d.Type))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            columns.Add(new ExportColumn(name, Classify(name, found, policy), found));
        }
        // The samples are masked as their columns are classified, so a column found to hold e-mails is masked whole, not cell by cell.
        var byColumn = new MaskingPolicy(
            columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Max(c => c.Classification), StringComparer.OrdinalIgnoreCase),
            policy?.SensitiveNames ?? []);
        var samples = scanned.Take(sampleRows).Select(r => CsvMasking.MaskRow(masker, header, r, byColumn)).ToList();
        return new ExportSummary(rowCount, columns, samples);
    }

    private static DataClassification Classify(string name, IReadOnlyList<string> found, MaskingPolicy? policy)
    {
        if (policy?.ClassificationOf(name) is { } declared) return declared;
        if (policy?.ListsAsSensitive(name) == true) return DataClassification.Secret;
        var byName = SensitiveFieldNames.KindOf(name);
        if (byName is "secret" or "password" || found.Any(SecretTypes.Contains)) return DataClassification.Secret;
        return byName is not null || found.Count > 0 || PersonalColumns.Contains(name) ? DataClassification.Pii : DataClassification.Internal;
    }
}

/// <summary>One export column: its name, classification and the detection types seen in its values.</summary>
public sealed record ExportColumn(string Name, DataClassification Classification, IReadOnlyList<string> DetectedTypes);
