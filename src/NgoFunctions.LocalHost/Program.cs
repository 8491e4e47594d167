using NgoFunctions.LocalHost;

await LocalHostApp.Build(args).RunAsync();
