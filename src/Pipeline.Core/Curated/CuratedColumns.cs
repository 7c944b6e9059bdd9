using System.IO.Compression;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Pipeline.Core.Curated;

/// <summary>
/// A batch of curated rows of one dataset held as typed columns, in the order and with the
/// types of its record type's Parquet schema (so files written from it read back as records).
/// </summary>
public abstract class CuratedColumns
{
    private ColumnBuffer[] _columns = [];

    /// <param name="schema">The record type's schema, made once per dataset.</param>
    protected CuratedColumns(ParquetSchema schema) => Schema = schema;

    public ParquetSchema Schema { get; }

    public int Count => _columns[0].Count;

    /// <summary>The Zstd level of the dataset's files: the lake's (<see cref="ParquetFiles.Compression"/>) unless a dataset gains nothing by it.</summary>
    public virtual CompressionLevel Compression => ParquetFiles.Compression;

    /// <summary>A new empty batch of the same dataset.</summary>
    public abstract CuratedColumns NewBatch();

    /// <summary>Writes the batch as one row group of <paramref name="writer"/>'s file.</summary>
    public async Task WriteRowGroupAsync(ParquetWriter writer, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        foreach (var column in _columns)
        {
            await column.WriteAsync(group, cancellationToken);
        }
        group.CompleteValidate();
    }

    /// <summary>Writes one row, column by column, to a spill.</summary>
    public void WriteRow(BinaryWriter spill, int row, SpillTexts texts)
    {
        foreach (var column in _columns)
        {
            column.WriteRow(spill, row, texts);
        }
    }

    /// <summary>Adds the next row of a spill written by <see cref="WriteRow"/>.</summary>
    public void ReadRow(BinaryReader spill, SpillTexts texts)
    {
        foreach (var column in _columns)
        {
            column.ReadRow(spill, texts);
        }
    }

    /// <summary>Adds row <paramref name="row"/> of <paramref name="source"/>, a batch of the same dataset.</summary>
    public void AddRowOf(CuratedColumns source, int row)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].AddRowOf(source._columns[i], row);
        }
    }

    public void Clear()
    {
        foreach (var column in _columns)
        {
            column.Clear();
        }
    }

    protected DataField Field(string name) => Schema.DataFields.Single(field => field.Name == name);

    /// <summary>Declares the columns; they must be the schema's, in its order.</summary>
    protected void Columns(params ColumnBuffer[] columns)
    {
        if (!columns.Select(c => c.Field).SequenceEqual(Schema.DataFields))
        {
            throw new InvalidOperationException($"The columns of {GetType().Name} are not those of its Parquet schema, in order.");
        }
        _columns = columns;
    }
}

/// <summary>Curated vacancy rows (<see cref="VacancyRecord"/>) as columns.</summary>
public sealed class VacancyColumns : CuratedColumns
{
    private static readonly ParquetSchema RecordSchema = typeof(VacancyRecord).GetParquetSchema(forWriting: true);

    public VacancyColumns() : base(RecordSchema)
    {
        Role = new TextColumn(Field("role"));
        StaffGroup = new TextColumn(Field("staff_group"));
        Site = new TextColumn(Field("site"));
        EstablishmentFte = new OptionalValueColumn<double>(Field("establishment_fte"));
        StaffInPostFte = new ValueColumn<double>(Field("staff_in_post_fte"));
        StaffInPostHeadcount = new ValueColumn<int>(Field("staff_in_post_headcount"));
        VacanciesFte = new ValueColumn<double>(Field("vacancies_fte"));
        VacanciesAdvertised = new OptionalValueColumn<int>(Field("vacancies_advertised"));
        Applications = new OptionalValueColumn<int>(Field("applications"));
        Starters = new ValueColumn<int>(Field("starters"));
        Leavers = new ValueColumn<int>(Field("leavers"));
        AgencyFte = new OptionalValueColumn<double>(Field("agency_fte"));
        BankFte = new OptionalValueColumn<double>(Field("bank_fte"));
        SourceRow = new ValueColumn<int>(Field("source_row"));
        SourceSha256 = new TextColumn(Field("source_sha256"));
        UploadedAt = new ValueColumn<DateTime>(Field("uploaded_at"));
        Columns(Role, StaffGroup, Site, EstablishmentFte, StaffInPostFte, StaffInPostHeadcount, VacanciesFte, VacanciesAdvertised,
            Applications, Starters, Leavers, AgencyFte, BankFte, SourceRow, SourceSha256, UploadedAt);
    }

