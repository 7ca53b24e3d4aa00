using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class CsvMaskingTests
{
    private readonly Masker _masker = new();

    [Fact]
    public void Csv_rows_are_masked_by_column_name_and_by_value_keeping_the_layout()
    {
        const string csv = "id,email,note\n1,jane@example.com,\"call 415-555-2671, please\"\n2,john@example.org,none\n";
        var masked = _masker.MaskCsv(csv);
        Assert.Equal("id,email,note\n1,j***@example.com,\"call ***-***-**71, please\"\n2,j***@example.org,none\n", masked);
    }

    [Fact]
    public void Quoted_cells_with_line_breaks_survive_masking()
    {
        const string csv = "id,comment\r\n7,\"line one\r\nline two\"\r\n";
        Assert.Equal(csv, _masker.MaskCsv(csv));
    }

    [Fact]
    public void Unterminated_quote_is_reported_with_its_line()
    {
        var error = Assert.Throws<FormatException>(() => CsvTable.Parse("a,b\n1,\"open\n2,3\n"));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Export_summary_counts_rows_classifies_columns_and_masks_samples()
    {
        var table = CsvTable.Parse("id,customer_email,amount,api_token\n1,jane@example.com,10.00,abc\n2,john@example.org,12.50,def\n3,ann@example.net,1.00,ghi\n4,bob@example.com,2.00,jkl\n");
        var summary = ExportSummary.Of(table, _masker, sampleRows: 2);

        Assert.Equal(4, summary.RowCount);
        Assert.Equal(
            [DataClassification.Internal, DataClassification.Pii, DataClassification.Internal, DataClassification.Secret],
            summary.Columns.Select(c => c.Classification));
        Assert.Equal(["1", "j***@example.com", "10.00", "[secret: api_token]"], summary.SampleRows[0]);
        Assert.Equal(2, summary.SampleRows.Count);
    }
}
