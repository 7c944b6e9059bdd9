namespace Pipeline.Core.Indicators;

/// <summary>Names of the curated columns the indicators group by.</summary>
public static class GroupingColumns
{
    public const string Role = "role";
    public const string StaffGroup = "staff_group";
}

/// <summary>
/// The per-cell sums of one partition (one partner's month) while its row groups are read. Each
/// row group's role and staff-group columns become small codes, so every (role, staff group) pair
/// of the group finds its cell once, not once a row; cells keep the order their first rows came in.
/// </summary>
public sealed class PartitionCells<TSums>(string partner)
    where TSums : class, new()
{
    private readonly Dictionary<Cell, TSums> _cells = [];

    /// <summary>The sums each row of the batch adds to, one a row.</summary>
    public TSums[] CellsOfRows(ColumnBatch batch)
    {
        var roles = batch.Text(GroupingColumns.Role);
        var groups = batch.Text(GroupingColumns.StaffGroup);
        var groupCount = groups.Values.Count;
        var pairs = new TSums?[roles.Values.Count * groupCount];
        var cells = new TSums[batch.RowCount];
        for (var row = 0; row < cells.Length; row++)
        {
            var (role, group) = (roles.Codes[row], groups.Codes[row]);
            cells[row] = pairs[role * groupCount + group] ??= CellSums(Cell.Of(partner, roles.Values[role] ?? "", groups.Values[group] ?? ""));
        }
        return cells;
    }

    /// <summary>Adds this partition's cells to its month's; no other partition has cells of the same partner and month.</summary>
    public void AddTo(Dictionary<Cell, TSums> month)
    {
        foreach (var (cell, sums) in _cells)
        {
            month.Add(cell, sums);
        }
    }

    private TSums CellSums(Cell cell)
    {
        if (!_cells.TryGetValue(cell, out var sums))
        {
            _cells[cell] = sums = new TSums();
        }
        return sums;
    }
}
