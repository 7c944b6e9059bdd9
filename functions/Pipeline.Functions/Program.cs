using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pipeline.Azure;
using Pipeline.Functions;
using Pipeline.Functions.Http;
using Pipeline.Functions.Middleware;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionHandlingMiddleware>();
builder.UseMiddleware<CallerMiddleware>();
builder.Services.AddPipeline(builder.Configuration).AddPipelineAzureStorage(builder.Configuration);
builder.Services.AddPipelineTelemetry(builder.Configuration);
builder.Build().Run();
