using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Moq;
using Pipeline.Functions.Middleware;

namespace Pipeline.Functions.Tests.Middleware;

public sealed class ExceptionHandlingMiddlewareTests
{
    private const string InvocationId = "7f0c2b1e-invocation";

    /// <summary>Where the ASP.NET Core integration keeps a function's HttpContext (read by <c>GetHttpContext()</c>).</summary>
    private const string HttpContextItem = "HttpRequestContext";

    private readonly RecordingLogger _logger = new();

    [Fact]
    public async Task Invoke_HttpFunctionThrows_Answers500ProblemWithTheCorrelationIdAndNoDetailOfTheFailure()
    {
        var http = NewHttpContext();
        var failure = new InvalidOperationException("connection string AccountKey=secret");

        await Middleware().Invoke(Context(http), _ => throw failure);

        Assert.Equal(500, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(InvocationId, http.Response.Headers[ExceptionHandlingMiddleware.CorrelationHeader].ToString());
        var body = ReadBody(http);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(InvocationId, problem.RootElement.GetProperty("correlation_id").GetString());
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        var logged = Assert.Single(_logger.Entries);
        Assert.Equal((LogLevel.Error, failure), (logged.Level, logged.Exception));
        Assert.Contains(logged.State, pair => pair.Key == "CorrelationId" && Equals(pair.Value, InvocationId));
    }

    [Fact]
    public async Task Invoke_QueueFunctionThrows_LogsAndRethrowsSoTheHostRetries()
    {
        var failure = new IOException("the lake is unreachable");

        var thrown = await Assert.ThrowsAsync<IOException>(() => Middleware().Invoke(Context(http: null), _ => throw failure));

        Assert.Same(failure, thrown);
        var logged = Assert.Single(_logger.Entries);
        Assert.Equal((LogLevel.Error, failure), (logged.Level, logged.Exception));
    }

    [Fact]
    public async Task Invoke_HttpFunctionThrowsAfterTheResponseStarted_Rethrows()
    {
        var http = NewHttpContext();
        var started = new Mock<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>();
        started.SetupGet(feature => feature.HasStarted).Returns(true);
        started.SetupProperty(feature => feature.StatusCode, 200);
        http.Features.Set(started.Object);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Middleware().Invoke(Context(http), _ => throw new InvalidOperationException("half way")));

        Assert.Equal(200, http.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_FunctionSucceeds_LeavesItsResponseAlone()
    {
        var http = NewHttpContext();

        await Middleware().Invoke(Context(http), _ =>
        {
            http.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        Assert.Equal(204, http.Response.StatusCode);
        Assert.Empty(_logger.Entries);
    }

    private ExceptionHandlingMiddleware Middleware() => new(_logger);

    private static DefaultHttpContext NewHttpContext()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static FunctionContext Context(HttpContext? http)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("GetIndicators");
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items[HttpContextItem] = http;
        }
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.Items).Returns(items);
        return context.Object;
    }

    private static string ReadBody(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }

    private sealed class RecordingLogger : ILogger<ExceptionHandlingMiddleware>
    {
        public List<(LogLevel Level, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}
