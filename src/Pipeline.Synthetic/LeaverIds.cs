namespace Pipeline.Synthetic;

/// <summary>A partner's HR ids (e.g. ESR's <c>E123456</c>), handed out in increasing order so no leaver has two.</summary>
internal sealed class LeaverIds(SyntheticPartner partner, int seed)
{
    private SeededRandom _random = SeededRandom.For(seed, partner.Id + "/ids");
    private long _next = -1;

    public string Next()
    {
        if (_next < 0)
        {
            var smallest = (long)Math.Pow(10, partner.LeaverIdDigits - 1);
            _next = smallest + _random.Next((int)Math.Min(int.MaxValue, smallest * 4));
        }
        _next += _random.Between(1, 7);
        return partner.LeaverIdPrefix + _next.ToString(new string('0', partner.LeaverIdDigits), CultureInfo.InvariantCulture);
    }
}
