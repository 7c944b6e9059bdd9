namespace Pipeline.Runner;

/// <summary>The pipeline over the lake one verb's flags name (see <see cref="PipelineLakes"/>); disposed when the verb ends.</summary>
public sealed class PipelineContext(ServiceProvider services) : IAsyncDisposable
{
    private readonly LakeLocation _location = services.GetRequiredService<LakeLocation>();

    /// <summary>One of the pipeline's services, built by <c>AddPipeline</c> over this lake.</summary>
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public IObjectStore Objects => Get<IObjectStore>();

    public ITableStore Tables => Get<ITableStore>();

    /// <summary>Where the lake is, in words for the user.</summary>
    public string Description => _location.Description;

    /// <inheritdoc cref="LakeLocation.Locate"/>
    public string Locate(string lakePath) => _location.Locate(lakePath);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
