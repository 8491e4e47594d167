using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/NgoFunctions.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