    public TextColumn Role { get; }
    public TextColumn StaffGroup { get; }
    public TextColumn Site { get; }
    public OptionalValueColumn<double> EstablishmentFte { get; }
    public ValueColumn<double> StaffInPostFte { get; }
    public ValueColumn<int> StaffInPostHeadcount { get; }
    public ValueColumn<double> VacanciesFte { get; }
    public OptionalValueColumn<int> VacanciesAdvertised { get; }
    public OptionalValueColumn<int> Applications { get; }
    public ValueColumn<int> Starters { get; }
    public ValueColumn<int> Leavers { get; }
    public OptionalValueColumn<double> AgencyFte { get; }
    public OptionalValueColumn<double> BankFte { get; }
    public ValueColumn<int> SourceRow { get; }
    public TextColumn SourceSha256 { get; }
    public ValueColumn<DateTime> UploadedAt { get; }

    public override CuratedColumns NewBatch() => new VacancyColumns();
}

/// <summary>Curated exit rows (<see cref="ExitRecord"/>) as columns.</summary>
public sealed class ExitColumns : CuratedColumns
{
    private static readonly ParquetSchema RecordSchema = typeof(ExitRecord).GetParquetSchema(forWriting: true);

    public ExitColumns() : base(RecordSchema)
    {
        LeaverId = new TextColumn(Field("leaver_id"));
        LeaveDate = new ValueColumn<DateOnly>(Field("leave_date"));
        Role = new TextColumn(Field("role"));
        StaffGroup = new TextColumn(Field("staff_group"));
        StartDate = new OptionalValueColumn<DateOnly>(Field("start_date"));
        LengthOfServiceMonths = new OptionalValueColumn<int>(Field("length_of_service_months"));
        Reason = new TextColumn(Field("reason"));
        Destination = new TextColumn(Field("destination"));
        WouldRecommend = new OptionalValueColumn<bool>(Field("would_recommend"));
        WouldReturn = new OptionalValueColumn<bool>(Field("would_return"));
        AgeBand = new TextColumn(Field("age_band"));
        SourceRow = new ValueColumn<int>(Field("source_row"));
        SourceSha256 = new TextColumn(Field("source_sha256"));
        UploadedAt = new ValueColumn<DateTime>(Field("uploaded_at"));
        Columns(LeaverId, LeaveDate, Role, StaffGroup, StartDate, LengthOfServiceMonths, Reason, Destination,
            WouldRecommend, WouldReturn, AgeBand, SourceRow, SourceSha256, UploadedAt);
    }

    public TextColumn LeaverId { get; }
    public ValueColumn<DateOnly> LeaveDate { get; }
    public TextColumn Role { get; }
    public TextColumn StaffGroup { get; }
    public OptionalValueColumn<DateOnly> StartDate { get; }
    public OptionalValueColumn<int> LengthOfServiceMonths { get; }
    public TextColumn Reason { get; }
    public TextColumn Destination { get; }
    public OptionalValueColumn<bool> WouldRecommend { get; }
    public OptionalValueColumn<bool> WouldReturn { get; }
    public TextColumn AgeBand { get; }
    public ValueColumn<int> SourceRow { get; }
    public TextColumn SourceSha256 { get; }
    public ValueColumn<DateTime> UploadedAt { get; }

    /// <summary>
    /// Zstd's fastest level: the largest column is the leaver ids' HMAC, which no level shrinks
    /// (1M rows: 39.6 MB at Fastest, 40.4 MB at Optimal, and more CPU).
    /// </summary>
    public override CompressionLevel Compression => CompressionLevel.Fastest;

    public override CuratedColumns NewBatch() => new ExitColumns();
}
