namespace Pipeline.Synthetic;

/// <summary>What one written upload holds: its data rows and, for a vacancy return, the sums a test can check.</summary>
internal sealed class FileStats
{
    public long Rows { get; set; }
    public decimal VacanciesFte { get; set; }
    public decimal StaffInPostFte { get; set; }
    public long StaffInPostHeadcount { get; set; }
    public long Starters { get; set; }
    public long Leavers { get; set; }

    public void Add(VacancyFigures figures)
    {
        Rows++;
        VacanciesFte += figures.VacanciesFte;
        StaffInPostFte += figures.StaffInPostFte;
        StaffInPostHeadcount += figures.StaffInPostHeadcount;
        Starters += figures.Starters;
        Leavers += figures.Leavers;
    }

    public void Add(FileStats other)
    {
        Rows += other.Rows;
        VacanciesFte += other.VacanciesFte;
        StaffInPostFte += other.StaffInPostFte;
        StaffInPostHeadcount += other.StaffInPostHeadcount;
        Starters += other.Starters;
        Leavers += other.Leavers;
    }
}
