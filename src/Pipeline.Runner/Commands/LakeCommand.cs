using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

/// <summary>
/// A verb that works on one lake: the lake its <c>--lake</c>/<c>--storage</c> flags name is opened
/// once (<see cref="PipelineLakes.Open"/>) and closed after the verb, whatever happens.
/// </summary>
public abstract class LakeCommand<TSettings>(PipelineLakes lakes) : AsyncCommand<TSettings>
    where TSettings : LakeSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        await using var pipeline = lakes.Open(settings);
        return await ExecuteAsync(pipeline, settings, cancellationToken);
    }

    protected abstract Task<int> ExecuteAsync(PipelineContext pipeline, TSettings settings, CancellationToken cancellationToken);
}
