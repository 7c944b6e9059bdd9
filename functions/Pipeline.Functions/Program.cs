using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pipeline.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<Pipeline.Functions.Http.CallerMiddleware>();
builder.Services.AddPipelineFunctions(builder.Configuration);
builder.Build().Run();
