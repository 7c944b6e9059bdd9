using Pipeline.Runner;

return await RunnerApp.RunAsync(args);
