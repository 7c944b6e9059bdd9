namespace Pipeline.Testing;

/// <summary>
/// A test class whose every test has a lake of its own: xUnit creates the class once per test
/// and disposes it after, and the lake goes with it.
/// </summary>
public abstract class LakeTests(TestLake lake) : IDisposable
{
    protected TestLake Lake { get; } = lake;

    public void Dispose()
    {
        Lake.Dispose();
        GC.SuppressFinalize(this);
    }
}
